import type { RerunBody } from "@milo/contract";
import { useRerun } from "../../queries/useRerun";

const BUTTON =
  "inline-flex items-center gap-1.5 rounded-lg border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 text-sm shadow-sm hover:border-sky-300 hover:bg-sky-50 disabled:cursor-not-allowed disabled:opacity-60 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-sky-950/40";

/** One button per way to run a finished run again; the new run opens when it starts. */
export function RerunButtons({
  runId,
  choices,
}: {
  readonly runId: string;
  readonly choices: readonly {
    readonly label: string;
    readonly testId: string;
    readonly body: RerunBody;
  }[];
}) {
  const rerun = useRerun(runId);
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex flex-wrap justify-end gap-2">
        {choices.map((choice) => (
          <button
            key={choice.testId}
            type="button"
            data-testid={choice.testId}
            onClick={() => rerun.mutate(choice.body)}
            disabled={rerun.isPending}
            className={BUTTON}
          >
            {choice.label}
          </button>
        ))}
      </div>
      {rerun.error ? (
        <p
          role="alert"
          data-testid="rerun-error"
          className="max-w-sm text-right text-red-700 text-xs dark:text-red-300"
        >
          Could not re-run: {rerun.error.message}
        </p>
      ) : null}
    </div>
  );
}
