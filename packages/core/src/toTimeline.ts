import type { PhaseStatusName, PipelineState, PipelineStatusName } from "./types";

export interface Timeline {
  readonly pipeline: string;
  readonly status: PipelineStatusName;
  readonly elapsed: number;
  readonly progress: number;
  readonly phases: readonly {
    readonly name: string;
    readonly status: PhaseStatusName;
    readonly elapsed: number;
    readonly attempt: number;
    readonly error: string | null;
    readonly logCount: number;
  }[];
}

/** A JSON summary of a run, phases in pipeline order. */
export function toTimeline(state: PipelineState): Timeline {
  return {
    pipeline: state.name,
    status: state.status,
    elapsed: state.elapsed,
    progress: state.progress,
    phases: state.phases.map((phase) => ({
      name: phase.name,
      status: phase.status,
      elapsed: phase.elapsed,
      attempt: phase.attempt,
      error: phase.error,
      logCount: phase.logCount,
    })),
  };
}
