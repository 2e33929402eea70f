import type { LogEntry } from "@milo/contract";
import type { LogLine, PhaseGraph, PhaseStatus } from "@milo/core";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { ApiError } from "../../api/ApiError";
import { api } from "../../api/api";
import { LOG_PAGE_SIZE, type LogFilter, usePhaseLogs } from "../../queries/usePhaseLogs";
import { LogLineRow } from "./LogLineRow";
import { LogToolbar } from "./LogToolbar";
import { lineAttempts } from "./lineAttempts";
import { useDebouncedValue } from "./useDebouncedValue";

export interface PhaseLogsProps {
  readonly runId: string;
  /** Whether the run can still change; a pending phase of an ended run never ran. */
  readonly live: boolean;
  readonly phase: PhaseGraph;
  readonly status: PhaseStatus;
}

/** A line's height before it is measured: one line of the log's font. */
const LINE_HEIGHT = 19;
/** How far from the bottom still counts as at the bottom, in px. */
const BOTTOM_SLACK = 24;
const SEARCH_DELAY_MS = 250;

/**
 * The phase's whole log, however long: only the lines in view are in the page. The run state
 * keeps the last lines; the others are fetched a page at a time as they scroll into view. It
 * follows new lines while the reader stays at the bottom and pauses when they scroll up. A search
 * or a stream filter runs in the worker over the whole log and lists only the matching lines.
 */
export function PhaseLogs({ runId, live, phase, status }: PhaseLogsProps) {
  const [query, setQuery] = useState("");
  const [stream, setStream] = useState<LogEntry["stream"] | undefined>(undefined);
  // Clearing the search returns to the log at once; typing waits for a pause.
  const q = useDebouncedValue(query, SEARCH_DELAY_MS, "");
  const filter: LogFilter = { q, stream };
  const filtered = q !== "" || stream !== undefined;

  const boxRef = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(!filtered);
  const [atBottom, setAtBottom] = useState(true);
  const lastScrollTop = useRef(0);

  // Without a filter the state's lines are the log's last ones; with one, every line is fetched.
  const tailStart = filtered ? Number.POSITIVE_INFINITY : status.logCount - status.logs.length;
  const [pages, setPages] = useState<readonly number[]>([]);
  const results = usePhaseLogs(runId, phase.name, filter, filtered ? [0, ...pages] : pages, live);
  const total = filtered ? (latestTotal(results) ?? 0) : status.logCount;
  const searching = filtered && results.get(0)?.data === undefined;

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => boxRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 30,
    initialRect: { width: 320, height: 320 },
  });
  const items = virtualizer.getVirtualItems();

  // The pages of the lines in view (and around them) that the state does not hold.
  const wanted = [
    ...new Set(
      items
        .filter((item) => item.index < tailStart)
        .map((item) => Math.floor(item.index / LOG_PAGE_SIZE)),
    ),
  ].filter((page) => !(filtered && page === 0));
  const wantedKey = wanted.join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: `wanted` is compared by its key
  useLayoutEffect(() => {
    if (wanted.some((page) => !pages.includes(page))) {
      // Keep the pages in view and the few before them; older ones drop out of memory.
      setPages((current) => [...new Set([...current.slice(-8), ...wanted])]);
    }
  }, [wantedKey]);

  const lineAt = (index: number): LogLine | undefined => {
    if (index < 0) return undefined;
    if (index >= tailStart) return status.logs[index - tailStart];
    return results.get(Math.floor(index / LOG_PAGE_SIZE))?.data?.lines[index % LOG_PAGE_SIZE];
  };
  const attemptOf = (line: LogLine | undefined): number | undefined =>
    line === undefined ? undefined : lineAttempts([line], status.attempts)[0];
  const retried = status.attempts.length > 1;

  // A new search starts at its first match; clearing it goes back to following the log.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the filter changes
  useLayoutEffect(() => {
    setPages([]);
    setFollowing(!filtered);
    if (filtered) virtualizer.scrollToOffset(0);
  }, [q, stream]);

  // Follow: keep the last line in view as lines arrive, until the reader scrolls up.
  useLayoutEffect(() => {
    if (following && total > 0) virtualizer.scrollToIndex(total - 1, { align: "end" });
    else setAtBottom(isAtBottom(boxRef.current));
  }, [following, total, virtualizer]);

  const onScroll = () => {
    const box = boxRef.current;
    if (box === null) return;
    const bottom = isAtBottom(box);
    setAtBottom(bottom);
    if (bottom && !following && !filtered) setFollowing(true);
    // Only a move up pauses: lines measured taller or shorter than guessed shift it by a pixel.
    else if (!bottom && following && box.scrollTop < lastScrollTop.current - 4) {
      setFollowing(false);
    }
    lastScrollTop.current = box.scrollTop;
  };

  // A page fetched while the log was shorter lacks lines it has now: fetch it again.
  const fetchedEnd = filtered ? total : tailStart;
  useEffect(() => {
    for (const [page, result] of results) {
      const needed = Math.min(LOG_PAGE_SIZE, fetchedEnd - page * LOG_PAGE_SIZE);
      if (result.data && result.data.lines.length < needed && !result.isFetching) {
        void result.refetch();
      }
    }
  });

  const error = [...results.values()].find((result) => result.error)?.error;

  return (
    <section>
      <div className="mb-1 flex items-baseline justify-between gap-2">
        <h3 className="font-semibold text-slate-500 text-xs uppercase tracking-wide dark:text-slate-400">
          Logs
        </h3>
        <span
          data-testid="phase-logs-count"
          aria-live="polite"
          className="text-slate-500 text-xs tabular-nums dark:text-slate-400"
        >
          {filtered
            ? searching
              ? "Searching…"
              : `${total.toLocaleString()} matching line${total === 1 ? "" : "s"}`
            : `${total.toLocaleString()} line${total === 1 ? "" : "s"}`}
        </span>
      </div>
      <LogToolbar
        query={query}
        onQuery={setQuery}
        stream={stream}
        onStream={setStream}
        downloadUrl={api.phaseLogTextUrl(runId, phase.name)}
        downloadName={`${runId}-${phase.name}.log`}
      />
      <div className="relative">
        <div
          ref={boxRef}
          data-testid="phase-logs"
          data-following={following ? "true" : "false"}
          onScroll={onScroll}
          className="h-80 overflow-auto rounded-lg bg-slate-950 p-2 font-mono text-[11.5px] text-slate-200 leading-relaxed"
        >
          {error ? (
            <p role="alert" className="mb-1 text-orange-300 text-xs">
              Could not load lines: {error instanceof ApiError ? error.message : String(error)}
            </p>
          ) : null}
          {total === 0 ? (
            <p className="px-1 py-2 text-slate-400">
              {emptyText(status, live, filtered, searching)}
            </p>
          ) : (
            <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
              {items.map((item) => {
                const line = lineAt(item.index);
                const attempt = attemptOf(line) ?? 0;
                const previous = attemptOf(lineAt(item.index - 1));
                const startsAttempt =
                  retried &&
                  line !== undefined &&
                  (item.index === 0 || (previous !== undefined && previous !== attempt));
                return (
                  <div
                    key={item.key}
                    data-index={item.index}
                    ref={virtualizer.measureElement}
                    className="absolute top-0 left-0 w-full"
                    style={{ transform: `translateY(${item.start}px)` }}
                  >
                    <LogLineRow
                      line={line}
                      attempt={attempt}
                      retried={retried}
                      startsAttempt={startsAttempt}
                      query={q}
                    />
                  </div>
                );
              })}
            </div>
          )}
        </div>
        {!following && !atBottom && total > 0 ? (
          <button
            type="button"
            data-testid="phase-logs-latest"
            onClick={() => setFollowing(true)}
            className="absolute right-3 bottom-3 rounded-full bg-sky-600 px-3 py-1 font-medium text-white text-xs shadow hover:bg-sky-500"
          >
            {live ? "Jump to latest" : "Jump to end"}
          </button>
        ) : null}
      </div>
    </section>
  );
}

function isAtBottom(box: HTMLElement | null): boolean {
  return box === null || box.scrollHeight - box.scrollTop - box.clientHeight < BOTTOM_SLACK;
}

/** The `total` of the newest page fetched: pages fetched at other times may count fewer. */
function latestTotal(
  results: ReadonlyMap<number, { data?: { total: number }; dataUpdatedAt: number }>,
) {
  let newest: { total: number; at: number } | undefined;
  for (const result of results.values()) {
    if (result.data !== undefined && (newest === undefined || result.dataUpdatedAt > newest.at)) {
      newest = { total: result.data.total, at: result.dataUpdatedAt };
    }
  }
  return newest?.total;
}

function emptyText(status: PhaseStatus, live: boolean, filtered: boolean, searching: boolean) {
  if (searching) return "Searching the whole log…";
  if (filtered) return "No line matches.";
  if (status.status !== "pending") return "The phase printed nothing.";
  return live
    ? "Nothing yet: the phase has not started."
    : "The phase never ran, so it printed nothing.";
}
