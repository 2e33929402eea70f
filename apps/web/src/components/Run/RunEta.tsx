import { describeEta, type RunEstimate } from "@milo/core";

/** "ends in ~2 m 10 s (23:14)" for a run under way; nothing otherwise. */
export function RunEta({
  estimate,
  className = "",
}: {
  readonly estimate: RunEstimate | null;
  readonly className?: string;
}) {
  if (estimate === null) return null;
  return (
    <span
      data-testid="run-eta"
      data-remaining-ms={Math.round(estimate.remainingMs)}
      title="Expected from the medians of this pipeline's earlier runs, with the run's concurrency"
      className={`text-slate-500 tabular-nums dark:text-slate-400 ${className}`}
    >
      {describeEta(estimate.remainingMs, estimate.expectedEnd)}
    </span>
  );
}
