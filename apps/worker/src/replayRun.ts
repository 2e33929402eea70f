import {
  type AnyAction,
  createPipelineReducer,
  INIT,
  type PipelineGraph,
  type PipelineState,
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

/**
 * A run's state rebuilt from every one of its recorded actions, exactly as the dashboard would
 * rebuild it. The source of truth; `loadRunState` is the fast way to the same state.
 */
export function replayRun(db: RunDatabase, runId: string): ReplayedRun | undefined {
  const graph = db.getGraph(runId);
  if (graph === undefined) return undefined;
  const reducer = createPipelineReducer(graph);
  const initial = reducer(undefined, { type: INIT, payload: undefined });
  return { graph, reducer, ...replayActions(db, runId, reducer, initial, 0) };
}

/**
 * Reduces the run's recorded actions after `after` (and up to `until`, when given) into `state`,
 * a page at a time.
 */
export function replayActions(
  db: RunDatabase,
  runId: string,
  reducer: Reducer<PipelineState>,
  state: PipelineState,
  after: number,
  until = Number.MAX_SAFE_INTEGER,
): { readonly state: PipelineState; readonly lastSeq: number } {
  let reduced = state;
  let lastSeq = after;
  while (lastSeq < until) {
    const limit = Math.min(REPLAY_PAGE, until - lastSeq);
    const page = db.listActions(runId, lastSeq, limit);
    for (const recorded of page) {
      reduced = reducer(reduced, recorded as AnyAction);
      lastSeq = recorded.seq;
    }
    if (page.length < limit) break;
  }
  return { state: reduced, lastSeq };
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
