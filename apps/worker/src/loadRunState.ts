import { pipelineStateSchema } from "@milo/contract";
import { createPipelineReducer, type PipelineGraph, type PipelineState } from "@milo/core";
import { type RunDatabase, SNAPSHOT_INTERVAL } from "./RunDatabase";
import { type ReplayedRun, replayActions, replayRun } from "./replayRun";

export interface LoadedRun extends ReplayedRun {
  /** Whether the state came from a snapshot (plus the actions after it) rather than a replay. */
  readonly fromSnapshot: boolean;
}

/**
 * A run's state as of its last recorded action, from its latest snapshot and the few actions
 * after it. A snapshot that is missing, unreadable or does not fit the run's graph is ignored:
 * the state is replayed from the log and kept as the run's new snapshot.
 */
export function loadRunState(db: RunDatabase, runId: string): LoadedRun | undefined {
  const graph = db.getGraph(runId);
  if (graph === undefined) return undefined;
  const lastSeq = db.lastSeq(runId);
  const snapshot = readSnapshot(db, runId, graph, lastSeq);
  if (snapshot === undefined) {
    const replayed = replayRun(db, runId)!;
    if (replayed.lastSeq > 0) {
      db.putSnapshot(runId, replayed.lastSeq, JSON.stringify(replayed.state));
    }
    return { ...replayed, fromSnapshot: false };
  }
  const reducer = createPipelineReducer(graph);
  const tail = replayActions(db, runId, reducer, snapshot.state, snapshot.seq);
  if (tail.lastSeq - snapshot.seq >= SNAPSHOT_INTERVAL) {
    db.putSnapshot(runId, tail.lastSeq, JSON.stringify(tail.state));
  }
  return { graph, reducer, ...tail, fromSnapshot: true };
}

function readSnapshot(
  db: RunDatabase,
  runId: string,
  graph: PipelineGraph,
  lastSeq: number,
): { seq: number; state: PipelineState } | undefined {
  const snapshot = db.latestSnapshot(runId);
  if (snapshot === undefined || snapshot.seq > lastSeq) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(snapshot.state);
  } catch {
    return undefined;
  }
  const parsed = pipelineStateSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const state: PipelineState = parsed.data;
  const fits =
    state.name === graph.name &&
    state.phases.length === graph.phases.length &&
    graph.phases.every((phase, index) => state.phases[index]!.name === phase.name);
  return fits ? { seq: snapshot.seq, state } : undefined;
}
