import type { LogLine, PhaseGraph, PhaseStatus } from "@milo/core";
import { useLayoutEffect, useMemo, useRef, useState } from "react";
import { ApiError } from "../../api/ApiError";
import { usePhaseLogs } from "../../queries/usePhaseLogs";
import { formatLogTime } from "./formatLogTime";
import { lineAttempts } from "./lineAttempts";

export interface PhaseLogsProps {
  readonly runId: string;
  /** Whether the run can still change; a pending phase of an ended run never ran. */
  readonly live: boolean;
  readonly phase: PhaseGraph;
  readonly status: PhaseStatus;
}

/**
 * The phase's output, live. The run state keeps only the last lines; the older ones are fetched
 * from the worker on request, and stitched in front.
 */
export function PhaseLogs({ runId, live, phase, status }: PhaseLogsProps) {
  const olderCount = status.logCount - status.logs.length;
  const [wantOlder, setWantOlder] = useState(false);
  const older = usePhaseLogs(runId, phase.name, olderCount, wantOlder && olderCount > 0);
  const fetched = useMemo(
    () => older.data?.pages.flatMap((page) => page.lines) ?? [],
    [older.data],
  );
  const olderLines = useMemo(() => fetched.slice(0, olderCount), [fetched, olderCount]);
  const missing = olderCount - olderLines.length;

  // Each line keyed by its place in the phase's whole log, which never changes.
  const lines: readonly { key: number; line: LogLine }[] = useMemo(
    () => [
      ...olderLines.map((line, index) => ({ key: index, line })),
      ...status.logs.map((line, index) => ({ key: olderCount + index, line })),
    ],
    [olderLines, status.logs, olderCount],
  );
  const attemptOfLine = useMemo(
    () =>
      lineAttempts(
        lines.map(({ line }) => line),
        status.attempts,
      ),
    [lines, status.attempts],
  );
  const retried = status.attempts.length > 1;

  // Follow new lines while the reader is at the bottom; leave them be once they scroll up.
  const boxRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  useLayoutEffect(() => {
    const box = boxRef.current;
    if (box && stickToBottom.current && lines.length > 0) box.scrollTop = box.scrollHeight;
  }, [lines]);

  const loadOlder = () => {
    if (!wantOlder) setWantOlder(true);
    else void older.fetchNextPage();
  };

  return (
    <section>
      <div className="mb-1 flex items-baseline justify-between gap-2">
        <h3 className="font-semibold text-slate-500 text-xs uppercase tracking-wide dark:text-slate-400">
          Logs
        </h3>
        <span className="text-slate-500 text-xs tabular-nums dark:text-slate-400">
          {status.logCount.toLocaleString()} line{status.logCount === 1 ? "" : "s"}
        </span>
      </div>
      <div
        ref={boxRef}
        data-testid="phase-logs"
        onScroll={(event) => {
          const box = event.currentTarget;
          stickToBottom.current = box.scrollHeight - box.scrollTop - box.clientHeight < 24;
        }}
        className="max-h-80 min-h-24 overflow-auto rounded-lg bg-slate-950 p-2 font-mono text-[11.5px] text-slate-200 leading-relaxed"
      >
        {missing > 0 ? (
          <button
            type="button"
            data-testid="phase-logs-older"
            onClick={loadOlder}
            disabled={older.isFetching}
            className="mb-1 w-full rounded border border-slate-700 border-dashed py-1 text-slate-400 text-xs hover:border-slate-500 hover:text-slate-200 disabled:opacity-60"
          >
            {older.isFetching
              ? "Loading earlier lines…"
              : `Show ${missing.toLocaleString()} earlier line${missing === 1 ? "" : "s"}`}
          </button>
        ) : null}
        {older.error ? (
          <p role="alert" className="mb-1 text-orange-300 text-xs">
            Could not load earlier lines:{" "}
            {older.error instanceof ApiError ? older.error.message : String(older.error)}
          </p>
        ) : null}
        {lines.length === 0 ? (
          <p className="px-1 py-2 text-slate-400">
            {status.status !== "pending"
              ? "The phase printed nothing."
              : live
                ? "Nothing yet: the phase has not started."
                : "The phase never ran, so it printed nothing."}
          </p>
        ) : (
          lines.map(({ key, line }, index) => {
            const attempt = attemptOfLine[index]!;
            const startsAttempt = retried && (index === 0 || attemptOfLine[index - 1] !== attempt);
            return (
              <div key={key}>
                {startsAttempt ? (
                  <div
                    data-testid="phase-logs-attempt"
                    className="my-1 border-slate-700 border-t pt-1 text-[10.5px] text-sky-300 uppercase tracking-wide"
                  >
                    Attempt {attempt}
                  </div>
                ) : null}
                <div
                  data-testid="phase-log-line"
                  data-attempt={attempt}
                  className={`flex gap-2 ${line.stream === "stderr" ? "text-orange-300" : ""}`}
                >
                  <span className="shrink-0 select-none text-slate-500 tabular-nums">
                    {formatLogTime(line.at)}
                    {retried ? ` #${attempt}` : ""}
                  </span>
                  <span className="min-w-0 whitespace-pre-wrap break-all">{line.line}</span>
                </div>
              </div>
            );
          })
        )}
      </div>
    </section>
  );
}
