import { isTerminalAction } from "@milo/core";
import { actionJson } from "./actionJson";
import { RunBroadcast } from "./RunBroadcast";
import type { RunManager } from "./RunManager";
import { type SseConnection, sseFrame } from "./sse";

const CATCH_UP_PAGE = 1000;

/** The live runs being watched, per manager (tests run several in one process). */
const broadcasts = new WeakMap<RunManager, Map<string, RunBroadcast>>();

/** The run's broadcast, observing it from now on; null when the run is not live. */
function broadcastOf(manager: RunManager, runId: string): RunBroadcast | null {
  let ofManager = broadcasts.get(manager);
  if (ofManager === undefined) {
    ofManager = new Map();
    broadcasts.set(manager, ofManager);
  }
  const existing = ofManager.get(runId);
  if (existing !== undefined) return existing;
  const runs = ofManager;
  let stopObserving: (() => void) | null = null;
  const broadcast = new RunBroadcast(() => {
    if (runs.get(runId) !== broadcast) return;
    runs.delete(runId);
    stopObserving?.();
  });
  stopObserving = manager.observe(runId, broadcast);
  if (stopObserving === null) return null;
  runs.set(runId, broadcast);
  return broadcast;
}

function endFrame(status: string): string {
  return sseFrame("end", JSON.stringify({ status }));
}

/**
 * Streams a run's actions after `after` to one viewer: the recorded ones a bounded chunk at a
 * time (waiting for the socket in between), then the live ones. The last page is read and the
 * viewer registered in the same tick, so no action is missed or sent twice.
 */
export async function streamRunEvents(
  connection: SseConnection,
  manager: RunManager,
  runId: string,
  after: number,
): Promise<void> {
  const db = manager.db;
  let cursor = after;
  for (;;) {
    if (connection.closed) return;
    const rows = db.actionRows(runId, cursor, CATCH_UP_PAGE);
    let full = false;
    for (const row of rows) {
      full = !connection.sendBacklog(
        sseFrame("action", actionJson(row.seq, row.type, row.payload), row.seq),
      );
      cursor = row.seq;
      if (isTerminalAction(row)) {
        connection.end(endFrame(manager.summary(runId)?.status ?? "failed"));
        return;
      }
      if (full) break;
    }
    if (full || rows.length === CATCH_UP_PAGE) {
      await connection.drained();
      continue;
    }
    const broadcast = broadcastOf(manager, runId);
    if (broadcast === null) {
      // Not live and no terminal action after `after`: the viewer is past the end already.
      connection.end(endFrame(manager.summary(runId)?.status ?? "failed"));
      return;
    }
    broadcast.join(connection, cursor);
    return;
  }
}
