import { CatchUpPages } from "./CatchUpPages";
import { RunBroadcast } from "./RunBroadcast";
import type { RunManager } from "./RunManager";
import { type SseConnection, sseFrame } from "./sse";

const catchUpPages = new WeakMap<RunManager, CatchUpPages>();

function catchUpPagesOf(manager: RunManager): CatchUpPages {
  let pages = catchUpPages.get(manager);
  if (pages === undefined) {
    pages = new CatchUpPages(manager.db);
    catchUpPages.set(manager, pages);
  }
  return pages;
}

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
 * Streams a run's actions after `after` to one viewer: the recorded ones a page at a time (shared
 * with other viewers reading the same page; waiting for the socket in between), then the live
 * ones. The last page is read and the
 * viewer registered in the same tick, so no action is missed or sent twice.
 */
export async function streamRunEvents(
  connection: SseConnection,
  manager: RunManager,
  runId: string,
  after: number,
): Promise<void> {
  const pages = catchUpPagesOf(manager);
  let cursor = after;
  for (;;) {
    if (connection.closed) return;
    const page = pages.read(runId, cursor);
    cursor = page.lastSeq;
    const full = page.chunk !== null && !connection.sendBacklog(page.chunk);
    if (page.terminal) {
      connection.end(endFrame(manager.summary(runId)?.status ?? "failed"));
      return;
    }
    // Joining live waits for a page read in the same tick, after the socket has room.
    if (page.more || full) {
      if (full) await connection.drained();
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
