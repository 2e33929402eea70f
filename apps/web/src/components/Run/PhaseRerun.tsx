import type { PhaseResult } from "@milo/contract";
import type { PhaseStatus } from "@milo/core";
import { shortRunId } from "../../lib/shortRunId";
import { Link } from "../../router/Link";
import { paths } from "../../router/matchRoute";
import { RerunButtons } from "./RerunButtons";

/** Above the phase panel of a finished run: whether its value was reused or kept, and its re-runs. */
export function PhaseRerun({
  runId,
  status,
  result,
  finished,
}: {
  readonly runId: string;
  readonly status: PhaseStatus;
  readonly result: PhaseResult | undefined;
  readonly finished: boolean;
}) {
  if (!status.reusedFrom && (result === undefined || result.stored) && !finished) return null;
  return (
    <div className="space-y-1 rounded-xl border border-slate-200 bg-white px-3 py-2 text-sm dark:border-slate-800 dark:bg-slate-900">
      {status.reusedFrom ? (
        <p data-testid="phase-reused">
          Reused from run{" "}
          <Link to={paths.run(status.reusedFrom)} className="font-mono underline">
            {shortRunId(status.reusedFrom)}
          </Link>{" "}
          (not run again).
        </p>
      ) : null}
      {result && !result.stored ? (
        <p data-testid="phase-result-not-kept" className="text-orange-800 dark:text-orange-200">
          Its value was not kept ({result.reason}), so a re-run runs it again.
        </p>
      ) : null}
      {finished ? (
        <RerunButtons
          runId={runId}
          choices={[
            {
              label: "Re-run this phase",
              testId: "rerun-phase",
              body: { phases: [status.name], downstream: false },
            },
            {
              label: "… and downstream",
              testId: "rerun-phase-downstream",
              body: { phases: [status.name], downstream: true },
            },
          ]}
        />
      ) : null}
    </div>
  );
}
