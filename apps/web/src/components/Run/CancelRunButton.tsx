import { useCancelRun } from "../../queries/useCancelRun";

/** Stops a running run; the stream then reports it cancelled. */
export function CancelRunButton({ runId }: { readonly runId: string }) {
  const cancel = useCancelRun(runId);
  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        data-testid="cancel-run"
        onClick={() => cancel.mutate()}
        disabled={cancel.isPending || cancel.isSuccess}
        className="inline-flex items-center gap-1.5 rounded-lg border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 text-sm shadow-sm hover:border-red-300 hover:bg-red-50 hover:text-red-700 disabled:cursor-not-allowed disabled:opacity-60 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:border-red-800 dark:hover:bg-red-950/40 dark:hover:text-red-300"
      >
        <svg viewBox="0 0 16 16" className="size-3.5" fill="currentColor" aria-hidden="true">
          <rect x="3.5" y="3.5" width="9" height="9" rx="1.5" />
        </svg>
        {cancel.isPending ? "Cancelling…" : cancel.isSuccess ? "Cancelling" : "Cancel run"}
      </button>
      {cancel.error ? (
        <p role="alert" className="max-w-xs text-right text-red-700 text-xs dark:text-red-300">
          {cancel.error.message}
        </p>
      ) : null}
    </div>
  );
}
