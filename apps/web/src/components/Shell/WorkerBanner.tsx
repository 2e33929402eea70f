import { useQueryClient } from "@tanstack/react-query";
import { useHealth } from "../../queries/useHealth";

/** Says so plainly when the worker cannot be reached, and offers to try again. */
export function WorkerBanner() {
  const health = useHealth();
  const queryClient = useQueryClient();
  if (!health.error) return null;
  const retry = () => {
    void health.refetch();
    void queryClient.invalidateQueries();
  };
  return (
    <div
      role="alert"
      data-testid="worker-unreachable"
      className="border-amber-300 border-b bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100"
    >
      <div className="mx-auto flex max-w-[1600px] flex-wrap items-center gap-x-4 gap-y-1 px-6 py-2 text-sm">
        <strong className="font-semibold">The Milo worker is unreachable.</strong>
        <span className="min-w-0 flex-1">
          {health.error.message} Checking again every few seconds.
        </span>
        <button
          type="button"
          onClick={retry}
          disabled={health.isFetching}
          className="rounded-md border border-amber-400 bg-white/60 px-2.5 py-0.5 font-medium hover:bg-white disabled:opacity-60 dark:border-amber-700 dark:bg-amber-900/40 dark:hover:bg-amber-900"
        >
          {health.isFetching ? "Retrying…" : "Retry now"}
        </button>
      </div>
    </div>
  );
}
