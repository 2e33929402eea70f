import type { RunDetail } from "@milo/contract";
import { isFinished, type PipelineGraph, phaseStatus } from "@milo/core";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { ApiError } from "../api/ApiError";
import { blockedBy } from "../components/Graph/blockedBy";
import { PipelineGraphView } from "../components/Graph/PipelineGraphView";
import { useStatusFilter } from "../components/Graph/useStatusFilter";
import { PhasePanel } from "../components/PhasePanel/PhasePanel";
import { CancelRunButton } from "../components/Run/CancelRunButton";
import { ConnectionIndicator } from "../components/Run/ConnectionIndicator";
import { CriticalPathPanel } from "../components/Run/CriticalPathPanel";
import { PhaseRerun } from "../components/Run/PhaseRerun";
import { RerunButtons } from "../components/Run/RerunButtons";
import { RunComparison } from "../components/Run/RunComparison";
import { RunEta } from "../components/Run/RunEta";
import { RunInsightsBar } from "../components/Run/RunInsightsBar";
import { RunLineage } from "../components/Run/RunLineage";
import { RunProgress } from "../components/Run/RunProgress";
import { RunScrubber } from "../components/Run/RunScrubber";
import { StatusCounts } from "../components/Run/StatusCounts";
import { AppShell } from "../components/Shell/AppShell";
import { LoadError } from "../components/Shell/LoadError";
import { NotFound } from "../components/Shell/NotFound";
import { PageLoading } from "../components/Shell/PageLoading";
import { StatusBadge } from "../components/Status/StatusBadge";
import { RunTimeline } from "../components/Timeline/RunTimeline";
import { useCriticalPath } from "../hooks/useCriticalPath";
import { useHistoryDurations } from "../hooks/useHistoryDurations";
import { useNow } from "../hooks/useNow";
import { useRunInsights } from "../hooks/useRunInsights";
import { useRunState } from "../hooks/useRunState";
import { useSampledState } from "../hooks/useSampledState";
import { type ShownState, useShownState } from "../hooks/useShownState";
import { formatTime } from "../lib/formatTime";
import { shortRunId } from "../lib/shortRunId";
import { queryKeys } from "../queries/queryKeys";
import { useRun } from "../queries/useRun";
import { Link } from "../router/Link";
import { paths } from "../router/matchRoute";
import { RunErrorBoundary } from "./RunErrorBoundary";
import { useFocusedSelection } from "./useFocusedSelection";

/**
 * How often the views beside the graph (timeline, counts, scrubber, insights) follow a live run:
 * the state moves every frame, the graph alone draws each one.
 */
const SAMPLE_MS = 250;

/** One run, live or finished: the graph colored by status, progress, timeline and details. */
export function RunPage({ runId }: { readonly runId: string }) {
  const run = useRun(runId);

  if (run.isPending) {
    return (
      <AppShell
        crumbs={[{ label: "Pipelines", to: paths.pipelines() }, { label: runId }]}
        title={`run ${shortRunId(runId)}`}
      >
        <PageLoading label={`Loading run ${runId}…`} />
      </AppShell>
    );
  }
  if (run.error) {
    return (
      <AppShell
        crumbs={[{ label: "Pipelines", to: paths.pipelines() }, { label: runId }]}
        title={`run ${shortRunId(runId)}`}
      >
        {run.error instanceof ApiError && run.error.isNotFound ? (
          <NotFound title={`No run with id “${runId}”`} detail={run.error.message} />
        ) : (
          <LoadError what={`run ${runId}`} error={run.error} onRetry={() => void run.refetch()} />
        )}
      </AppShell>
    );
  }
  const crumbs = [
    { label: "Pipelines", to: paths.pipelines() },
    { label: run.data.pipeline, to: paths.pipeline(run.data.pipeline) },
    { label: `Run ${shortRunId(run.data.id)}` },
  ];
  return (
    <AppShell crumbs={crumbs} title={`${run.data.pipeline} · run ${shortRunId(run.data.id)}`}>
      {/* Keyed by run, so another run starts with a clean slate. */}
      <RunErrorBoundary key={runId}>
        <LiveRun detail={run.data} graph={run.data.graph} />
      </RunErrorBoundary>
    </AppShell>
  );
}

function LiveRun({ detail, graph }: { readonly detail: RunDetail; readonly graph: PipelineGraph }) {
  const snapshot = useRunState(detail.id, graph, { start: detail });
  // Fixed when the page opens (the run's detail is refetched as it moves): a replay or a watch.
  const [openedAfterEnd] = useState(() => isFinished(detail.status));
  const { selected, setSelected, focus, focusOn, selectAndFocus } = useFocusedSelection();
  // Every view draws the shown state: the live one, or the moment travelled to (?at=SEQ).
  const shown = useShownState(detail.id, graph, snapshot, detail.seq);
  const state = shown.state;
  const live = state !== null && !isFinished(state.status);
  const liveNow = useNow(shown.runLive, 1000);
  const now = shown.at ?? liveNow;
  // The other views take the shown state at most every SAMPLE_MS while following a live run,
  // and every moment at once otherwise: a seek, the run's end (its status changes), a replay.
  const following = shown.runLive && shown.at === null;
  const sampleTick = useNow(following, SAMPLE_MS);
  const sampled = useSampledState(
    { state, seq: shown.seq, edge: shown.edge },
    following ? `live ${sampleTick} ${state?.status}` : `seq ${shown.seq} ${state?.status}`,
  );
  const { travel, position, runLive, at } = shown;
  const scrubberShown = useMemo<ShownState>(
    () => ({ ...sampled, at, runLive, travel, position }),
    [sampled, at, runLive, travel, position],
  );
  // A status count picks its phases out on the graph; n and p open them one after another.
  const statusFilter = useStatusFilter(sampled.state, selectAndFocus);
  const queryClient = useQueryClient();
  const connection = snapshot?.connection;
  useEffect(() => {
    // A dropped stream often means the worker went away: check now, so the banner says so.
    if (connection === "reconnecting")
      void queryClient.refetchQueries({ queryKey: queryKeys.health });
  }, [connection, queryClient]);
  const selectedPhase =
    selected === null ? undefined : graph.phases.find((p) => p.name === selected);
  // Only the panel needs it, and only for the selected phase.
  const blocked = useMemo(
    () => (state && selectedPhase ? blockedBy(graph, state) : new Map<string, string>()),
    [graph, state, selectedPhase],
  );
  const historyDurations = useHistoryDurations(graph.name);
  // One critical path for the graph's emphasis, its panel and the timeline.
  const criticalPath = useCriticalPath(
    {
      graph,
      state: sampled.state,
      now,
      concurrency: detail.options.concurrency ?? undefined,
      durations: historyDurations,
    },
    true,
  );
  // The estimated end and the comparison too, all of the shown state.
  const insights = useRunInsights(detail, graph, state, now, criticalPath);
  // What the graph draws over its statuses (a status filter over the insights), downloads too.
  const overlay = statusFilter.overlayOver(insights.overlay);

  if (snapshot === null || state === null) {
    return <PageLoading label="Connecting to the run's event stream…" />;
  }

  const phase = selectedPhase;
  const selectedStatus = phase ? phaseStatus(state, phase.name) : undefined;
  // Until the stream has replayed what was recorded when the page opened, the state is behind.
  const catchingUp = snapshot.lastSeq < detail.actionCount && snapshot.connection !== "ended";
  // A run that had ended when the page opened is shown as it ended while its actions replay
  // (no flash of "running", no cancel button for a run that cannot be cancelled).
  const endedAtLoad = isFinished(detail.status);
  // The header is about the run itself, whatever moment is shown.
  const shownStatus = catchingUp && endedAtLoad ? detail.status : snapshot.state.status;
  const cancellable = shown.runLive && !endedAtLoad;

  return (
    <>
      <section className="mb-4 rounded-xl border border-slate-200 bg-white px-5 py-4 dark:border-slate-800 dark:bg-slate-900">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0 space-y-1">
            <div className="flex flex-wrap items-center gap-3">
              <h1 className="font-semibold text-xl tracking-tight">
                <Link to={paths.pipeline(detail.pipeline)} className="hover:underline">
                  {detail.pipeline}
                </Link>
              </h1>
              <StatusBadge status={shownStatus} testId="run-status" size="md" />
              <ConnectionIndicator snapshot={snapshot} endedAtLoad={openedAfterEnd} />
              {catchingUp ? (
                <span className="text-slate-500 text-xs dark:text-slate-400">
                  replaying {snapshot.lastSeq.toLocaleString()} /{" "}
                  {detail.actionCount.toLocaleString()} actions…
                </span>
              ) : null}
            </div>
            <p className="text-slate-500 text-sm dark:text-slate-400">
              <span className="font-mono">{detail.id}</span>
              {" · "}
              {state.startedAt !== null
                ? `started ${formatTime(state.startedAt, liveNow)}`
                : `created ${formatTime(detail.createdAt, liveNow)}`}
              {" · "}
              concurrency {detail.options.concurrency ?? "unlimited"}
              {detail.options.failFast ? " · fail fast" : ""}
            </p>
          </div>
          {cancellable ? <CancelRunButton runId={detail.id} /> : null}
          {isFinished(shownStatus) ? (
            <RerunButtons
              runId={detail.id}
              choices={[
                { label: "Run again", testId: "run-again", body: { from: "start" } },
                ...(shownStatus === "completed"
                  ? []
                  : [
                      {
                        label: "Re-run from failure",
                        testId: "rerun-from-failure",
                        body: { from: "failure" as const },
                      },
                    ]),
              ]}
            />
          ) : null}
        </div>
        <RunLineage detail={detail} />
        <div className="mt-4">
          <RunProgress
            state={state}
            now={now}
            onPhase={selectAndFocus}
            onRunning={statusFilter.jumpToRunning}
          />
          <RunEta
            estimate={insights.estimate}
            past={shown.at !== null}
            className="mt-1 block text-sm"
          />
        </div>
        <div className="mt-3">
          <StatusCounts state={sampled.state ?? state} filter={statusFilter} />
        </div>
        {state.status === "cancelled" ? (
          <p
            data-testid="run-error"
            className="mt-3 rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-slate-700 text-sm dark:border-slate-700 dark:bg-slate-800/60 dark:text-slate-200"
          >
            The run was cancelled
            {state.error && state.error !== "cancelled" ? `: ${state.error}` : "."}
          </p>
        ) : state.error ? (
          <div
            data-testid="run-error"
            className="mt-3 flex flex-wrap items-start gap-x-3 gap-y-1 rounded-lg border border-orange-200 bg-orange-50 px-3 py-2 text-orange-950 text-sm dark:border-orange-900/60 dark:bg-orange-950/30 dark:text-orange-100"
          >
            <span className="min-w-0 flex-1 whitespace-pre-wrap break-words">{state.error}</span>
            {state.failedPhase ? (
              <button
                type="button"
                onClick={() => selectAndFocus(state.failedPhase!)}
                className="shrink-0 rounded-md border border-orange-300 bg-white/70 px-2 py-0.5 font-medium text-xs hover:bg-white dark:border-orange-800 dark:bg-orange-950/60"
              >
                Show {state.failedPhase}
              </button>
            ) : null}
          </div>
        ) : null}
      </section>

      <RunScrubber shown={scrubberShown} now={now} />

      <RunInsightsBar
        detail={detail}
        graph={graph}
        state={sampled.state ?? state}
        insights={insights}
        overlay={overlay}
        now={now}
      />
      <div className={`mb-4 grid gap-4 ${phase ? "lg:grid-cols-[1fr_400px]" : ""}`}>
        <PipelineGraphView
          graph={graph}
          state={state}
          selected={phase ? phase.name : null}
          requested={selected}
          onSelect={setSelected}
          focus={focus}
          onFocus={focusOn}
          overlay={overlay}
          fit={statusFilter.fit}
          className="h-[60vh] min-h-[400px]"
        />
        {phase && selectedStatus ? (
          <div className="flex h-[60vh] min-h-[400px] flex-col gap-2">
            <PhaseRerun
              runId={detail.id}
              status={selectedStatus}
              result={detail.results.find((result) => result.phase === phase.name)}
              finished={isFinished(shownStatus)}
            />
            <div className="min-h-0 flex-1">
              <PhasePanel
                graph={graph}
                phase={phase}
                run={{
                  runId: detail.id,
                  status: selectedStatus,
                  blockedBy: blocked.get(phase.name) ?? null,
                  firstFailure: state.failedPhase === phase.name,
                  live,
                  now,
                }}
                onSelect={selectAndFocus}
                onClose={() => setSelected(null)}
              />
            </div>
          </div>
        ) : null}
      </div>

      {insights.criticalPath || insights.comparison ? (
        <div className="mb-4 space-y-4">
          {insights.criticalPath ? (
            <CriticalPathPanel path={insights.criticalPath} onSelect={selectAndFocus} />
          ) : null}
          {insights.comparison && insights.compareId ? (
            <RunComparison
              againstId={insights.compareId}
              phases={insights.comparison.phases}
              loading={insights.comparison.against === undefined && !insights.comparison.error}
              error={insights.comparison.error}
              onSelect={selectAndFocus}
            />
          ) : null}
        </div>
      ) : null}

      <RunTimeline
        graph={graph}
        state={sampled.state ?? state}
        now={now}
        runId={detail.id}
        seq={sampled.seq}
        criticalPath={criticalPath}
        selected={selected}
        onSelect={selectAndFocus}
      />
    </>
  );
}
