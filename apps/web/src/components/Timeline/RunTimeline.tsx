import type { PipelineState } from "@milo/core";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTheme } from "../../hooks/useTheme";
import { formatDuration, formatOffset } from "../../lib/formatDuration";
import { STATUS_STYLES } from "../Status/statusStyle";
import { linearScale, timeDomain, timelineRows, timeTicks, visibleRows } from "./timeline";

const ROW_HEIGHT = 22;
const LABEL_WIDTH = 200;
const AXIS_HEIGHT = 24;
const MAX_BODY_HEIGHT = 320;

export interface RunTimelineProps {
  readonly state: PipelineState;
  /** The clock, advanced by the page while the run is live. */
  readonly now: number;
  readonly selected: string | null;
  readonly onSelect: (phase: string) => void;
}

/** A Gantt chart of the run: a row per phase, a bar per attempt, so time and overlap show. */
export function RunTimeline({ state, now, selected, onSelect }: RunTimelineProps) {
  const { resolved } = useTheme();
  const live = state.status === "running" || state.status === "pending";
  const clock = live ? now : (state.endedAt ?? now);
  const rows = useMemo(() => timelineRows(state.phases, clock), [state.phases, clock]);
  const domain = useMemo(() => timeDomain(rows, state, clock), [rows, state, clock]);

  const bodyRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  const [scrollTop, setScrollTop] = useState(0);
  useEffect(() => {
    const element = bodyRef.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(200, entry.contentRect.width - LABEL_WIDTH));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Bring the selected phase's row into view inside the chart (never scrolling the page).
  const selectedIndex = selected === null ? -1 : rows.findIndex((row) => row.phase === selected);
  useEffect(() => {
    const body = bodyRef.current;
    if (!body || selectedIndex < 0) return;
    const top = selectedIndex * ROW_HEIGHT;
    if (top < body.scrollTop || top + ROW_HEIGHT > body.scrollTop + body.clientHeight) {
      body.scrollTop = Math.max(0, top - body.clientHeight / 2);
    }
  }, [selectedIndex]);

  const scale = linearScale(domain, [0, width - 12]);
  const ticks = timeTicks(domain, Math.max(2, Math.floor(width / 90)));
  const bodyHeight = Math.min(MAX_BODY_HEIGHT, Math.max(rows.length, 1) * ROW_HEIGHT);
  const { first, last } = visibleRows(scrollTop, bodyHeight, ROW_HEIGHT, rows.length);
  const notStarted = state.phases.length - rows.length;

  return (
    <section
      data-testid="run-timeline"
      aria-label="Run timeline"
      className="rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      <header className="flex items-baseline justify-between gap-4 border-slate-200 border-b px-4 py-2.5 dark:border-slate-800">
        <h2 className="font-semibold text-sm">Timeline</h2>
        <p className="text-slate-500 text-xs dark:text-slate-400">
          {rows.length} of {state.phases.length} phases started
          {notStarted > 0 && !live ? ` · ${notStarted} never ran` : ""} · spans{" "}
          {formatDuration(domain.end - domain.start)}
        </p>
      </header>
      {rows.length === 0 ? (
        <p className="px-4 py-6 text-center text-slate-500 text-sm dark:text-slate-400">
          {live ? "Waiting for the first phase to start…" : "No phase of this run ever started."}
        </p>
      ) : (
        <>
          <div
            className="flex text-[10px] text-slate-500 dark:text-slate-400"
            style={{ height: AXIS_HEIGHT }}
          >
            <div className="shrink-0" style={{ width: LABEL_WIDTH }} />
            <svg className="flex-1 overflow-visible" height={AXIS_HEIGHT} aria-hidden="true">
              {ticks.map((offset) => (
                <text
                  key={offset}
                  x={scale(domain.start + offset)}
                  y={AXIS_HEIGHT - 7}
                  textAnchor={offset === 0 ? "start" : "middle"}
                  className="fill-current tabular-nums"
                >
                  {formatOffset(offset)}
                </text>
              ))}
            </svg>
          </div>
          <div
            ref={bodyRef}
            className="relative overflow-y-auto border-slate-100 border-t dark:border-slate-800"
            style={{ height: bodyHeight }}
            onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
          >
            <div style={{ height: rows.length * ROW_HEIGHT, position: "relative" }}>
              <svg
                className="pointer-events-none absolute top-0"
                style={{ left: LABEL_WIDTH }}
                width={width}
                height={rows.length * ROW_HEIGHT}
                aria-hidden="true"
              >
                {ticks.map((offset) => (
                  <line
                    key={offset}
                    x1={scale(domain.start + offset)}
                    x2={scale(domain.start + offset)}
                    y1={0}
                    y2={rows.length * ROW_HEIGHT}
                    className="stroke-slate-100 dark:stroke-slate-800"
                  />
                ))}
                {live ? (
                  // At the newest moment known, so it never trails the bars growing toward it.
                  <line
                    x1={scale(domain.end)}
                    x2={scale(domain.end)}
                    y1={0}
                    y2={rows.length * ROW_HEIGHT}
                    className="stroke-sky-500/60"
                    strokeDasharray="3 3"
                  />
                ) : null}
              </svg>
              {rows.slice(first, last).map((row, offset) => {
                const index = first + offset;
                const isSelected = row.phase === selected;
                return (
                  <button
                    type="button"
                    key={row.phase}
                    data-testid={`timeline-row-${row.phase}`}
                    onClick={() => onSelect(row.phase)}
                    className={`absolute left-0 flex w-full items-center text-left hover:bg-slate-50 dark:hover:bg-slate-800/50 ${
                      isSelected ? "bg-sky-50 dark:bg-sky-900/30" : ""
                    }`}
                    style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
                  >
                    <span
                      className="shrink-0 truncate px-3 text-slate-700 text-xs dark:text-slate-300"
                      style={{ width: LABEL_WIDTH }}
                    >
                      {row.phase}
                    </span>
                    <span className="relative h-full flex-1">
                      {row.bars.map((bar) => {
                        const left = scale(bar.start);
                        const barWidth = Math.max(2, scale(bar.end) - left);
                        const style = STATUS_STYLES[bar.status];
                        const color = style.color[resolved];
                        return (
                          <span
                            key={bar.attempt}
                            data-testid={`timeline-bar-${row.phase}-${bar.attempt}`}
                            data-status={bar.status}
                            title={`${row.phase} · attempt ${bar.attempt} · ${style.label} · ${formatDuration(bar.end - bar.start)}${row.bars.length > 1 ? ` (${formatDuration(row.wallElapsed)} over ${row.bars.length} attempts)` : ""}${bar.error ? `\n${bar.error}` : ""}`}
                            className={`absolute top-1 bottom-1 rounded-sm ${bar.running ? "milo-bar-running" : ""} ${style.striped ? "milo-stripes" : ""}`}
                            style={{
                              left,
                              width: barWidth,
                              backgroundColor: color,
                              outline:
                                bar.status === "retrying" ? `1.5px dashed ${color}` : undefined,
                              outlineOffset: 1,
                              opacity: bar.status === "retrying" ? 0.55 : 1,
                            }}
                          />
                        );
                      })}
                    </span>
                  </button>
                );
              })}
            </div>
          </div>
        </>
      )}
    </section>
  );
}
