import { ApiError } from "../../api/ApiError";

/** A request that failed for a reason other than "not found": say what, offer a retry. */
export function LoadError({
  what,
  error,
  onRetry,
}: {
  readonly what: string;
  readonly error: Error;
  readonly onRetry: () => void;
}) {
  return (
    <div
      role="alert"
      data-testid="load-error"
      className="mx-auto mt-12 max-w-xl rounded-xl border border-red-200 bg-red-50 p-6 text-red-900 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-100"
    >
      <h1 className="font-semibold">Could not load {what}</h1>
      <p className="mt-1 text-sm">{error.message}</p>
      {error instanceof ApiError && error.code !== "NETWORK" ? (
        <p className="mt-1 font-mono text-red-700 text-xs dark:text-red-300">{error.code}</p>
      ) : null}
      <button
        type="button"
        onClick={onRetry}
        className="mt-4 rounded-lg border border-red-300 bg-white px-3 py-1 font-medium text-sm hover:bg-red-100 dark:border-red-800 dark:bg-red-950 dark:hover:bg-red-900"
      >
        Try again
      </button>
    </div>
  );
}
