import type { PhaseStatusName, PipelineStatusName } from "./types";

/** Every status a pipeline run can have, from pending to its three ends. */
export const PIPELINE_STATUSES: readonly PipelineStatusName[] = Object.freeze([
  "pending",
  "running",
  "completed",
  "failed",
  "cancelled",
]);

/** Every status a phase can have. */
export const PHASE_STATUSES: readonly PhaseStatusName[] = Object.freeze([
  "pending",
  "running",
  "completed",
  "failed",
  "skipped",
  "retrying",
  "cancelled",
]);

/** True once a pipeline run has ended (completed, failed or cancelled): it changes no more. */
export function isFinished(status: PipelineStatusName): boolean {
  return status === "completed" || status === "failed" || status === "cancelled";
}
