import type { RunDetail } from "@milo/contract";
import {
  type CriticalPath,
  compareRuns,
  type PhaseComparison,
  type PipelineGraph,
  type PipelineState,
  type RunEstimate,
} from "@milo/core";
import { useCallback, useMemo } from "react";
import type { GraphOverlay } from "../components/Graph/GraphOverlay";
import { comparisonOverlay } from "../components/Run/comparisonOverlay";
import { criticalPathOverlay } from "../components/Run/criticalPathOverlay";
import { usePipelineTimings } from "../queries/usePipelineTimings";
import { useRunDetail } from "../queries/useRunDetail";
import { useSearchParam } from "../router/useSearchParam";
import { useHistoryDurations } from "./useHistoryDurations";
import { runEstimate } from "./useRunEstimate";
import { useSampledState } from "./useSampledState";

export interface RunInsights {
  /** When the run is expected to end; null unless it runs. */
  readonly estimate: RunEstimate | null;
  /** `?critical=1`: the critical path is shown. */
  readonly showCritical: boolean;
  readonly setShowCritical: (show: boolean) => void;
  /** The chain that set (or, for a run under way, is expected to set) the run's time. */
  readonly criticalPath: CriticalPath | null;
  /** `?compare=RUN_ID`: the run this one is compared with. */
  readonly compareId: string | null;
  readonly setCompareId: (runId: string | null) => void;
  readonly comparison: {
    readonly against: RunDetail | undefined;
    readonly error: Error | null;
    readonly phases: readonly PhaseComparison[];
  } | null;
  /** What the graph (and its exports) draw over the statuses. */
  readonly overlay: GraphOverlay | undefined;
}

/**
 * The run page's analyses of `state` (the state the page shows, so they follow it): the live
 * estimate of the end, the critical path (`path`, computed once by the page for every view of
 * it), and the comparison with another run, with the overlay they draw on the graph. Both views
 * are kept in the URL.
 */
export function useRunInsights(
  detail: RunDetail,
  graph: PipelineGraph,
  shownState: PipelineState | null,
  now: number,
  path: CriticalPath | null,
): RunInsights {
  // Re-analysed as the clock ticks (each second live, each moment travelled to) and when the run
  // starts or ends, not on every one of a big live run's many updates a second.
  const state = useSampledState(
    shownState,
    `${now} ${shownState?.status} ${shownState?.startedAt}`,
  );
  const [critical, setCritical] = useSearchParam("critical");
  const [compareId, setCompareId] = useSearchParam("compare");
  const durations = useHistoryDurations(graph.name);
  // No estimate until the history is in: a guess by weight first would jump when it arrives.
  const historyPending = usePipelineTimings(graph.name).isPending;
  const concurrency = detail.options.concurrency;
  const estimate = useMemo(
    () =>
      state === null || historyPending
        ? null
        : runEstimate(graph, state, now, { durations, concurrency }),
    [graph, state, now, durations, concurrency, historyPending],
  );
  const showCritical = critical === "1";
  const shownPath = showCritical ? path : null;

  const against = useRunDetail(compareId === detail.id ? null : compareId);
  const comparison = useMemo(() => {
    if (compareId === null) return null;
    const other = against.data;
    const error =
      compareId === detail.id
        ? new Error("that is this run: pick another one")
        : other !== undefined && other.pipeline !== detail.pipeline
          ? new Error(`it is a run of ${other.pipeline}, not of ${detail.pipeline}`)
          : against.error && new Error(`could not load it: ${against.error.message}`);
    return {
      against: other,
      error,
      phases:
        other === undefined || state === null || error !== null
          ? []
          : compareRuns(graph, other.state, state),
    };
  }, [compareId, detail.id, detail.pipeline, against.data, against.error, graph, state]);

  const overlay = useMemo(
    () =>
      mergeOverlays(
        shownPath === null ? undefined : criticalPathOverlay(graph, shownPath),
        comparison === null ? undefined : comparisonOverlay(comparison.phases),
      ),
    [graph, shownPath, comparison],
  );
  const setShowCritical = useCallback(
    (show: boolean) => setCritical(show ? "1" : null),
    [setCritical],
  );
  // The same object while nothing in it changes, so the views it feeds skip a live run's frames.
  return useMemo(
    () => ({
      estimate,
      showCritical,
      setShowCritical,
      criticalPath: shownPath,
      compareId,
      setCompareId,
      comparison,
      overlay,
    }),
    [
      estimate,
      showCritical,
      setShowCritical,
      shownPath,
      compareId,
      setCompareId,
      comparison,
      overlay,
    ],
  );
}

/** The critical path's emphasis with the comparison's marks on top (a change says more). */
function mergeOverlays(
  path: GraphOverlay | undefined,
  diff: GraphOverlay | undefined,
): GraphOverlay | undefined {
  if (path === undefined || diff === undefined) return path ?? diff;
  return { ...path, marks: new Map([...(path.marks ?? []), ...(diff.marks ?? [])]) };
}
