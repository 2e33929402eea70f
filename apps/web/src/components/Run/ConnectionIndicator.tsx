import type { RunStreamSnapshot } from "../../api/createRunStream";

/** Where the event stream stands: live, catching up, reconnecting, or finished. */
export function ConnectionIndicator({
  snapshot,
  endedAtLoad,
}: {
  readonly snapshot: RunStreamSnapshot;
  /** The run had ended when the page opened: its stream was a replay, not a live watch. */
  readonly endedAtLoad: boolean;
}) {
  const { connection, problem } = snapshot;
  const label =
    connection === "open"
      ? "Live"
      : connection === "connecting"
        ? "Connecting…"
        : connection === "reconnecting"
          ? "Reconnecting…"
          : endedAtLoad
            ? "Replayed to the end"
            : "Run ended: no more updates";
  const dot =
    connection === "open"
      ? "bg-emerald-500 animate-pulse"
      : connection === "reconnecting"
        ? "bg-amber-500 animate-ping"
        : connection === "connecting"
          ? "bg-slate-400 animate-pulse"
          : "bg-slate-400";
  return (
    <span
      data-testid="stream-status"
      data-state={connection}
      role="status"
      title={problem ?? undefined}
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs ${
        connection === "reconnecting"
          ? "bg-amber-100 font-medium text-amber-900 dark:bg-amber-900/40 dark:text-amber-100"
          : "text-slate-500 dark:text-slate-400"
      }`}
    >
      <span className="relative flex size-2">
        <span className={`absolute inline-flex size-full rounded-full ${dot}`} />
      </span>
      {label}
      {connection === "reconnecting" && problem ? <span className="sr-only">{problem}</span> : null}
    </span>
  );
}
