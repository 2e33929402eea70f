import { isTerminalAction } from "@milo/core";
import { actionJson } from "./actionJson";
import type { RunDatabase } from "./RunDatabase";
import { sseFrame } from "./sse";

/** A run's recorded actions after a seq, encoded as SSE frames. */
export interface CatchUpPage {
  /** The frames, or null when no action follows the seq yet. */
  readonly chunk: Buffer | null;
  /** The seq of the page's last action (the page's seq when it is empty). */
  readonly lastSeq: number;
  /** The page ends with the run's terminal action. */
  readonly terminal: boolean;
  /** More actions may follow in the database: read the next page. Else the viewer goes live. */
  readonly more: boolean;
}

const PAGE_ROWS = 250;
/** Frames' length (UTF-16 units, near enough to bytes for a budget) at which a page stops. */
const PAGE_BYTES = 256 * 1024;
const DEFAULT_MAX_CACHED_BYTES = 16 * 1024 * 1024;

/**
 * Catch-up pages, shared: viewers that open a run together (a team opening a link, a burst of
 * reconnects) read and encode each page once and all write the same Buffer. A page is cached
 * only once complete (recorded actions never change); the least recently used go first past a
 * bound on bytes.
 */
export class CatchUpPages {
  private readonly pages = new Map<string, CatchUpPage>();
  private cachedBytes = 0;

  constructor(
    private readonly db: RunDatabase,
    private readonly maxCachedBytes = DEFAULT_MAX_CACHED_BYTES,
  ) {}

  /** The page after `after`; synchronous, so a caller can go live in the same tick. */
  read(runId: string, after: number): CatchUpPage {
    const key = `${after}:${runId}`;
    const cached = this.pages.get(key);
    if (cached !== undefined) {
      this.pages.delete(key);
      this.pages.set(key, cached);
      return cached;
    }
    const page = this.encode(runId, after);
    if (page.terminal || page.more) this.keep(key, page);
    return page;
  }

  private encode(runId: string, after: number): CatchUpPage {
    const rows = this.db.actionRows(runId, after, PAGE_ROWS);
    const frames: string[] = [];
    let bytes = 0;
    let lastSeq = after;
    for (const row of rows) {
      const frame = sseFrame("action", actionJson(row.seq, row.type, row.payload), row.seq);
      frames.push(frame);
      bytes += frame.length;
      lastSeq = row.seq;
      if (isTerminalAction(row))
        return { chunk: join(frames), lastSeq, terminal: true, more: false };
      if (bytes >= PAGE_BYTES) {
        return { chunk: join(frames), lastSeq, terminal: false, more: true };
      }
    }
    return { chunk: join(frames), lastSeq, terminal: false, more: rows.length === PAGE_ROWS };
  }

  private keep(key: string, page: CatchUpPage): void {
    const size = page.chunk?.length ?? 0;
    if (size > this.maxCachedBytes) return;
    this.pages.set(key, page);
    this.cachedBytes += size;
    for (const [oldest, evicted] of this.pages) {
      if (this.cachedBytes <= this.maxCachedBytes) break;
      this.pages.delete(oldest);
      this.cachedBytes -= evicted.chunk?.length ?? 0;
    }
  }
}

function join(frames: readonly string[]): Buffer | null {
  return frames.length === 0 ? null : Buffer.from(frames.join(""));
}
