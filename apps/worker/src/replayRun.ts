import {
  type AnyAction,
  createPipelineReducer,
  INIT,
  type PipelineGraph,
  type PipelineState,
  type PipelineStateJSON,
  type Reducer,
} from "@milo/core";
import type { RunDatabase } from "./RunDatabase";
import type { RunProgress } from "./types";

const REPLAY_PAGE = 5000;

export interface ReplayedRun {
  readonly graph: PipelineGraph;
  readonly reducer: Reducer<PipelineState>;
  readonly state: PipelineState;
  readonly lastSeq: number;
}

/** A run's state rebuilt from its recorded actions, exactly as the dashboard rebuilds it. */
export function replayRun(db: RunDatabase, runId: string): ReplayedRun | undefined {
  const graph = db.getGraph(runId);
  if (graph === undefined) return undefined;
  const reducer = createPipelineReducer(graph);
  let state = reducer(undefined, { type: INIT, payload: undefined });
  let lastSeq = 0;
  for (;;) {
    const page = db.listActions(runId, lastSeq, REPLAY_PAGE);
    for (const recorded of page) {
      state = reducer(state, recorded as AnyAction);
      lastSeq = recorded.seq;
    }
    if (page.length < REPLAY_PAGE) break;
  }
  return { graph, reducer, state, lastSeq };
}

/** The summary columns a state implies. */
export function progressOf(state: PipelineState): RunProgress {
  return {
    status: state.status,
    progress: state.progress,
    startedAt: state.startedAt,
    endedAt: state.endedAt,
    elapsed: state.elapsed,
    error: state.error,
  };
}

/** What `JSON.stringify(state)` would give, as a value. */
export function stateToJSON(state: PipelineState): PipelineStateJSON {
  return { ...state, phases: state.phases.toJSON() };
}
