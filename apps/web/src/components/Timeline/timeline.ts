import { type PhaseStatus, type PhaseStatusName, phaseWallTime } from "@milo/core";

/** One attempt of one phase, from its start to its end (or to now while it runs). */
export interface TimelineBar {
  readonly phase: string;
  readonly attempt: number;
  readonly start: number;
  readonly end: number;
  readonly status: PhaseStatusName;
  readonly running: boolean;
  readonly error: string | null;
}

export interface TimelineRow {
  readonly phase: string;
  readonly bars: readonly TimelineBar[];
  /** The phase's wall time over all its attempts, to `now` while it runs. */
  readonly wallElapsed: number;
}

/**
 * One row per phase that has started, ordered by first start (then by pipeline order), each with
 * one bar per attempt so retries show side by side. `now` closes the bars still running.
 */
export function timelineRows(phases: Iterable<PhaseStatus>, now: number): TimelineRow[] {
  const rows: { row: TimelineRow; firstStart: number; order: number }[] = [];
  let order = 0;
  for (const phase of phases) {
    order++;
    if (phase.attempts.length === 0) continue;
    const bars = phase.attempts.map((attempt) => {
      const running = attempt.endedAt === null;
      return {
        phase: phase.name,
        attempt: attempt.attempt,
        start: attempt.startedAt,
        end: running ? Math.max(attempt.startedAt, now) : attempt.endedAt!,
        status: attempt.outcome ?? phase.status,
        running,
        error: attempt.error,
      };
    });
    const wallElapsed = phaseWallTime(phase, now)?.elapsed ?? 0;
    rows.push({ row: { phase: phase.name, bars, wallElapsed }, firstStart: bars[0]!.start, order });
  }
  rows.sort((a, b) => a.firstStart - b.firstStart || a.order - b.order);
  return rows.map((entry) => entry.row);
}

/**
 * `rows` with an empty row for each of `names` that has none, in that order: a phase that never
 * started still has a place for what the chart draws of it (an expected bar, a wait for a slot).
 */
export function withEmptyRows(
  rows: readonly TimelineRow[],
  names: Iterable<string>,
): readonly TimelineRow[] {
  const present = new Set(rows.map((row) => row.phase));
  const extra: TimelineRow[] = [];
  for (const phase of names) {
    if (present.has(phase)) continue;
    present.add(phase);
    extra.push({ phase, bars: [], wallElapsed: 0 });
  }
  return extra.length === 0 ? rows : [...rows, ...extra];
}

export interface TimeDomain {
  readonly start: number;
  readonly end: number;
}

/**
 * The span the chart shows: from the run's start to its end, or to now while it runs, and never
 * shorter than `minimumMs` so a run's first second is not stretched across the whole width.
 */
export function timeDomain(
  rows: readonly TimelineRow[],
  run: { readonly startedAt: number | null; readonly endedAt: number | null },
  now: number,
  minimumMs = 1000,
): TimeDomain {
  let start = run.startedAt ?? Number.POSITIVE_INFINITY;
  let end = run.endedAt ?? now;
  for (const row of rows) {
    for (const bar of row.bars) {
      start = Math.min(start, bar.start);
      end = Math.max(end, bar.end);
    }
  }
  if (!Number.isFinite(start)) start = now;
  return { start, end: Math.max(end, start + minimumMs) };
}

export interface LinearScale {
  (time: number): number;
  readonly domain: TimeDomain;
  readonly range: readonly [number, number];
}

/** Maps times in `domain` to pixels in `range`, linearly. */
export function linearScale(domain: TimeDomain, range: readonly [number, number]): LinearScale {
  const span = domain.end - domain.start;
  const pixels = range[1] - range[0];
  const scale = (time: number) => range[0] + ((time - domain.start) / span) * pixels;
  return Object.assign(scale, { domain, range });
}

const TICK_STEPS_MS = [
  100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000,
  900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000,
];

/**
 * Tick offsets from the domain's start (0, step, 2·step, …) with the smallest round step that
 * gives at most `maxTicks` ticks.
 */
export function timeTicks(domain: TimeDomain, maxTicks: number): number[] {
  return axisTicks(domain, domain.start, maxTicks);
}

/**
 * Ticks for a zoomed view: offsets from `origin` (the run's start) at the smallest round step
 * that gives at most `maxTicks` ticks within `view`.
 */
export function axisTicks(view: TimeDomain, origin: number, maxTicks: number): number[] {
  const span = view.end - view.start;
  const wanted = Math.max(1, maxTicks);
  const step =
    TICK_STEPS_MS.find((candidate) => span / candidate <= wanted) ??
    Math.ceil(span / wanted / 86_400_000) * 86_400_000;
  const ticks: number[] = [];
  const first = Math.ceil((view.start - origin) / step) * step;
  for (let offset = first; offset <= view.end - origin; offset += step) ticks.push(offset);
  return ticks;
}

/** The rows to draw for a scrolled window, with `overscan` rows either side. */
export function visibleRows(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  rowCount: number,
  overscan = 5,
): { readonly first: number; readonly last: number } {
  const first = Math.min(rowCount, Math.max(0, Math.floor(scrollTop / rowHeight) - overscan));
  const last = Math.min(rowCount, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return { first, last: Math.max(first, last) };
}
