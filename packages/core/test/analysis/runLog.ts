import {
  type AnyAction,
  action,
  createPipelineReducer,
  INIT,
  PHASE_COMPLETE,
  PHASE_FAILED,
  PHASE_RETRY,
  PHASE_SKIPPED,
  PHASE_START,
  PIPELINE_COMPLETE,
  PIPELINE_FAILED,
  PIPELINE_START,
  type PipelineGraph,
  type PipelineState,
} from "../../src/index";

// Hand-built action logs of runs with known answers, for the analysis tests.

/** A graph from `[name, dependsOn, { parallel, weight }]` rows. */
export function graphOf(
  rows: readonly (readonly [string, readonly string[], { parallel?: boolean; weight?: number }?])[],
): PipelineGraph {
  return {
    name: "hand-built",
    phases: rows.map(([name, dependsOn, options]) => ({
      name,
      dependsOn: [...dependsOn],
      parallel: options?.parallel ?? true,
      weight: options?.weight ?? 1,
      description: "",
    })),
  };
}

/** The state the core's reducer builds from `actions`. */
export function replay(graph: PipelineGraph, actions: readonly AnyAction[]): PipelineState {
  const reducer = createPipelineReducer(graph);
  return actions.reduce(reducer, reducer(undefined, { type: INIT, payload: undefined }));
}

export const log = {
  start: (at: number) => action(PIPELINE_START, { at }),
  complete: (at: number) => action(PIPELINE_COMPLETE, { at }),
  failed: (at: number, error = "boom") => action(PIPELINE_FAILED, { at, error }),
  phaseStart: (name: string, at: number, attempt = 1) => action(PHASE_START, { name, attempt, at }),
  phaseComplete: (name: string, at: number) => action(PHASE_COMPLETE, { name, at }),
  phaseFailed: (name: string, at: number) => action(PHASE_FAILED, { name, error: "boom", at }),
  phaseSkipped: (name: string, at: number) => action(PHASE_SKIPPED, { name, error: "boom", at }),
  phaseRetry: (name: string, at: number, delayMs: number, attempt = 1) =>
    action(PHASE_RETRY, { name, attempt, error: "boom", delayMs, at }),
};

/** Start and completion actions of phases that each ran once, as `[name, start, end]`, in time order. */
export function ranOnce(runs: readonly (readonly [string, number, number])[]): AnyAction[] {
  const events = runs.flatMap(([name, start, end]) => [
    { at: start, order: 1, action: log.phaseStart(name, start) },
    { at: end, order: 0, action: log.phaseComplete(name, end) },
  ]);
  // At one instant, ends come before the starts they make possible.
  events.sort((a, b) => a.at - b.at || a.order - b.order);
  return events.map((event) => event.action);
}
