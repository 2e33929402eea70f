import type { PhaseComparison, PhaseStatusName } from "@milo/core";
import { formatDuration } from "../../lib/formatDuration";
import type { GraphOverlay, PhaseMark } from "../Graph/GraphOverlay";

/** A phase counts as slower or faster only past this ratio either way, and… */
const NOTABLE_RATIO = 1.2;
/** …by at least this much: a few milliseconds of jitter on a short phase is no change. */
const NOTABLE_DELTA_MS = 50;

/** What a status reads as in "passed before, failed now". */
const STATUS_WORDS: Readonly<Record<PhaseStatusName, string>> = {
  pending: "did not run",
  running: "was running",
  retrying: "was retrying",
  completed: "passed",
  failed: "failed",
  skipped: "was skipped",
  cancelled: "was cancelled",
};

/** "passed before, failed now". */
export function statusChangeText(comparison: PhaseComparison): string {
  return `${STATUS_WORDS[comparison.before.status]} before, ${STATUS_WORDS[comparison.after.status]} now`;
}

/** "2.1× slower", "3.0× faster", or null when the phase took about as long (or did not end). */
export function ratioText(comparison: PhaseComparison): string | null {
  const { ratio, deltaMs } = comparison;
  if (ratio === null || deltaMs === null || Math.abs(deltaMs) < NOTABLE_DELTA_MS) return null;
  if (ratio >= NOTABLE_RATIO) return `${ratio.toFixed(1)}× slower`;
  if (ratio > 0 && ratio <= 1 / NOTABLE_RATIO) return `${(1 / ratio).toFixed(1)}× faster`;
  return null;
}

/** How one phase changed, as a mark: a status change first, else notably slower or faster. */
export function comparisonMark(comparison: PhaseComparison): PhaseMark | null {
  const { before, after, deltaMs } = comparison;
  const times =
    before.durationMs === null || after.durationMs === null
      ? ""
      : ` (${formatDuration(before.durationMs)} → ${formatDuration(after.durationMs)})`;
  if (comparison.statusChanged) {
    return {
      tone: "changed",
      badge: statusChangeText(comparison),
      title: `${statusChangeText(comparison)}${times}`,
    };
  }
  const ratio = ratioText(comparison);
  if (ratio === null) return null;
  const sign = deltaMs! > 0 ? "+" : "−";
  return {
    tone: deltaMs! > 0 ? "slower" : "faster",
    badge: ratio,
    title: `${ratio}: ${sign}${formatDuration(Math.abs(deltaMs!))}${times}`,
  };
}

/** Run against run over the graph: each phase that changed tinted by how. */
export function comparisonOverlay(comparisons: readonly PhaseComparison[]): GraphOverlay {
  const marks = new Map<string, PhaseMark>();
  for (const comparison of comparisons) {
    const mark = comparisonMark(comparison);
    if (mark !== null) marks.set(comparison.name, mark);
  }
  return { marks };
}
