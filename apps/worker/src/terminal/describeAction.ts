import {
  type AnyAction,
  type PayloadByType,
  PHASE_CANCELLED,
  PHASE_COMPLETE,
  PHASE_FAILED,
  PHASE_RETRY,
  PHASE_SKIPPED,
  PHASE_START,
  PIPELINE_START,
  type PipelineState,
  phaseStatus,
} from "@milo/core";
import { formatDuration } from "./renderRun";

/**
 * One plain line for a phase transition (for logs and pipes: no colors, no cursor moves), or
 * null for actions that are not one (log lines, the run's end: the summary covers it).
 */
export function describeAction(dispatched: AnyAction, state: PipelineState): string | null {
  const payload = dispatched.payload as { at?: number; name?: string };
  const at = typeof payload.at === "number" ? payload.at : null;
  const since =
    at !== null && state.startedAt !== null
      ? formatDuration(Math.max(0, at - state.startedAt))
      : "0ms";
  const stamp = `[+${since}]`.padEnd(10);
  const phase = payload.name === undefined ? undefined : phaseStatus(state, payload.name);
  const took = phase ? formatDuration(phase.elapsed) : "";
  switch (dispatched.type) {
    case PIPELINE_START:
      return `${stamp}pipeline ${state.name} started (${state.phases.length} phases)`;
    case PHASE_START: {
      const { name, attempt, agent } = dispatched.payload as PayloadByType[typeof PHASE_START];
      const on = agent === undefined ? "" : ` on ${agent}`;
      return `${stamp}▶ ${name} started${on}${attempt > 1 ? ` (attempt ${attempt})` : ""}`;
    }
    case PHASE_COMPLETE:
      return `${stamp}✓ ${payload.name} completed in ${took}`;
    case PHASE_FAILED: {
      const { name, error } = dispatched.payload as PayloadByType[typeof PHASE_FAILED];
      return `${stamp}✗ ${name} failed after ${took}: ${error}`;
    }
    case PHASE_SKIPPED: {
      const { name, error } = dispatched.payload as PayloadByType[typeof PHASE_SKIPPED];
      return `${stamp}↷ ${name} failed and was skipped: ${error}`;
    }
    case PHASE_RETRY: {
      const { name, attempt, error, delayMs } =
        dispatched.payload as PayloadByType[typeof PHASE_RETRY];
      return `${stamp}↻ ${name} attempt ${attempt} failed: ${error}; retrying in ${formatDuration(delayMs)}`;
    }
    case PHASE_CANCELLED:
      return `${stamp}■ ${payload.name} cancelled`;
    default:
      return null;
  }
}
