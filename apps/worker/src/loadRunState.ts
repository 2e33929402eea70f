import { pipelineStateSchema } from "@milo/contract";
import { createPipelineReducer, INIT, type PipelineGraph, type PipelineState } from "@milo/core";
import { type RunDatabase, type Snapshot, snapshotInterval } from "./RunDatabase";
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
  if (tail.lastSeq - snapshot.seq >= snapshotInterval(graph.phases.length)) {
    db.putSnapshot(runId, tail.lastSeq, JSON.stringify(tail.state));
  }
  return { graph, reducer, ...tail, fromSnapshot: true };
}

/** A run's state right after action `at`, and when that action happened. */
export interface RunStateAtSeq {
  readonly state: PipelineState;
  readonly seq: number;
  /** The action's `at` (epoch ms); null for seq 0 or an action without one. */
  readonly at: number | null;
}

/**
 * A run's state right after action `at` (0: before the first; at most the run's last seq), from
 * the nearest kept snapshot at or before it plus the actions in between — under the run's
 * snapshot interval of them. A run recorded without kept snapshots (or with them at a shorter
 * interval, which still falls on this grid) is replayed once: the snapshots it passes are kept on
 * the way, so the next moment near it is quick.
 */
export function loadRunStateAt(
  db: RunDatabase,
  runId: string,
  at: number,
): RunStateAtSeq | undefined {
  const graph = db.getGraph(runId);
  if (graph === undefined) return undefined;
  const reducer = createPipelineReducer(graph);
  const start = nearestSnapshot(db, runId, graph, at) ?? {
    seq: 0,
    state: reducer(undefined, { type: INIT, payload: undefined }),
  };
  const interval = snapshotInterval(graph.phases.length);
  let { state, seq } = start;
  while (seq < at) {
    const nextKept = (Math.floor(seq / interval) + 1) * interval;
    const until = Math.min(at, nextKept);
    const replayed = replayActions(db, runId, reducer, state, seq, until);
    if (replayed.lastSeq < until) break; // the log ends before `at`: not expected after checks
    ({ state, seq } = { state: replayed.state, seq: replayed.lastSeq });
    if (seq === nextKept) db.keepSnapshot(runId, seq, JSON.stringify(state));
  }
  return { state, seq, at: seq === 0 ? null : (db.actionAt(runId, seq) ?? null) };
}

/** The latest kept or latest snapshot at or before `seq` that fits the run's graph. */
function nearestSnapshot(
  db: RunDatabase,
  runId: string,
  graph: PipelineGraph,
  seq: number,
): { seq: number; state: PipelineState } | undefined {
  const latest = db.latestSnapshot(runId);
  let kept = db.snapshotAtOrBefore(runId, seq);
  if (latest !== undefined && latest.seq <= seq && latest.seq >= (kept?.seq ?? 0)) {
    const parsed = parseSnapshot(latest, graph);
    if (parsed !== undefined) return parsed;
  }
  // One that cannot be read is passed over for the one before (and rewritten by the replay).
  while (kept !== undefined) {
    const parsed = parseSnapshot(kept, graph);
    if (parsed !== undefined) return parsed;
    kept = kept.seq > 0 ? db.snapshotAtOrBefore(runId, kept.seq - 1) : undefined;
  }
  return undefined;
}

function readSnapshot(
  db: RunDatabase,
  runId: string,
  graph: PipelineGraph,
  lastSeq: number,
): { seq: number; state: PipelineState } | undefined {
  const snapshot = db.latestSnapshot(runId);
  if (snapshot === undefined || snapshot.seq > lastSeq) return undefined;
  return parseSnapshot(snapshot, graph);
}

/** A snapshot's state, or undefined when it is unreadable or does not fit the run's graph. */
function parseSnapshot(
  snapshot: Snapshot,
  graph: PipelineGraph,
): { seq: number; state: PipelineState } | undefined {
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
