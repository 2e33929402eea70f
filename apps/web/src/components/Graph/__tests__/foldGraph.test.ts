import {
  createPipelineReducer,
  INIT,
  type PhaseGraph,
  type PipelineGraph,
  type PipelineState,
} from "@milo/core";
import { describe, expect, it } from "vitest";
import { drawnPipelineGraph, foldGraph, groupNodeId } from "../foldGraph";
import { foldParam, parseFoldParam } from "../foldParam";
import { groupPhases, levelGroups, namePrefix } from "../groupPhases";
import { summarizeGroup } from "../groupSummary";

function phase(name: string, dependsOn: string[] = [], extra: Partial<PhaseGraph> = {}) {
  return { name, dependsOn, parallel: true, weight: 1, description: "", ...extra };
}

/** checkout → build-a, build-b → test-a, test-b → deploy; docs in no group. */
const build: PipelineGraph = {
  name: "build",
  phases: [
    phase("checkout"),
    phase("build-a", ["checkout"]),
    phase("build-b", ["checkout"]),
    phase("test-a", ["build-a", "build-b"]),
    phase("test-b", ["build-b"]),
    phase("docs", ["checkout"]),
    phase("deploy", ["test-a", "test-b", "docs", "checkout"]),
  ],
};

/** The state after `actions`, through the core's reducer. */
function stateAfter(graph: PipelineGraph, actions: [string, object][]): PipelineState {
  const reducer = createPipelineReducer(graph);
  let state = reducer(undefined, { type: INIT, payload: undefined });
  for (const [type, payload] of actions) state = reducer(state, { type, payload });
  return state;
}

describe("groupPhases", () => {
  it("takes the part of a name before its last separator", () => {
    expect(namePrefix("l06-p39")).toBe("l06");
    expect(namePrefix("site/render.html")).toBe("site/render");
    expect(namePrefix("ns:task")).toBe("ns");
    expect(namePrefix("plain")).toBeNull();
    expect(namePrefix("-leading")).toBeNull();
  });

  it("groups by shared name prefix, leaving alone the phases that share none", () => {
    expect(groupPhases(build)).toEqual({
      kind: "prefix",
      groups: [
        { name: "build", phases: ["build-a", "build-b"] },
        { name: "test", phases: ["test-a", "test-b"] },
      ],
    });
  });

  it("prefers the phases' own group fields, even a group of one", () => {
    const graph: PipelineGraph = {
      name: "g",
      phases: [
        phase("fetch-a", [], { group: "io" }),
        phase("fetch-b", [], { group: "io" }),
        phase("crunch", ["fetch-a"], { group: "cpu" }),
        phase("report", ["crunch"]),
      ],
    };
    expect(groupPhases(graph)).toEqual({
      kind: "group",
      groups: [
        { name: "io", phases: ["fetch-a", "fetch-b"] },
        { name: "cpu", phases: ["crunch"] },
      ],
    });
  });

  it("groups a big graph without shared prefixes by column, and a small one not at all", () => {
    const chainOf = (count: number): PipelineGraph => ({
      name: "chain",
      phases: Array.from({ length: count }, (_, index) =>
        phase(`n${index}`, index < 2 ? [] : [`n${index - 2}`]),
      ),
    });
    expect(groupPhases(chainOf(10))).toEqual({ kind: "none", groups: [] });
    const big = groupPhases(chainOf(200));
    expect(big.kind).toBe("level");
    expect(big.groups).toHaveLength(100);
    expect(big.groups[0]).toEqual({ name: "level 1", phases: ["n0", "n1"] });
    // The timeline's grouping by level names every phase as the graph's columns do.
    const levels = levelGroups(chainOf(200));
    for (const group of big.groups) {
      for (const name of group.phases) expect(levels.get(name)).toBe(group.name);
    }
  });

  it("names each phase's column from level 1, the phases that depend on nothing", () => {
    expect(Object.fromEntries(levelGroups(build))).toEqual({
      checkout: "level 1",
      "build-a": "level 2",
      "build-b": "level 2",
      docs: "level 2",
      "test-a": "level 3",
      "test-b": "level 3",
      deploy: "level 4",
    });
  });

  it("does not fold a graph into one node when a single prefix covers it", () => {
    const graph: PipelineGraph = { name: "g", phases: [phase("p-1"), phase("p-2", ["p-1"])] };
    expect(groupPhases(graph).kind).toBe("none");
  });
});

describe("foldGraph", () => {
  it("draws every phase as itself when nothing is folded", () => {
    const folded = foldGraph(build, null, new Set());
    expect(folded.nodes.map((node) => node.name)).toEqual(build.phases.map((p) => p.name));
    expect(folded.edges).toHaveLength(10);
    expect(drawnPipelineGraph(build, folded)).toBe(build);
  });

  it("makes a folded group one node, merging its edges and dropping those inside it", () => {
    const folded = foldGraph(build, null, new Set(["build"]));
    const group = groupNodeId("build", new Set());
    expect(folded.nodes.map((node) => node.name)).toEqual([
      "checkout",
      group,
      "test-a",
      "test-b",
      "docs",
      "deploy",
    ]);
    expect(folded.edges).toEqual([
      { source: "checkout", target: group, count: 2 },
      { source: group, target: "test-a", count: 2 },
      { source: group, target: "test-b", count: 1 },
      { source: "checkout", target: "docs", count: 1 },
      { source: "test-a", target: "deploy", count: 1 },
      { source: "test-b", target: "deploy", count: 1 },
      { source: "docs", target: "deploy", count: 1 },
      { source: "checkout", target: "deploy", count: 1 },
    ]);
  });

  it("links two folded groups by one edge and counts each group's statuses", () => {
    const state = stateAfter(build, [
      ["@@PIPELINE_START", { at: 0 }],
      ["@@PHASE_START", { name: "checkout", attempt: 1, at: 1 }],
      ["@@PHASE_COMPLETE", { name: "checkout", at: 2 }],
      ["@@PHASE_START", { name: "build-a", attempt: 1, at: 3 }],
      ["@@PHASE_START", { name: "build-b", attempt: 1, at: 3 }],
      ["@@PHASE_COMPLETE", { name: "build-b", at: 4 }],
    ]);
    const folded = foldGraph(build, state, "all");
    const buildId = groupNodeId("build", new Set());
    const testId = groupNodeId("test", new Set());
    expect(folded.edges.filter((edge) => edge.target === testId)).toEqual([
      { source: buildId, target: testId, count: 3 },
    ]);
    const [buildGroup, testGroup] = folded.nodes.filter((node) => node.kind === "group");
    expect(buildGroup).toMatchObject({
      group: "build",
      summary: { total: 2, counts: { running: 1, completed: 1 }, progress: 0.5 },
    });
    expect(testGroup).toMatchObject({
      group: "test",
      summary: { total: 2, counts: { pending: 2 }, progress: 0 },
    });
  });

  it("weighs a group's progress by its phases' weights", () => {
    const graph: PipelineGraph = {
      name: "g",
      phases: [phase("a-1", [], { weight: 3 }), phase("a-2", [], { weight: 1 }), phase("b")],
    };
    const state = stateAfter(graph, [
      ["@@PIPELINE_START", { at: 0 }],
      ["@@PHASE_START", { name: "a-1", attempt: 1, at: 1 }],
      ["@@PHASE_COMPLETE", { name: "a-1", at: 2 }],
    ]);
    const [group] = foldGraph(graph, state, "all").nodes;
    expect(group).toMatchObject({ kind: "group", summary: { progress: 0.75 } });
  });

  it("counts phases of weight 0 by number for the progress", () => {
    const phases = [
      { name: "a", weight: 0 },
      { name: "b", weight: 0 },
    ];
    expect(summarizeGroup(phases, (name) => (name === "a" ? "skipped" : "running"))).toEqual({
      total: 2,
      counts: { skipped: 1, running: 1 },
      progress: 0.5,
    });
    expect(summarizeGroup([], () => undefined)).toEqual({ total: 0, counts: {}, progress: 0 });
  });

  it("never gives a group node the name of a phase", () => {
    const graph: PipelineGraph = {
      name: "g",
      phases: [phase("group:x"), phase("x-1"), phase("x-2")],
    };
    const folded = foldGraph(graph, null, "all");
    const ids = folded.nodes.map((node) => node.name);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain("group:group:x");
  });

  it("gives a drawn graph the layout and canvas can take, one node per folded group", () => {
    const drawn = drawnPipelineGraph(build, foldGraph(build, null, "all"));
    expect(drawn.phases.map((p) => [p.name, p.dependsOn])).toEqual([
      ["checkout", []],
      ["group:build", ["checkout"]],
      ["group:test", ["group:build"]],
      ["docs", ["checkout"]],
      ["deploy", ["group:test", "docs", "checkout"]],
    ]);
    expect(drawn.phases[1]).toMatchObject({ weight: 2, parallel: true });
  });
});

describe("the ?fold= parameter", () => {
  const groups = ["a", "b", "c"];

  it("keeps a group whose name has a comma or a percent sign", () => {
    const odd = ["x,y", "50%", "z"];
    const value = foldParam(new Set(["x,y", "50%"]), odd);
    expect(value).toBe("x%2Cy,50%25");
    expect(parseFoldParam(value)).toEqual(new Set(["x,y", "50%"]));
  });

  it("reads all, none, a list, and nothing folded without one", () => {
    expect(parseFoldParam("all")).toBe("all");
    expect(parseFoldParam("none")).toEqual(new Set());
    expect(parseFoldParam("a,c")).toEqual(new Set(["a", "c"]));
    expect(parseFoldParam(null)).toEqual(new Set());
  });

  it("writes the shortest value that reads back the same", () => {
    for (const [folded, expected] of [
      [[], null],
      [["a", "b", "c"], "all"],
      [["c", "a"], "a,c"],
    ] as const) {
      const value = foldParam(new Set(folded), groups);
      expect(value).toBe(expected);
      const read = parseFoldParam(value);
      expect(read === "all" ? groups : [...read].sort()).toEqual([...folded].sort());
    }
  });
});
