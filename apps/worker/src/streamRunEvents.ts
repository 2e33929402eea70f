import { isTerminalAction } from "@milo/core";
import { actionJson } from "./actionJson";
import type { RunManager } from "./RunManager";
import { type SseConnection, sseFrame } from "./sse";

const CATCH_UP_PAGE = 1000;

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
    const stopObserving = manager.observe(runId, {
      action: (seq, json) => {
        if (seq > cursor) connection.send(sseFrame("action", json, seq));
      },
      ended: (status) => connection.end(endFrame(status)),
    });
    if (stopObserving === null) {
      // Not live and no terminal action after `after`: the viewer is past the end already.
      connection.end(endFrame(manager.summary(runId)?.status ?? "failed"));
      return;
    }
    connection.onClose(stopObserving);
    return;
  }
}
