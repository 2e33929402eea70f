import type { ServerResponse } from "node:http";

export interface SseConnectionOptions {
  /** Bytes a viewer may fall behind by before it is dropped (it reconnects and catches up). */
  readonly maxBufferedBytes?: number;
  readonly keepAliveMs?: number;
  /** How long a viewer catching up may leave its socket full before it is dropped. */
  readonly stallTimeoutMs?: number;
  /** Event streams one client address may hold open at once; the next one gets 429. */
  readonly maxStreamsPerClient?: number;
}

export const DEFAULT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
export const KEEP_ALIVE_MS = 15_000;
export const DEFAULT_STALL_TIMEOUT_MS = 30_000;
/**
 * A browser opens at most six streams per origin over HTTP/1.1, so only a script reaches this:
 * it bounds what one runaway or hostile client can make the worker hold.
 */
export const DEFAULT_MAX_STREAMS_PER_CLIENT = 500;

/** One Server-Sent Events frame. `data` must be a single line (JSON is). */
export function sseFrame(event: string, data: string, id?: number): string {
  return `${id === undefined ? "" : `id: ${id}\n`}event: ${event}\ndata: ${data}\n\n`;
}

/**
 * One viewer's event stream. `send` never blocks and never awaits: frames sent in the same
 * task go out as one chunk, and while the socket is backed up they queue here, up to a bound
 * past which the viewer is dropped rather than let memory grow.
 */
export class SseConnection {
  private queue: (string | Buffer)[] = [];
  private queuedBytes = 0;
  private backedUp = false;
  private flushScheduled = false;
  private ending = false;
  private closedFlag = false;
  private readonly closeListeners: (() => void)[] = [];
  private readonly drainWaiters: (() => void)[] = [];
  private readonly keepAlive: NodeJS.Timeout;
  private readonly maxBufferedBytes: number;
  private readonly stallTimeoutMs: number;
  private stallTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly response: ServerResponse,
    options: SseConnectionOptions = {},
  ) {
    this.maxBufferedBytes = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
    this.stallTimeoutMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
    // The body ends when the connection closes (it is not reused), so it needs no chunked
    // framing: each write is one buffer to the socket, not a corked length, data and CRLF.
    response.removeHeader("transfer-encoding");
    response.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      // The socket is not reused after a stream ends, so closing the server never waits on it.
      connection: "close",
      "x-accel-buffering": "no",
    });
    response.on("close", () => this.markClosed());
    response.on("drain", () => {
      this.backedUp = false;
      this.flush();
    });
    this.keepAlive = setInterval(
      () => this.send(": keep-alive\n\n"),
      options.keepAliveMs ?? KEEP_ALIVE_MS,
    );
    this.keepAlive.unref();
    // Tells EventSource how soon to reconnect, and gets the headers on the wire now.
    this.send("retry: 1000\n\n");
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /**
   * A live frame (or several), perhaps a Buffer shared with other viewers. A viewer this far
   * behind is dropped: it reconnects and catches up.
   */
  send(frame: string | Buffer): void {
    if (!this.enqueue(frame)) return;
    if (this.bufferedBytes > this.maxBufferedBytes) {
      this.close();
      return;
    }
    this.scheduleFlush();
  }

  /**
   * A recorded frame, sent while catching up. Never drops the viewer: returns false once a
   * quarter of the bound is buffered, and the caller waits for `drained()` before sending more
   * (so a viewer that goes live after catching up has room to spare).
   */
  sendBacklog(frame: string | Buffer): boolean {
    if (this.enqueue(frame)) this.scheduleFlush();
    return this.bufferedBytes < this.maxBufferedBytes / 4;
  }

  /** Bytes queued here or in the socket, not yet on the wire. */
  get bufferedBytes(): number {
    return this.queuedBytes + this.response.writableLength;
  }

  /** Sends a last frame, then ends the response once everything queued has been written. */
  end(frame?: string | Buffer): void {
    if (frame !== undefined) this.enqueue(frame);
    if (this.closedFlag) return;
    this.ending = true;
    this.scheduleFlush();
  }

  /**
   * Resolves once everything queued is written and the socket can take more. A viewer that
   * reads nothing for `stallTimeoutMs` meanwhile is dropped (and this resolves): it would
   * otherwise hold its catch-up open forever. Its EventSource resumes from the last whole
   * frame it received.
   */
  drained(): Promise<void> {
    if (this.closedFlag || (this.queue.length === 0 && !this.backedUp)) return Promise.resolve();
    this.stallTimer ??= setTimeout(() => this.close(), this.stallTimeoutMs);
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  onClose(listener: () => void): void {
    if (this.closedFlag) listener();
    else this.closeListeners.push(listener);
  }

  /** Drops the viewer now; queued frames are discarded. */
  close(): void {
    if (this.closedFlag) return;
    this.queue = [];
    this.queuedBytes = 0;
    this.response.destroy();
    this.markClosed();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // At the end of this task, not of the next event-loop turn: a group commit's frames reach
    // the socket before the loop goes back to polling (a whole turn, under load tens of ms).
    queueMicrotask(this.scheduledFlush);
  }

  /** Made once per viewer, not per commit: it runs for every viewer at every commit. */
  private readonly scheduledFlush = (): void => {
    this.flushScheduled = false;
    this.flush();
  };

  private enqueue(frame: string | Buffer): boolean {
    if (this.closedFlag || this.ending) return false;
    this.queue.push(frame);
    this.queuedBytes += typeof frame === "string" ? Buffer.byteLength(frame) : frame.length;
    return true;
  }

  private flush(): void {
    if (this.closedFlag || this.backedUp) return;
    if (this.queue.length > 0) {
      // One write per flush; a lone shared Buffer goes out as it is, uncopied.
      const chunk = this.queue.length === 1 ? this.queue[0]! : joinChunks(this.queue);
      this.queue = [];
      this.queuedBytes = 0;
      if (!this.response.write(chunk)) {
        this.backedUp = true;
        return;
      }
    }
    // Closed once the response has gone out ('close' below), not now: closing the server waits.
    if (this.ending && !this.response.writableEnded) this.response.end();
    this.resolveDrainWaiters();
  }

  private resolveDrainWaiters(): void {
    if (this.stallTimer !== null) clearTimeout(this.stallTimer);
    this.stallTimer = null;
    for (const resolve of this.drainWaiters.splice(0)) resolve();
  }

  private markClosed(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    clearInterval(this.keepAlive);
    this.resolveDrainWaiters();
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}

function joinChunks(chunks: readonly (string | Buffer)[]): string | Buffer {
  if (chunks.every((chunk) => typeof chunk === "string")) return chunks.join("");
  return Buffer.concat(
    chunks.map((chunk) => (typeof chunk === "string" ? Buffer.from(chunk) : chunk)),
  );
}
