import { type PhaseGraph, type PipelineGraph, type PipelineState, phaseStatus } from "@milo/core";
import { type Grouping, groupPhases } from "./groupPhases";
import { type GroupSummary, summarizeGroup } from "./groupSummary";

/** Which groups are folded: their names, or every group. */
export type FoldedGroups = ReadonlySet<string> | "all";

/** A phase drawn as itself. `name` is its node's id (the phase's name). */
export interface DrawnPhase {
  readonly kind: "phase";
  readonly name: string;
  readonly dependsOn: readonly string[];
  readonly phase: PhaseGraph;
}

/** A folded group drawn as one node. `name` is its node's id, never a phase's name. */
export interface DrawnGroup {
  readonly kind: "group";
  readonly name: string;
  readonly dependsOn: readonly string[];
  /** The group's own name, as shown. */
  readonly group: string;
  readonly phases: readonly PhaseGraph[];
  /** Its phases' statuses in the run given (all pending without one). */
  readonly summary: GroupSummary;
}

export type DrawnNode = DrawnPhase | DrawnGroup;

export interface DrawnEdge {
  readonly source: string;
  readonly target: string;
  /** How many dependencies between phases it stands for (more than 1 when merged). */
  readonly count: number;
}

/** A graph as drawn with some groups folded; `{ phases: nodes }` is a layout input. */
export interface FoldedGraph {
  readonly nodes: readonly DrawnNode[];
  readonly edges: readonly DrawnEdge[];
  /** Every group the graph can fold, folded or not. */
  readonly grouping: Grouping;
}

/** The node id of a folded group: `group:<name>`, with more `group:` until no phase has it. */
export function groupNodeId(group: string, phaseNames: ReadonlySet<string>): string {
  let id = `group:${group}`;
  while (phaseNames.has(id)) id = `group:${id}`;
  return id;
}

/**
 * The graph as drawn when `folded` groups are each one node: a folded group stands where its
 * first phase would, its phases' dependencies on one another disappear, and every dependency
 * into or out of it becomes one edge per neighbouring node (merged, counted). Phases of groups
 * not folded, and phases in no group, are drawn as themselves. Pure: the page's graph and any
 * export of it draw the same folded graph from the same inputs.
 */
export function foldGraph(
  graph: PipelineGraph,
  state: PipelineState | null,
  folded: FoldedGroups,
  grouping: Grouping = groupPhases(graph),
): FoldedGraph {
  const phaseNames = new Set(graph.phases.map((phase) => phase.name));
  const nodeOf = new Map<string, string>();
  const foldedGroups = grouping.groups.filter(
    (group) => folded === "all" || folded.has(group.name),
  );
  for (const group of foldedGroups) {
    const id = groupNodeId(group.name, phaseNames);
    for (const phase of group.phases) nodeOf.set(phase, id);
  }
  const byName = new Map(graph.phases.map((phase) => [phase.name, phase]));
  const dependsOn = new Map<string, Set<string>>();
  const edgeCounts = new Map<string, Map<string, number>>();
  for (const phase of graph.phases) {
    const target = nodeOf.get(phase.name) ?? phase.name;
    const sources = dependsOn.get(target) ?? new Set<string>();
    dependsOn.set(target, sources);
    for (const dependency of phase.dependsOn) {
      const source = nodeOf.get(dependency) ?? dependency;
      if (source === target || !byName.has(dependency)) continue;
      sources.add(source);
      const counts = edgeCounts.get(target) ?? new Map<string, number>();
      edgeCounts.set(target, counts);
      counts.set(source, (counts.get(source) ?? 0) + 1);
    }
  }
  const groupsById = new Map(
    foldedGroups.map((group) => [groupNodeId(group.name, phaseNames), group]),
  );
  const statusOf = (name: string) => (state ? phaseStatus(state, name)?.status : undefined);
  const nodes: DrawnNode[] = [];
  const drawn = new Set<string>();
  for (const phase of graph.phases) {
    const id = nodeOf.get(phase.name) ?? phase.name;
    if (drawn.has(id)) continue;
    drawn.add(id);
    const group = groupsById.get(id);
    const sources = [...(dependsOn.get(id) ?? [])];
    if (group === undefined) {
      nodes.push({ kind: "phase", name: id, dependsOn: sources, phase });
      continue;
    }
    const phases = group.phases.map((name) => byName.get(name)!);
    nodes.push({
      kind: "group",
      name: id,
      dependsOn: sources,
      group: group.name,
      phases,
      summary: summarizeGroup(phases, statusOf),
    });
  }
  const edges: DrawnEdge[] = nodes.flatMap((node) =>
    node.dependsOn.map((source) => ({
      source,
      target: node.name,
      count: edgeCounts.get(node.name)?.get(source) ?? 1,
    })),
  );
  return { nodes, edges, grouping };
}

/**
 * The folded graph as a pipeline graph the layout and the canvas draw like any other: each
 * folded group a phase named by its node id (its weight the sum of its phases'), each phase's
 * dependencies those of its node. The graph itself when no group is folded.
 */
export function drawnPipelineGraph(graph: PipelineGraph, folded: FoldedGraph): PipelineGraph {
  if (!folded.nodes.some((node) => node.kind === "group")) return graph;
  return {
    name: graph.name,
    phases: folded.nodes.map((node) =>
      node.kind === "phase"
        ? { ...node.phase, dependsOn: node.dependsOn }
        : {
            name: node.name,
            dependsOn: node.dependsOn,
            parallel: true,
            weight: node.phases.reduce((sum, phase) => sum + phase.weight, 0),
            description: `${node.group}: ${node.phases.length} phases, folded`,
          },
    ),
  };
}
