import type { PhaseStatusName, PipelineGraph } from "@milo/core";
import { groupPhases, levelGroups, namePrefix } from "../Graph/groupPhases";
import type { TimelineRow } from "./timeline";

export type TimelineGroupBy = "none" | "level" | "group";
export type TimelineSortBy = "start" | "duration";

/** A stretch of time, in ms. */
export interface TimeSpan {
  readonly start: number;
  readonly end: number;
}

export interface TimelinePhaseItem {
  readonly kind: "phase";
  readonly row: TimelineRow;
  /** The group the row is drawn under; null when not grouped. */
  readonly group: string | null;
}

/** A group's summary row: every bar of its phases merged into the spans where any ran. */
export interface TimelineGroupItem {
  readonly kind: "group";
  readonly key: string;
  readonly rows: readonly TimelineRow[];
  readonly folded: boolean;
  readonly spans: readonly TimeSpan[];
  readonly start: number;
  readonly end: number;
  /** The status that says most about the group: a failure first, then work still going. */
  readonly status: PhaseStatusName;
}

export type TimelineItem = TimelinePhaseItem | TimelineGroupItem;

/**
 * Each phase's group: its dependency depth ("level 1" for the phases that depend on nothing), or
 * the graph view's own grouping (declared groups, else shared name prefixes), a phase in none
 * under its name's prefix, so both views fold alike. Null when not grouping.
 */
export function phaseGroups(
  graph: PipelineGraph,
  groupBy: TimelineGroupBy,
): ReadonlyMap<string, string> | null {
  if (groupBy === "none") return null;
  if (groupBy === "level") return levelGroups(graph);
  const groups = new Map<string, string>();
  for (const group of groupPhases(graph).groups) {
    for (const name of group.phases) groups.set(name, group.name);
  }
  for (const phase of graph.phases) {
    if (!groups.has(phase.name)) groups.set(phase.name, namePrefix(phase.name) ?? phase.name);
  }
  return groups;
}

/** Overlapping or touching spans merged, in time order. */
export function mergeSpans(spans: readonly TimeSpan[]): TimeSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: { start: number; end: number }[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ start: span.start, end: span.end });
  }
  return merged;
}

const GROUP_STATUS_ORDER: readonly PhaseStatusName[] = [
  "failed",
  "running",
  "retrying",
  "cancelled",
  "skipped",
  "completed",
  "pending",
];

function groupStatus(rows: readonly TimelineRow[]): PhaseStatusName {
  const seen = new Set(rows.map((row) => row.bars.at(-1)?.status ?? "pending"));
  return GROUP_STATUS_ORDER.find((status) => seen.has(status)) ?? "pending";
}

function sortRows(rows: readonly TimelineRow[], sortBy: TimelineSortBy): TimelineRow[] {
  // Rows come in start order; a stable sort keeps it among equal durations.
  return sortBy === "duration"
    ? [...rows].sort((a, b) => b.wallElapsed - a.wallElapsed)
    : [...rows];
}

export interface TimelineItemsOptions {
  /** From `phaseGroups`; null lists the rows ungrouped. */
  readonly groups: ReadonlyMap<string, string> | null;
  readonly sortBy: TimelineSortBy;
  /** Whether a group not in `toggled` is folded. */
  readonly foldedByDefault: boolean;
  /** Groups folded the other way from the default. */
  readonly toggled: ReadonlySet<string>;
}

/**
 * The chart's rows, top to bottom: the phases sorted by start or by duration (longest first);
 * grouped, a summary row per group (groups by first start, or by longest span) with its phases
 * under it unless it is folded.
 */
export function timelineItems(
  rows: readonly TimelineRow[],
  options: TimelineItemsOptions,
): TimelineItem[] {
  const { groups, sortBy } = options;
  if (groups === null)
    return sortRows(rows, sortBy).map((row) => ({ kind: "phase", row, group: null }));
  const members = new Map<string, TimelineRow[]>();
  for (const row of rows) {
    const key = groups.get(row.phase) ?? row.phase;
    const list = members.get(key);
    if (list) list.push(row);
    else members.set(key, [row]);
  }
  const summaries: TimelineGroupItem[] = [...members].map(([key, groupRows]) => {
    const spans = mergeSpans(groupRows.flatMap((row) => row.bars));
    return {
      kind: "group",
      key,
      rows: groupRows,
      folded: options.foldedByDefault !== options.toggled.has(key),
      spans,
      start: spans[0]?.start ?? Number.POSITIVE_INFINITY,
      end: spans.at(-1)?.end ?? Number.NEGATIVE_INFINITY,
      status: groupStatus(groupRows),
    };
  });
  const byKey = (a: TimelineGroupItem, b: TimelineGroupItem) =>
    a.key.localeCompare(b.key, undefined, { numeric: true });
  summaries.sort((a, b) =>
    sortBy === "duration"
      ? b.end - b.start - (a.end - a.start) || a.start - b.start || byKey(a, b)
      : a.start - b.start || byKey(a, b),
  );
  const items: TimelineItem[] = [];
  for (const summary of summaries) {
    items.push(summary);
    if (summary.folded) continue;
    for (const row of sortRows(summary.rows, sortBy)) {
      items.push({ kind: "phase", row, group: summary.key });
    }
  }
  return items;
}

/** The index of the item that shows `phase`: its own row, or its folded group's. -1 when none. */
export function itemIndexOf(items: readonly TimelineItem[], phase: string): number {
  return items.findIndex((item) =>
    item.kind === "phase"
      ? item.row.phase === phase
      : item.folded && item.rows.some((row) => row.phase === phase),
  );
}

/** Each phase's row in `items`: its own, or its folded group's. */
export function itemRows(items: readonly TimelineItem[]): ReadonlyMap<string, number> {
  const rows = new Map<string, number>();
  items.forEach((item, index) => {
    if (item.kind === "phase") rows.set(item.row.phase, index);
    else if (item.folded) for (const row of item.rows) rows.set(row.phase, index);
  });
  return rows;
}
