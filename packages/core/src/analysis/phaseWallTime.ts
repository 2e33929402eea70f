import type { PhaseStatus } from "../types";

/** A phase's wall time over all its attempts, in ms. */
export interface PhaseWallTime {
  readonly start: number;
  /** When the phase ended; null while it may still run (then `elapsed` runs to `now`). */
  readonly end: number | null;
  readonly elapsed: number;
}

type WallTimeFields = Pick<PhaseStatus, "status" | "startedAt" | "endedAt" | "attempts">;

/**
 * From the phase's first attempt's start to its end, or to `now` while it runs or waits to retry:
 * back-offs between attempts count. A phase reused from an earlier run has no attempt and took no
 * time at its `startedAt`. Null for a phase that has not started.
 */
export function phaseWallTime(phase: WallTimeFields, now: number): PhaseWallTime | null {
  const start = phase.attempts[0]?.startedAt ?? phase.startedAt;
  if (start === null) return null;
  if (phase.endedAt !== null) {
    return { start, end: phase.endedAt, elapsed: Math.max(0, phase.endedAt - start) };
  }
  const going = phase.status === "running" || phase.status === "retrying";
  const end = going ? null : (phase.attempts.at(-1)?.endedAt ?? start);
  return { start, end, elapsed: Math.max(0, (end ?? now) - start) };
}
