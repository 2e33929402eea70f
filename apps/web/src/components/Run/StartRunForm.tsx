import { type FormEvent, useId, useState } from "react";
import { usePipeline } from "../../queries/usePipeline";
import { useStartRun } from "../../queries/useStartRun";
import { history } from "../../router/history";
import { paths } from "../../router/matchRoute";
import { InputFields } from "./InputFields";
import { inputFieldsOf, inputsFromFields } from "./inputFields";

/** Starts a run with its options, then opens it to watch live. */
export function StartRunForm({ pipeline }: { readonly pipeline: string }) {
  const start = useStartRun(pipeline);
  const [concurrency, setConcurrency] = useState("");
  const [failFast, setFailFast] = useState(false);
  const graph = usePipeline(pipeline);
  const fields = inputFieldsOf(graph.data?.inputs);
  const [inputTexts, setInputTexts] = useState<Record<string, string>>({});
  const concurrencyId = useId();
  const errorId = useId();
  const trimmed = concurrency.trim();
  // A text field, not type="number": a number field reports letters as "" (no limit) silently.
  const invalid = trimmed !== "" && !/^[1-9][0-9]{0,6}$/.test(trimmed);
  const parsed = trimmed === "" || invalid ? undefined : Number(trimmed);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (invalid) return;
    start.mutate(
      {
        ...(parsed === undefined ? {} : { concurrency: parsed }),
        ...(failFast ? { failFast } : {}),
        ...(fields.length > 0 ? { inputs: inputsFromFields(fields, inputTexts) } : {}),
      },
      { onSuccess: (run) => history.navigate(paths.run(run.id)) },
    );
  };

  return (
    <form onSubmit={submit} className="flex flex-col items-end gap-1.5">
      <InputFields
        fields={fields}
        texts={inputTexts}
        onChange={(name, text) => setInputTexts((texts) => ({ ...texts, [name]: text }))}
      />
      <div className="flex flex-wrap items-center justify-end gap-3">
        <label
          htmlFor={concurrencyId}
          className="flex items-center gap-2 text-slate-600 text-sm dark:text-slate-300"
        >
          Concurrency
          <input
            id={concurrencyId}
            data-testid="run-concurrency"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            placeholder="no limit"
            value={concurrency}
            onChange={(event) => setConcurrency(event.target.value)}
            aria-invalid={invalid}
            aria-describedby={invalid ? errorId : undefined}
            className="w-24 rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm tabular-nums outline-none focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 aria-invalid:border-red-500 dark:border-slate-700 dark:bg-slate-900"
          />
        </label>
        <label className="flex items-center gap-2 text-slate-600 text-sm dark:text-slate-300">
          <input
            type="checkbox"
            data-testid="run-fail-fast"
            checked={failFast}
            onChange={(event) => setFailFast(event.target.checked)}
            className="size-4 rounded border-slate-300 accent-sky-600"
          />
          <span title="On the first failure, stop the phases still running instead of letting them finish">
            Fail fast
          </span>
        </label>
        <button
          type="submit"
          data-testid="start-run"
          disabled={start.isPending || invalid}
          className="inline-flex items-center gap-1.5 rounded-lg bg-sky-700 px-3.5 py-1.5 font-semibold text-sm text-white shadow-sm hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-sky-500 focus-visible:outline-offset-2 disabled:cursor-not-allowed disabled:opacity-60 dark:bg-sky-700 dark:hover:bg-sky-600"
        >
          <svg viewBox="0 0 16 16" className="size-3.5" fill="currentColor" aria-hidden="true">
            <path d="M4.5 3.2v9.6a.6.6 0 0 0 .9.5l7.6-4.8a.6.6 0 0 0 0-1L5.4 2.7a.6.6 0 0 0-.9.5Z" />
          </svg>
          {start.isPending ? "Starting…" : "Start run"}
        </button>
      </div>
      {invalid ? (
        <p
          id={errorId}
          role="alert"
          data-testid="run-concurrency-error"
          className="text-red-700 text-xs dark:text-red-300"
        >
          Concurrency must be a whole number from 1 to 1000000, not “{trimmed}” (leave it empty for
          no limit).
        </p>
      ) : null}
      {start.error ? (
        <p
          role="alert"
          data-testid="start-run-error"
          className="max-w-md text-right text-red-700 text-xs dark:text-red-300"
        >
          Could not start the run: {start.error.message}
        </p>
      ) : null}
    </form>
  );
}
