import {
  action,
  compareRuns,
  createPipelineReducer,
  criticalPath,
  INIT,
  PHASE_COMPLETE,
  PHASE_FAILED,
  PHASE_START,
  PIPELINE_COMPLETE,
  PIPELINE_START,
  type PipelineGraph,
  type PipelineState,
} from "@milo/core";
import { describe, expect, it } from "vitest";
import { edgeKey } from "../../Graph/GraphOverlay";
import { comparisonOverlay } from "../comparisonOverlay";
import { criticalPathOverlay } from "../criticalPathOverlay";

/** prepare → (long ‖ short) → finish, all parallel. */
const graph: PipelineGraph = {
  name: "branches",
  phases: [
    { name: "prepare", dependsOn: [], parallel: true, weight: 1, description: "" },
    { name: "long", dependsOn: ["prepare"], parallel: true, weight: 1, description: "" },
    { name: "short", dependsOn: ["prepare"], parallel: true, weight: 1, description: "" },
    { name: "finish", dependsOn: ["long", "short"], parallel: true, weight: 1, description: "" },
  ],
};

/** A finished run in which `long` took `longMs` (and failed when asked). */
function run(longMs: number, longFails = false): PipelineState {
  const reducer = createPipelineReducer(graph);
  const longEnd = 100 + longMs;
  const actions = [
    action(PIPELINE_START, { at: 0 }),
    action(PHASE_START, { name: "prepare", attempt: 1, at: 0 }),
    action(PHASE_COMPLETE, { name: "prepare", at: 100 }),
    action(PHASE_START, { name: "long", attempt: 1, at: 100 }),
    action(PHASE_START, { name: "short", attempt: 1, at: 100 }),
    action(PHASE_COMPLETE, { name: "short", at: 150 }),
    longFails
      ? action(PHASE_FAILED, { name: "long", error: "boom", at: longEnd })
      : action(PHASE_COMPLETE, { name: "long", at: longEnd }),
    ...(longFails
      ? []
      : [
          action(PHASE_START, { name: "finish", attempt: 1, at: longEnd }),
          action(PHASE_COMPLETE, { name: "finish", at: longEnd + 100 }),
        ]),
    action(PIPELINE_COMPLETE, { at: longFails ? longEnd : longEnd + 100 }),
  ];
  return actions.reduce(reducer, reducer(undefined, { type: INIT, payload: undefined }));
}

describe("criticalPathOverlay", () => {
  it("highlights the chain, dims the rest, lights its edges and marks each step's share", () => {
    const overlay = criticalPathOverlay(graph, criticalPath(graph, run(800)));
    expect([...overlay.highlight!]).toEqual(["prepare", "long", "finish"]);
    expect(overlay.dimOthers).toBe(true);
    expect([...overlay.highlightEdges!]).toEqual([
      edgeKey("prepare", "long"),
      edgeKey("long", "finish"),
    ]);
    expect(overlay.marks!.get("long")).toMatchObject({ tone: "critical", badge: "80%" });
    expect(overlay.marks!.get("long")!.title).toBe("On the critical path: 800ms, 80% of the run");
    expect(overlay.marks!.has("short")).toBe(false);
  });

  it("lights no edge between steps where one only waited for a slot the other freed", () => {
    const chain = criticalPath(graph, run(800));
    const slotOnly = {
      ...chain,
      steps: chain.steps.map((step) =>
        step.name === "finish" ? { ...step, name: "short", waitedOn: "slot" as const } : step,
      ),
    };
    expect([...criticalPathOverlay(graph, slotOnly).highlightEdges!]).toEqual([
      edgeKey("prepare", "long"),
    ]);
  });
});

describe("comparisonOverlay", () => {
  it("tints a phase that took notably longer or shorter, with its ratio", () => {
    const slower = comparisonOverlay(compareRuns(graph, run(400), run(840)));
    expect(slower.marks!.get("long")).toMatchObject({ tone: "slower", badge: "2.1× slower" });
    expect(slower.marks!.get("long")!.title).toBe("2.1× slower: +440ms (400ms → 840ms)");
    const faster = comparisonOverlay(compareRuns(graph, run(840), run(400)));
    expect(faster.marks!.get("long")).toMatchObject({ tone: "faster", badge: "2.1× faster" });
  });

  it("leaves alone phases that took about as long, or changed by a few milliseconds", () => {
    const marks = comparisonOverlay(compareRuns(graph, run(800), run(830))).marks!;
    expect([...marks.keys()]).toEqual([]);
  });

  it("says how a status changed, before any duration change", () => {
    const marks = comparisonOverlay(compareRuns(graph, run(400), run(900, true))).marks!;
    expect(marks.get("long")).toMatchObject({
      tone: "changed",
      badge: "passed before, failed now",
    });
    expect(marks.get("finish")).toMatchObject({
      tone: "changed",
      badge: "passed before, did not run now",
    });
  });
});
