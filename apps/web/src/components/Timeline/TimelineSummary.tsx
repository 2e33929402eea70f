import type { QueueWaits } from "@milo/core";
import { formatDuration } from "../../lib/formatDuration";
import type { TimelineCriticalPath } from "./timelineCriticalPath";

export interface TimelineSummaryProps {
  readonly started: number;
  readonly phases: number;
  readonly live: boolean;
  readonly spanMs: number;
  readonly critical: TimelineCriticalPath | null;
  /** Undefined while queue waits are not shown; null while they load. */
  readonly waits: QueueWaits | null | undefined;
  readonly waitsError: Error | null;
}

/** The timeline's one line of figures: phases started, span, critical path, time waited. */
export function TimelineSummary(props: TimelineSummaryProps) {
  const { started, phases, live, critical, waits, waitsError } = props;
  const notStarted = phases - started;
  return (
    <p className="text-slate-500 text-xs dark:text-slate-400">
      {started} of {phases} phases started
      {notStarted > 0 && !live ? ` · ${notStarted} never ran` : ""} · spans{" "}
      {formatDuration(props.spanMs)}
      {critical && critical.steps.length > 0 ? (
        <span data-testid="timeline-critical-summary">
          {" "}
          · {critical.estimated ? "expected critical path" : "critical path"}{" "}
          {critical.steps.length} phases, {formatDuration(critical.durationMs)}
        </span>
      ) : null}
      {waits === undefined ? null : (
        <span data-testid="timeline-wait-total">
          {" · "}
          {waitsError
            ? `queue waits unavailable: ${waitsError.message}`
            : waits === null
              ? "loading queue waits…"
              : waits.totalWaitMs > 0
                ? `${formatDuration(waits.totalWaitMs)} waiting for a slot`
                : "no phase waited for a slot"}
        </span>
      )}
    </p>
  );
}
