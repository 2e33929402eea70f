import { describe, expect, it } from "vitest";
import { STATUS_STYLES } from "../../Status/statusStyle";
import { drawShapes, type ShapeContext, type ShapeScene } from "../drawShapes";
import type { PhaseView } from "../PhaseViewStore";
import { phaseAtPoint } from "../phaseAtPoint";
import { phaseEmphasis } from "../phaseEmphasis";

/** A 2D context that records what is drawn: each fill or stroke with its style and shapes. */
function recordingContext() {
  const drawn: { kind: "fill" | "stroke"; style: string; alpha: number; rects: number[][] }[] = [];
  const texts: string[] = [];
  let rects: number[][] = [];
  const context = {
    fillStyle: "",
    strokeStyle: "",
    lineWidth: 1,
    globalAlpha: 1,
    font: "",
    textBaseline: "alphabetic",
    setTransform() {},
    clearRect() {},
    beginPath() {
      rects = [];
    },
    moveTo() {},
    lineTo() {},
    bezierCurveTo() {},
    rect(x: number, y: number, width: number, height: number) {
      rects.push([x, y, width, height]);
    },
    fill() {
      drawn.push({
        kind: "fill",
        style: String(context.fillStyle),
        alpha: context.globalAlpha,
        rects,
      });
    },
    stroke() {
      drawn.push({
        kind: "stroke",
        style: String(context.strokeStyle),
        alpha: context.globalAlpha,
        rects,
      });
    },
    fillText(text: string) {
      texts.push(text);
    },
  };
  return { context: context as unknown as ShapeContext, drawn, texts };
}

const scene: ShapeScene = {
  positions: [
    { name: "a", x: 0, y: 0, rank: 0, order: 0 },
    { name: "b", x: 300, y: 0, rank: 1, order: 0 },
    { name: "c", x: 300, y: 100, rank: 1, order: 1 },
    { name: "far", x: 100_000, y: 0, rank: 2, order: 0 },
  ],
  edges: [
    {
      source: "a",
      target: "b",
      points: [
        { x: 224, y: 34 },
        { x: 300, y: 34 },
      ],
    },
    {
      source: "a",
      target: "c",
      points: [
        { x: 224, y: 34 },
        { x: 300, y: 134 },
      ],
    },
  ],
  nodeWidth: 224,
  nodeHeight: 68,
};

const view = (status: PhaseView["status"], extra: Partial<PhaseView> = {}): PhaseView => ({
  status,
  label: status,
  idle: false,
  attempt: 1,
  agent: null,
  elapsed: null,
  blockedBy: null,
  firstFailure: false,
  waiting: false,
  ...extra,
});
const views: Record<string, PhaseView> = {
  a: view("completed"),
  b: view("failed", { firstFailure: true }),
  c: view("running"),
  far: view("pending"),
};
const frame = { x: 0, y: 0, zoom: 0.5, width: 800, height: 400, pixelRatio: 1 };

describe("drawShapes", () => {
  it("fills each visible phase in its status color, one fill per look, and skips what is off screen", () => {
    const { context, drawn } = recordingContext();
    drawShapes(
      context,
      scene,
      {
        viewOf: (name) => views[name]!,
        emphasis: phaseEmphasis(null, null, undefined),
        selected: "a",
        matched: () => false,
        theme: "light",
      },
      frame,
    );
    const fills = drawn.filter((entry) => entry.kind === "fill");
    const fillOf = (name: string) => {
      const position = scene.positions.find((entry) => entry.name === name)!;
      return fills.find((entry) =>
        entry.rects.some(([x, y]) => x === position.x && y === position.y),
      );
    };
    expect(fillOf("a")?.style).toBe(STATUS_STYLES.completed.color.light);
    expect(fillOf("b")?.style).toBe(STATUS_STYLES.failed.color.light);
    expect(fillOf("c")?.style).toBe(STATUS_STYLES.running.color.light);
    expect(fillOf("far")).toBeUndefined();
    expect(fills).toHaveLength(3);
    // The first failure and the selection are ringed.
    const rings = drawn.filter((entry) => entry.kind === "stroke" && entry.rects.length > 0);
    expect(rings.map((ring) => ring.style)).toEqual([STATUS_STYLES.failed.text.light, "#0f172a"]);
  });

  it("draws the overlay: the rest faded, marks ringed in their tone with their badge", () => {
    const { context, drawn, texts } = recordingContext();
    drawShapes(
      context,
      scene,
      {
        viewOf: (name) => views[name]!,
        emphasis: phaseEmphasis(null, null, {
          highlight: new Set(["a", "b"]),
          dimOthers: true,
          marks: new Map([["b", { tone: "critical", badge: "critical" }]]),
        }),
        selected: null,
        matched: () => false,
        theme: "light",
      },
      { ...frame, zoom: 1 },
    );
    const running = drawn.find(
      (entry) => entry.kind === "fill" && entry.style === STATUS_STYLES.running.color.light,
    )!;
    expect(running.alpha).toBeLessThan(0.3);
    const completed = drawn.find(
      (entry) => entry.kind === "fill" && entry.style === STATUS_STYLES.completed.color.light,
    )!;
    expect(completed.alpha).toBeGreaterThan(0.9);
    expect(drawn.some((entry) => entry.kind === "stroke" && entry.style === "#6d28d9")).toBe(true);
    expect(texts).toEqual(["critical"]);
  });
});

describe("phaseAtPoint", () => {
  const size = { width: 224, height: 68 };
  it("finds the phase under a point, or the nearest within the slop", () => {
    expect(phaseAtPoint(scene.positions, { x: 310, y: 110 }, size)).toBe("c");
    expect(phaseAtPoint(scene.positions, { x: 250, y: 20 }, size)).toBeNull();
    expect(phaseAtPoint(scene.positions, { x: 290, y: 20 }, size, 15)).toBe("b");
  });
});
