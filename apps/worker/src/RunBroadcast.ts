import type { RunObserver } from "./RunManager";
import { type SseConnection, sseFrame } from "./sse";
import type { RunStatus } from "./types";

interface Viewer {
  readonly connection: SseConnection;
  /** The last seq this viewer has been sent (from the database, then live). */
  cursor: number;
}

/**
 * The viewers of one live run, as a single observer of it: each action is encoded once, and the
 * frames of one group commit go to every viewer as the same Buffer, so a viewer costs one write
 * per commit whatever the batch's size.
 */
export class RunBroadcast implements RunObserver {
  private readonly viewers = new Set<Viewer>();
  private frames: string[] = [];
  private firstSeq = 0;
  private lastSeq = 0;
  private sendScheduled = false;

  /** `onEmpty` runs when the last viewer leaves or the run ends. */
  constructor(private readonly onEmpty: () => void) {}

  get empty(): boolean {
    return this.viewers.size === 0;
  }

  /** Adds a viewer that has been sent everything up to `cursor`; it leaves when it closes. */
  join(connection: SseConnection, cursor: number): void {
    const viewer: Viewer = { connection, cursor };
    this.viewers.add(viewer);
    connection.onClose(() => {
      this.viewers.delete(viewer);
      if (this.viewers.size === 0) this.onEmpty();
    });
  }

  action(seq: number, json: string): void {
    if (this.frames.length === 0) this.firstSeq = seq;
    this.frames.push(sseFrame("action", json, seq));
    this.lastSeq = seq;
    if (this.sendScheduled) return;
    this.sendScheduled = true;
    // After the rest of this commit's actions have come in, before anything else runs.
    queueMicrotask(this.scheduledSend);
  }

  private readonly scheduledSend = (): void => this.send();

  ended(status: RunStatus): void {
    this.send();
    const frame = Buffer.from(sseFrame("end", JSON.stringify({ status })));
    for (const viewer of this.viewers) viewer.connection.end(frame);
    this.onEmpty();
  }

  private send(): void {
    this.sendScheduled = false;
    if (this.frames.length === 0) return;
    const frames = this.frames;
    this.frames = [];
    const shared = Buffer.from(frames.join(""));
    for (const viewer of this.viewers) {
      // Only if a viewer joined between the commit and now (from an observer): it read some of
      // these from the database already.
      if (viewer.cursor < this.firstSeq) viewer.connection.send(shared);
      else if (viewer.cursor < this.lastSeq) {
        viewer.connection.send(frames.slice(viewer.cursor - this.firstSeq + 1).join(""));
      }
      viewer.cursor = this.lastSeq;
    }
  }
}
