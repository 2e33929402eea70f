import { criticalPath } from "@milo/core";
import { describe, expect, it } from "vitest";
import { recordedGraph, recordedState } from "../../../test/recordedRun";
import { foldGraph } from "../../Graph/foldGraph";
import { layoutGraph } from "../../Graph/layout";
import { criticalPathOverlay } from "../../Run/criticalPathOverlay";
import { STATUS_STYLES } from "../../Status/statusStyle";
import { exportFileName } from "../exportFileName";
import { graphSvg } from "../graphSvg";

const parse = (text: string) => new DOMParser().parseFromString(text, "image/svg+xml");

describe("graphSvg", () => {
  const state = recordedState();
  const layout = layoutGraph(recordedGraph);
  const unfolded = foldGraph(recordedGraph, state, new Set());
  const draw = (overrides: Partial<Parameters<typeof graphSvg>[0]> = {}) =>
    graphSvg({
      name: recordedGraph.name,
      graph: unfolded,
      layout,
      state,
      theme: "light",
      now: state.endedAt!,
      ...overrides,
    });

  it("is one well-formed SVG document with a box per phase where the view puts it", () => {
    const document = parse(draw());
    expect(document.querySelector("parsererror")).toBeNull();
    const phases = [...document.querySelectorAll("g.phase")];
    expect(phases.map((node) => node.getAttribute("data-phase"))).toEqual(
      recordedGraph.phases.map((phase) => phase.name),
    );
    const first = layout.positions[0]!;
    expect(phases[0]!.getAttribute("transform")).toBe(`translate(${first.x + 24} ${first.y + 24})`);
    const edges = recordedGraph.phases.reduce((sum, phase) => sum + phase.dependsOn.length, 0);
    expect(document.querySelectorAll("path.edge")).toHaveLength(edges);
  });

  it("colors each box by its phase's status, as the view does", () => {
    const document = parse(draw({ theme: "dark" }));
    for (const phase of state.phases) {
      const node = document.querySelector(`g.phase[data-phase="${phase.name}"]`)!;
      expect(node.getAttribute("data-status")).toBe(phase.status);
      expect(node.querySelector("rect[rx='8']")!.getAttribute("stroke")).toBe(
        STATUS_STYLES[phase.status].color.dark,
      );
    }
  });

  it("draws the overlay: the critical path highlighted and marked, the rest dimmed", () => {
    const path = criticalPath(recordedGraph, state);
    const overlay = criticalPathOverlay(recordedGraph, path);
    const document = parse(draw({ overlay }));
    const onPath = new Set(path.steps.map((step) => step.name));
    for (const node of document.querySelectorAll("g.phase")) {
      const name = node.getAttribute("data-phase")!;
      expect(node.getAttribute("data-mark")).toBe(onPath.has(name) ? "critical" : null);
      expect(node.getAttribute("opacity")).toBe(onPath.has(name) ? null : "0.25");
    }
    const wide = [...document.querySelectorAll("path.edge[stroke-width='3']")];
    expect(wide).toHaveLength(overlay.highlightEdges!.size);
  });

  it("keeps any phase name as text", () => {
    const odd = {
      name: 'a <b> & "c"',
      phases: [{ name: "<x&y>", dependsOn: [], parallel: true, weight: 1, description: "" }],
    };
    const document = parse(
      graphSvg({
        name: odd.name,
        graph: foldGraph(odd, null, new Set()),
        layout: layoutGraph(odd),
        state: null,
        theme: "light",
        now: 0,
      }),
    );
    expect(document.querySelector("parsererror")).toBeNull();
    expect(document.querySelector("g.phase")!.getAttribute("data-phase")).toBe("<x&y>");
    expect(document.querySelector("svg > title")!.textContent).toBe('a <b> & "c"');
  });

  it("draws a folded group as one box with its counts, and its edges merged", () => {
    // checkout → (fetch-deps ‖ lint) → build → test, with fetch-deps and lint in one group.
    const grouped = {
      ...recordedGraph,
      phases: recordedGraph.phases.map((phase) =>
        phase.name === "fetch-deps" || phase.name === "lint" ? { ...phase, group: "prep" } : phase,
      ),
    };
    const folded = foldGraph(grouped, state, new Set(["prep"]));
    const input = { phases: folded.nodes.map(({ name, dependsOn }) => ({ name, dependsOn })) };
    const document = parse(
      draw({ graph: folded, layout: layoutGraph(input), now: state.endedAt! }),
    );
    expect(document.querySelector("parsererror")).toBeNull();
    const group = document.querySelector('g.group[data-group="prep"]')!;
    expect(group.getAttribute("data-phase-count")).toBe("2");
    expect(group.textContent).toContain("2 phases");
    expect(document.querySelectorAll("g.phase")).toHaveLength(3);
    // checkout → prep, prep → build (two dependencies merged into one edge), build → test.
    expect(document.querySelectorAll("path.edge")).toHaveLength(3);
  });
});

describe("exportFileName", () => {
  it("names the file after the pipeline and the run, safe for any file system", () => {
    expect(exportFileName("site", "0b5c3a9e-1234", "svg")).toBe("site-0b5c3a9e.svg");
    expect(exportFileName("my/odd: pipe", null, "mmd")).toBe("my-odd-pipe.mmd");
    expect(exportFileName("///", "abc", "png")).toBe("pipeline-abc.png");
  });
});
