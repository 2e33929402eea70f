import type { RunDetail, RunSummary } from "@milo/contract";
import { useRunEstimate } from "../../hooks/useRunEstimate";
import { useRunDetail } from "../../queries/useRunDetail";
import { RunEta } from "../Run/RunEta";

/** How often a running row's state is fetched again for its estimate (the clock moves it between). */
const REFRESH_MS = 3000;

/** The expected end of a running run in the runs table, from its state and the pipeline's history. */
export function RunRowEta({ run, now }: { readonly run: RunSummary; readonly now: number }) {
  const detail = useRunDetail(run.id, REFRESH_MS);
  const graph = detail.data?.graph;
  if (graph === undefined) return null;
  return <RowEstimate detail={detail.data!} now={now} />;
}

function RowEstimate({ detail, now }: { readonly detail: RunDetail; readonly now: number }) {
  const estimate = useRunEstimate(detail.graph, detail.state, now, detail.options.concurrency);
  return <RunEta estimate={estimate} className="mt-0.5 block whitespace-nowrap text-xs" />;
}
