import type { CriticalPathStep } from "@milo/core";
import { formatDuration } from "../../lib/formatDuration";
import { STATUS_STYLES, type Theme } from "../Status/statusStyle";
import type { LinearScale, TimelineRow } from "./timeline";
import type { TimeSpan } from "./timelineItems";
import { CRITICAL_COLOR, LABEL_WIDTH, ROW_HEIGHT, WAIT_COLOR } from "./timelineStyle";

/** What the critical path says of one phase, when the chart shows it. */
export interface RowCriticalInfo {
  /** The phase's step on the path; undefined when it is off it. */
  readonly step: CriticalPathStep | undefined;
  readonly slackMs: number;
  /** The phase's wall time as a share of the run's, in [0, 1]. */
  readonly share: number;
}

export interface PhaseRowProps {
  readonly row: TimelineRow;
  readonly index: number;
  readonly scale: LinearScale;
  readonly theme: Theme;
  readonly selected: boolean;
  readonly indent: boolean;
  readonly critical: RowCriticalInfo | null;
  readonly waits: readonly TimeSpan[] | undefined;
  readonly onSelect: (phase: string) => void;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** The hatching of time spent ready but not started. */
export function waitBackground(theme: Theme): string {
  const color = WAIT_COLOR[theme];
  return `repeating-linear-gradient(135deg, ${color} 0 2px, transparent 2px 5px)`;
}

function rowTitle(row: TimelineRow, critical: RowCriticalInfo | null, waitedMs: number): string {
  const parts = [row.phase, formatDuration(row.wallElapsed)];
  if (critical) {
    parts.push(`${percent(critical.share)} of the run`);
    parts.push(
      critical.step
        ? `on the critical path${critical.step.estimated ? " (expected)" : ""}`
        : `${formatDuration(critical.slackMs)} of slack`,
    );
  }
  if (waitedMs > 0) parts.push(`waited ${formatDuration(waitedMs)} for a slot`);
  return parts.join(" · ");
}

/** One phase's row: its name, then a bar per attempt, with what the chart overlays on it. */
export function PhaseRow(props: PhaseRowProps) {
  const { row, index, scale, theme, selected, critical, waits, onSelect } = props;
  const onPath = critical?.step !== undefined;
  const accent = CRITICAL_COLOR[theme];
  const waitedMs = (waits ?? []).reduce((sum, wait) => sum + wait.end - wait.start, 0);
  const lastEnd = row.bars.at(-1)?.end;
  const box = (start: number, end: number) => {
    const left = scale(start);
    return { left, width: Math.max(2, scale(end) - left) };
  };
  return (
    <button
      type="button"
      data-testid={`timeline-row-${row.phase}`}
      data-critical={onPath ? "true" : undefined}
      aria-pressed={selected}
      title={rowTitle(row, critical, waitedMs)}
      onClick={() => onSelect(row.phase)}
      className={`absolute left-0 flex w-full items-center text-left hover:bg-slate-50 dark:hover:bg-slate-800/50 ${
        selected ? "bg-sky-50 dark:bg-sky-900/30" : ""
      }`}
      style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
    >
      <span
        className={`shrink-0 truncate pr-3 text-slate-700 text-xs dark:text-slate-300 ${props.indent ? "pl-6" : "pl-3"} ${onPath ? "font-semibold" : ""}`}
        style={{
          width: LABEL_WIDTH,
          boxShadow: onPath ? `inset 3px 0 0 ${accent}` : undefined,
        }}
      >
        {row.phase}
      </span>
      <span className="relative h-full flex-1 overflow-hidden">
        {(waits ?? []).map((wait) => (
          <span
            key={`wait-${wait.start}`}
            data-testid={`timeline-wait-${row.phase}`}
            className="absolute top-1.5 bottom-1.5 rounded-sm"
            style={{ ...box(wait.start, wait.end), backgroundImage: waitBackground(theme) }}
          />
        ))}
        {row.bars.map((bar) => {
          const style = STATUS_STYLES[bar.status];
          const color = style.color[theme];
          return (
            <span
              key={bar.attempt}
              data-testid={`timeline-bar-${row.phase}-${bar.attempt}`}
              data-status={bar.status}
              title={`${row.phase} · attempt ${bar.attempt} · ${style.label} · ${formatDuration(bar.end - bar.start)}${row.bars.length > 1 ? ` (${formatDuration(row.wallElapsed)} over ${row.bars.length} attempts)` : ""}${bar.error ? `\n${bar.error}` : ""}`}
              className={`absolute top-1 bottom-1 rounded-sm ${bar.running ? "milo-bar-running" : ""} ${style.striped ? "milo-stripes" : ""}`}
              style={{
                ...box(bar.start, bar.end),
                backgroundColor: color,
                outline: bar.status === "retrying" ? `1.5px dashed ${color}` : undefined,
                outlineOffset: 1,
                opacity: bar.status === "retrying" ? 0.55 : 1,
                boxShadow: onPath ? `0 0 0 2px ${accent}` : undefined,
              }}
            />
          );
        })}
        {critical?.step?.estimated ? (
          <span
            data-testid={`timeline-expected-${row.phase}`}
            title={`${row.phase}: expected to take ${formatDuration(critical.step.durationMs)}`}
            className="absolute top-1 bottom-1 rounded-sm border border-dashed"
            style={{ ...box(critical.step.start, critical.step.end), borderColor: accent }}
          />
        ) : null}
        {critical && !onPath && critical.slackMs > 0 && lastEnd !== undefined ? (
          <span
            data-testid={`timeline-slack-${row.phase}`}
            title={`${row.phase}: ${formatDuration(critical.slackMs)} of slack`}
            className="absolute h-0.5 opacity-60"
            style={{
              top: ROW_HEIGHT / 2 - 1,
              left: scale(lastEnd),
              width: Math.max(1, scale(lastEnd + critical.slackMs) - scale(lastEnd)),
              backgroundColor: accent,
            }}
          />
        ) : null}
      </span>
    </button>
  );
}
