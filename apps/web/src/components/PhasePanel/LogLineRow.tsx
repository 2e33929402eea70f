import type { LogLine } from "@milo/core";
import { formatLogTime } from "./formatLogTime";
import { highlightMatches } from "./highlightMatches";

export interface LogLineRowProps {
  /** The line; undefined while its page is being fetched. */
  readonly line: LogLine | undefined;
  readonly attempt: number;
  /** Whether to show the attempt beside the time (the phase was retried). */
  readonly retried: boolean;
  /** Draws the "Attempt N" marker above the line. */
  readonly startsAttempt: boolean;
  /** The search, whose matches are marked. */
  readonly query: string;
}

/** One line of a phase's log: its time (and attempt), its text with the search's matches marked. */
export function LogLineRow({ line, attempt, retried, startsAttempt, query }: LogLineRowProps) {
  if (line === undefined) {
    return (
      <div data-testid="phase-log-pending" className="select-none text-slate-500">
        …
      </div>
    );
  }
  return (
    <>
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
        data-stream={line.stream}
        className={`flex gap-2 ${line.stream === "stderr" ? "text-orange-300" : ""}`}
      >
        <span className="shrink-0 select-none text-slate-500 tabular-nums">
          {formatLogTime(line.at)}
          {retried ? ` #${attempt}` : ""}
        </span>
        <span className="min-w-0 whitespace-pre-wrap break-all">
          {highlightMatches(line.line, query).map((part, index) =>
            part.match ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: parts of one line never reorder
              <mark key={index} className="rounded-sm bg-yellow-300 text-slate-950">
                {part.text}
              </mark>
            ) : (
              part.text
            ),
          )}
        </span>
      </div>
    </>
  );
}
