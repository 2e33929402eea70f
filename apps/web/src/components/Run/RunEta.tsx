import { clockTime, describeEta, type RunEstimate } from "@milo/core";

/**
 * "ends in ~2 m 10 s (23:14)" for a run under way; nothing otherwise. At a past moment
 * (`past`, while travelling back) the estimate is what was expected then, and says so:
 * "expected then to end at 23:14", not a countdown that reads like a live forecast.
 */
export function RunEta({
  estimate,
  past = false,
  className = "",
}: {
  readonly estimate: RunEstimate | null;
  readonly past?: boolean;
  readonly className?: string;
}) {
  if (estimate === null) return null;
  return (
    <span
      data-testid="run-eta"
      data-remaining-ms={Math.round(estimate.remainingMs)}
      data-past={past ? "true" : undefined}
      title={
        past
          ? "What was expected at the moment shown, from the medians of this pipeline's earlier runs, with the run's concurrency"
          : "Expected from the medians of this pipeline's earlier runs, with the run's concurrency"
      }
      className={`text-slate-500 tabular-nums dark:text-slate-400 ${className}`}
    >
      {past
        ? `expected then to end at ${clockTime(estimate.expectedEnd)}`
        : describeEta(estimate.remainingMs, estimate.expectedEnd)}
    </span>
  );
}
