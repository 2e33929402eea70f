import { type CriticalPath, type PipelineGraph, type PipelineState, queueWaits } from "@milo/core";
import { memo, useEffect, useMemo, useRef, useState } from "react";
import { useTheme } from "../../hooks/useTheme";
import { downloadFile } from "../../lib/downloadFile";
import { exportFileName } from "../Export/exportFileName";
import { CriticalLinks } from "./CriticalLinks";
import { GroupRow } from "./GroupRow";
import { PhaseRow, type RowCriticalInfo } from "./PhaseRow";
import { QueueChart } from "./QueueChart";
import { TimelineAxis } from "./TimelineAxis";
import { TimelineGrid } from "./TimelineGrid";
import { TimelineSummary } from "./TimelineSummary";
import { TimelineToolbar } from "./TimelineToolbar";
import {
  axisTicks,
  linearScale,
  type TimeDomain,
  type TimelineRow,
  timeDomain,
  timelineRows,
  visibleRows,
  withEmptyRows,
} from "./timeline";
import { expectedPhases, timelineCriticalPath } from "./timelineCriticalPath";
import {
  itemIndexOf,
  itemRows,
  phaseGroups,
  type TimelineGroupBy,
  type TimelineSortBy,
  type TimeSpan,
  timelineItems,
} from "./timelineItems";
import { AXIS_HEIGHT, CRITICAL_COLOR, LABEL_WIDTH, ROW_HEIGHT } from "./timelineStyle";
import { timelineSvg } from "./timelineSvg";
import { useElementWidth } from "./useElementWidth";
import { useRunActions } from "./useRunActions";
import { clampDomain, isZoomed, zoomDomain } from "./zoomDomain";

/** Room kept right of the last bar, so the run's end is not flush with the card's edge. */
const RIGHT_PADDING = 12;
const MIN_BODY_HEIGHT = 320;
const MIN_EXPORT_WIDTH = 640;
/**
 * When a phase became ready is not in the state (the reducer keeps starts and ends, not the
 * moment the last dependency let a phase go, nor when a retry's back-off ran out), so queue waits
 * come from the run's recorded actions. They are paged in on their own, at once for a run of
 * fewer actions than this, otherwise only once "Queue waits" is turned on.
 */
const AUTO_LOAD_ACTIONS = 50_000;

export interface RunTimelineProps {
  readonly graph: PipelineGraph;
  readonly state: PipelineState;
  /** The clock, advanced by the page while the run is live. */
  readonly now: number;
  readonly runId: string;
  /** The last action the page has seen: queue waits are loaded through it. */
  readonly seq: number;
  /** The run's critical path (the page computes it once for all its views); null for none. */
  readonly criticalPath: CriticalPath | null;
  readonly selected: string | null;
  readonly onSelect: (phase: string) => void;
}

function toggledOnce(set: ReadonlySet<string>, key: string): ReadonlySet<string> {
  const next = new Set(set);
  if (!next.delete(key)) next.add(key);
  return next;
}

/**
 * A Gantt chart of the run: a row per phase (only those scrolled into view are in the page), a
 * bar per attempt, with the critical path, the time phases waited for a slot, grouping, zoom and
 * an SVG export.
 */
export const RunTimeline = memo(function RunTimeline(props: RunTimelineProps) {
  const { graph, state, now, runId, seq, criticalPath, selected, onSelect } = props;
  const { resolved } = useTheme();
  const live = state.status === "running" || state.status === "pending";
  const clock = live ? now : (state.endedAt ?? now);

  const [groupBy, setGroupBy] = useState<TimelineGroupBy>("none");
  const [sortBy, setSortBy] = useState<TimelineSortBy>("start");
  const [foldedByDefault, setFoldedByDefault] = useState(false);
  const [toggled, setToggled] = useState<ReadonlySet<string>>(() => new Set());
  const [showCritical, setShowCritical] = useState(true);
  const [showWaits, setShowWaits] = useState(() => seq < AUTO_LOAD_ACTIONS);
  const [view, setView] = useState<TimeDomain | null>(null);

  const started = useMemo(() => timelineRows(state.phases, clock), [state.phases, clock]);
  // A run under way is expected only once a phase has ended: the guesses start from those.
  const expectable = !live || state.phases.some((phase) => phase.endedAt !== null);
  const drawsCritical = showCritical && expectable && started.length > 0;
  const critical = useMemo(
    () => (drawsCritical && criticalPath !== null ? timelineCriticalPath(criticalPath) : null),
    [drawsCritical, criticalPath],
  );
  const full = useMemo(() => {
    const domain = timeDomain(started, state, clock);
    return critical && critical.end > domain.end ? { ...domain, end: critical.end } : domain;
  }, [started, state, clock, critical]);
  const shown = useMemo(() => (view ? clampDomain(view, full) : full), [view, full]);
  const groups = useMemo(() => phaseGroups(graph, groupBy), [graph, groupBy]);
  const recorded = useRunActions(runId, showWaits, seq);
  const waits = useMemo(
    () => (recorded.actions.length > 0 ? queueWaits(graph, recorded.actions) : null),
    [graph, recorded.actions],
  );
  const waitsByPhase = useMemo(() => {
    if (!showWaits || waits === null) return null;
    const byPhase = new Map<string, TimeSpan[]>();
    // A wait not over yet grows with the clock.
    const open = waits.waiting.map((wait) => ({
      name: wait.name,
      start: wait.since,
      end: Math.max(wait.since, clock),
    }));
    for (const wait of [...waits.intervals, ...open]) {
      const list = byPhase.get(wait.name);
      if (list) list.push(wait);
      else byPhase.set(wait.name, [wait]);
    }
    return byPhase;
  }, [showWaits, waits, clock]);

  // Rows too for the phases that never started but are on the expected path or waited for a slot.
  const rows = useMemo(
    () => withEmptyRows(started, [...expectedPhases(critical), ...(waitsByPhase?.keys() ?? [])]),
    [started, critical, waitsByPhase],
  );
  const items = useMemo(
    () => timelineItems(rows, { groups, sortBy, foldedByDefault, toggled }),
    [rows, groups, sortBy, foldedByDefault, toggled],
  );

  const [measureRef, measured] = useElementWidth<HTMLElement>(800 + LABEL_WIDTH);
  const chartWidth = Math.max(100, measured - LABEL_WIDTH - RIGHT_PADDING);
  // The same scale while the view and width stay, so the memoised parts are not redrawn.
  const scale = useMemo(() => linearScale(shown, [0, chartWidth]), [shown, chartWidth]);
  const ticks = useMemo(
    () => axisTicks(shown, full.start, Math.max(2, Math.floor(chartWidth / 90))),
    [shown, full.start, chartWidth],
  );

  // Selecting a phase folded into its group unfolds the group, so its row can be shown.
  const foldedRef = useRef(foldedByDefault);
  foldedRef.current = foldedByDefault;
  useEffect(() => {
    const key = selected === null ? undefined : groups?.get(selected);
    if (key === undefined) return;
    setToggled((current) =>
      foldedRef.current !== current.has(key) ? toggledOnce(current, key) : current,
    );
  }, [selected, groups]);

  // Bring the selected phase's row into view inside the chart (never scrolling the page).
  const bodyRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const selectedIndex = selected === null ? -1 : itemIndexOf(items, selected);
  useEffect(() => {
    const body = bodyRef.current;
    if (!body || selectedIndex < 0) return;
    const top = selectedIndex * ROW_HEIGHT;
    if (top < body.scrollTop || top + ROW_HEIGHT > body.scrollTop + body.clientHeight) {
      body.scrollTop = Math.max(0, top - body.clientHeight / 2);
    }
  }, [selectedIndex]);

  const maxBodyHeight = Math.max(MIN_BODY_HEIGHT, Math.round(window.innerHeight * 0.5));
  const bodyHeight = Math.min(maxBodyHeight, Math.max(items.length, 1) * ROW_HEIGHT);
  const { first, last } = visibleRows(scrollTop, bodyHeight, ROW_HEIGHT, items.length);
  const contentHeight = items.length * ROW_HEIGHT;
  const accent = CRITICAL_COLOR[resolved];

  const rowOf = useMemo(() => itemRows(items), [items]);
  const criticalInfo = (row: TimelineRow): RowCriticalInfo | null => {
    if (critical === null) return null;
    const step = critical.byName.get(row.phase);
    const duration = step?.durationMs ?? row.wallElapsed;
    return {
      step,
      slackMs: critical.slack.get(row.phase) ?? 0,
      share: critical.durationMs > 0 ? duration / critical.durationMs : 0,
    };
  };
  const download = () => {
    const svg = timelineSvg({
      title: `${graph.name} · run ${runId}`,
      items,
      domain: shown,
      // As wide as on screen, and wide enough to read on a phone's download too.
      width: Math.max(MIN_EXPORT_WIDTH, chartWidth),
      theme: resolved,
      critical,
      waits: waitsByPhase,
      queueSteps: showWaits ? (waits?.steps ?? null) : null,
    });
    downloadFile(svg, exportFileName(graph.name, runId, "timeline.svg"), "image/svg+xml");
  };

  return (
    <section
      ref={measureRef}
      data-testid="run-timeline"
      aria-label="Run timeline"
      className="rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      <header className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 border-slate-200 border-b px-4 py-2.5 dark:border-slate-800">
        <h2 className="font-semibold text-sm">Timeline</h2>
        <TimelineSummary
          started={started.length}
          phases={state.phases.length}
          live={live}
          spanMs={full.end - full.start}
          critical={critical}
          waits={showWaits ? waits : undefined}
          waitsError={recorded.error}
        />
      </header>
      {started.length === 0 ? (
        <p className="px-4 py-6 text-center text-slate-500 text-sm dark:text-slate-400">
          {live ? "Waiting for the first phase to start…" : "No phase of this run ever started."}
        </p>
      ) : (
        <>
          <TimelineToolbar
            groupBy={groupBy}
            onGroupBy={setGroupBy}
            sortBy={sortBy}
            onSortBy={setSortBy}
            onFoldAll={(folded) => {
              setFoldedByDefault(folded);
              setToggled(new Set());
            }}
            showCritical={showCritical}
            onShowCritical={setShowCritical}
            showWaits={showWaits}
            onShowWaits={setShowWaits}
            zoomed={isZoomed(shown, full)}
            onZoomBy={(factor) =>
              setView(zoomDomain(shown, full, (shown.start + shown.end) / 2, factor))
            }
            onResetZoom={() => setView(null)}
            onDownload={download}
          />
          {showWaits && waits !== null && waits.steps.length > 0 ? (
            <QueueChart steps={waits.steps} scale={scale} end={clock} theme={resolved} />
          ) : null}
          <div
            className="flex text-[10px] text-slate-500 dark:text-slate-400"
            style={{ height: AXIS_HEIGHT }}
          >
            <div className="shrink-0" style={{ width: LABEL_WIDTH }} />
            <TimelineAxis
              scale={scale}
              full={full}
              ticks={ticks}
              onZoom={(next) => setView(isZoomed(next, full) ? next : null)}
            />
            <div className="shrink-0" style={{ width: RIGHT_PADDING }} />
          </div>
          <div
            ref={bodyRef}
            data-testid="timeline-body"
            className="relative overflow-y-auto border-slate-100 border-t dark:border-slate-800"
            style={{ height: bodyHeight }}
            onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
          >
            <div style={{ height: contentHeight, position: "relative" }}>
              <TimelineGrid
                scale={scale}
                times={ticks.map((offset) => full.start + offset)}
                height={contentHeight}
                now={live ? clock : null}
                expectedEnd={critical?.estimated ? critical.end : null}
                accent={accent}
              />
              {items.slice(first, last).map((item, offset) => {
                const index = first + offset;
                return item.kind === "group" ? (
                  <GroupRow
                    key={`group-${item.key}`}
                    item={item}
                    index={index}
                    scale={scale}
                    theme={resolved}
                    critical={
                      critical !== null && item.rows.some((row) => critical.byName.has(row.phase))
                    }
                    onToggle={(key) => setToggled((current) => toggledOnce(current, key))}
                  />
                ) : (
                  <PhaseRow
                    key={item.row.phase}
                    row={item.row}
                    index={index}
                    scale={scale}
                    theme={resolved}
                    selected={item.row.phase === selected}
                    indent={item.group !== null}
                    critical={criticalInfo(item.row)}
                    waits={waitsByPhase?.get(item.row.phase)}
                    onSelect={onSelect}
                  />
                );
              })}
              {critical && critical.links.length > 0 ? (
                <CriticalLinks
                  links={critical.links}
                  rowOf={rowOf}
                  scale={scale}
                  height={contentHeight}
                  accent={accent}
                />
              ) : null}
            </div>
          </div>
        </>
      )}
    </section>
  );
});
