import type { RunDetail } from "@milo/contract";
import { shortRunId } from "../../lib/shortRunId";
import { Link } from "../../router/Link";
import { paths } from "../../router/matchRoute";

const MODE_WORDS = {
  start: "from the start",
  failure: "from its failure",
  phases: "of chosen phases",
};

/** Where a run came from (the run it re-ran), its re-runs, and the inputs it ran with. */
export function RunLineage({ detail }: { readonly detail: RunDetail }) {
  const inputs = Object.entries(detail.inputs);
  if (detail.rerunOf === null && detail.reruns.length === 0 && inputs.length === 0) return null;
  return (
    <div className="mt-3 space-y-1 text-slate-600 text-sm dark:text-slate-300">
      {detail.rerunOf ? (
        <p data-testid="rerun-of">
          A re-run {MODE_WORDS[detail.rerunOf.mode]} of run{" "}
          <Link to={paths.run(detail.rerunOf.runId)} className="font-mono underline">
            {shortRunId(detail.rerunOf.runId)}
          </Link>
        </p>
      ) : null}
      {detail.reruns.length > 0 ? (
        <p data-testid="reruns">
          Re-run as{" "}
          {detail.reruns.map((id, index) => (
            <span key={id}>
              {index > 0 ? ", " : ""}
              <Link to={paths.run(id)} className="font-mono underline">
                {shortRunId(id)}
              </Link>
            </span>
          ))}
        </p>
      ) : null}
      {inputs.length > 0 ? (
        <dl data-testid="run-inputs" className="flex flex-wrap gap-x-4 gap-y-1">
          <dt className="sr-only">Inputs</dt>
          {inputs.map(([key, value]) => (
            <dd key={key}>
              <span className="text-slate-500 dark:text-slate-400">{key}</span>{" "}
              <span className="font-mono">{JSON.stringify(value)}</span>
            </dd>
          ))}
        </dl>
      ) : null}
    </div>
  );
}
