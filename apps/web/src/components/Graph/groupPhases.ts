import { executionLevels, type PipelineGraph } from "@milo/core";

/** A set of phases the graph can fold into one node. */
export interface PhaseGroup {
  readonly name: string;
  /** Its phases, in the pipeline's order. */
  readonly phases: readonly string[];
}

/** How a graph's phases were grouped. */
export type GroupingKind = "group" | "prefix" | "level" | "none";

export interface Grouping {
  readonly kind: GroupingKind;
  /** In the order of their first phase in the pipeline. */
  readonly groups: readonly PhaseGroup[];
}

/** Past this many phases a graph with no better grouping is grouped by column. */
export const LEVEL_GROUPING_THRESHOLD = 150;

/** The part of a name before its last `-`, `.`, `/` or `:`: `l06-p39` → `l06`. */
export function namePrefix(name: string): string | null {
  const cut = Math.max(
    name.lastIndexOf("-"),
    name.lastIndexOf("."),
    name.lastIndexOf("/"),
    name.lastIndexOf(":"),
  );
  return cut > 0 ? name.slice(0, cut) : null;
}

/**
 * The groups a graph folds into: the phases' own `group` fields when any phase has one;
 * otherwise name prefixes that at least two phases share (unless one prefix covers every phase,
 * which would fold the whole graph into a single node); otherwise, for a graph of more than
 * LEVEL_GROUPING_THRESHOLD phases, its columns (`level 1`, `level 2`, …); otherwise none.
 */
export function groupPhases(graph: PipelineGraph): Grouping {
  if (graph.phases.some((phase) => phase.group !== undefined)) {
    return { kind: "group", groups: collect(graph, (phase) => phase.group ?? null, 1) };
  }
  const byPrefix = collect(graph, (phase) => namePrefix(phase.name), 2);
  if (byPrefix.length > 0 && byPrefix[0]!.phases.length < graph.phases.length) {
    return { kind: "prefix", groups: byPrefix };
  }
  if (graph.phases.length > LEVEL_GROUPING_THRESHOLD) {
    const levels = levelGroups(graph);
    const groups = collect(graph, (phase) => levels.get(phase.name) ?? levelName(0), 1);
    return { kind: "level", groups: sortByLevel(groups) };
  }
  return { kind: "none", groups: [] };
}

/**
 * Each phase's column as a group name, counted from 1: `level 1` holds the phases that depend on
 * nothing. The graph folds a big graph's columns and the timeline groups its rows by the same names.
 */
export function levelGroups(graph: PipelineGraph): Map<string, string> {
  const groups = new Map<string, string>();
  executionLevels(graph).forEach((names, level) => {
    for (const name of names) groups.set(name, levelName(level));
  });
  return groups;
}

const LEVEL_PREFIX = "level ";

function levelName(level: number): string {
  return `${LEVEL_PREFIX}${level + 1}`;
}

function collect(
  graph: PipelineGraph,
  keyOf: (phase: PipelineGraph["phases"][number]) => string | null,
  minimum: number,
): PhaseGroup[] {
  const members = new Map<string, string[]>();
  for (const phase of graph.phases) {
    const key = keyOf(phase);
    if (key === null) continue;
    const list = members.get(key);
    if (list) list.push(phase.name);
    else members.set(key, [phase.name]);
  }
  return [...members]
    .filter(([, phases]) => phases.length >= minimum)
    .map(([name, phases]) => ({ name, phases }));
}

function sortByLevel(groups: PhaseGroup[]): PhaseGroup[] {
  const level = (group: PhaseGroup) => Number(group.name.slice(LEVEL_PREFIX.length));
  return groups.sort((a, b) => level(a) - level(b));
}
