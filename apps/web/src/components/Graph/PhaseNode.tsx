import { type NodeProps, type ReactFlowState, useStore } from "@xyflow/react";
import { memo } from "react";
import { useTheme } from "../../hooks/useTheme";
import { formatDuration } from "../../lib/formatDuration";
import { StatusIcon } from "../Status/StatusIcon";
import { IDLE_COLOR, STATUS_STYLES } from "../Status/statusStyle";
import { HiddenHandle } from "./HiddenHandle";
import { HIGHLIGHT_COLOR, markColor } from "./markTone";
import { usePhaseView } from "./PhaseViewStore";
import { type PhaseNodeType, phaseLabelId } from "./phaseNodeData";

/** Below this zoom the text is unreadable anyway: draw a plain status block instead. */
const COMPACT_ZOOM = 0.45;
const isZoomedOut = (state: ReactFlowState) => state.transform[2] < COMPACT_ZOOM;

/** One phase of the DAG: name, weight, parallel or serial, status by color, icon and border. */
export const PhaseNode = memo(function PhaseNode({ data }: NodeProps<PhaseNodeType>) {
  const { resolved } = useTheme();
  const compact = useStore(isZoomedOut);
  const { phase, selected, dimmed, matched, highlighted, mark } = data;
  const { status, label, idle, attempt, agent, elapsed, blockedBy, firstFailure, waiting } =
    usePhaseView(phase.name);
  const style = STATUS_STYLES[status];
  // A pipeline seen outside any run has no status to show: a neutral frame then.
  const color = idle ? IDLE_COLOR[resolved] : style.color[resolved];
  const textColor = style.text[resolved];
  const title = [
    phase.name,
    phase.description,
    idle ? "" : `${label}${attempt > 1 ? ` · attempt ${attempt}` : ""}`,
    agent ? `On agent ${agent}` : "",
    waiting ? "Ready: waiting for a free agent or slot" : "",
    blockedBy ? `Blocked by ${blockedBy}` : "",
    mark ? (mark.title ?? mark.badge ?? "") : "",
  ]
    .filter(Boolean)
    .join("\n");

  const ring = selected
    ? "ring-2 ring-offset-2 ring-slate-900 ring-offset-white dark:ring-white dark:ring-offset-slate-950"
    : matched
      ? "ring-2 ring-offset-1 ring-amber-400 ring-offset-white dark:ring-offset-slate-950"
      : "";

  // The overlay's emphasis, else a still ring while running (no endless animation: thousands of
  // them repainted the whole graph every frame). The selection and search use the box-shadow ring.
  const outlineColor = mark
    ? markColor(mark, resolved)
    : highlighted
      ? HIGHLIGHT_COLOR[resolved]
      : status === "running" && !idle
        ? `${color}66`
        : undefined;

  return (
    <div
      data-testid={`phase-node-${phase.name}`}
      data-highlighted={highlighted ? "true" : undefined}
      data-mark={mark?.tone}
      data-status={status}
      data-blocked-by={blockedBy ?? undefined}
      data-waiting={waiting ? "true" : undefined}
      data-first-failure={firstFailure ? "true" : undefined}
      title={title}
      className={`milo-phase relative flex h-[68px] w-[224px] rounded-lg bg-white text-left shadow-sm transition-opacity duration-200 dark:bg-slate-900 ${dimmed ? "opacity-25" : ""} ${ring}`}
      style={{
        borderColor: color,
        borderStyle: idle ? "solid" : style.border,
        borderWidth: firstFailure ? 3 : 1.5,
        outline: outlineColor ? `3px solid ${outlineColor}` : undefined,
        outlineOffset: outlineColor ? 2 : undefined,
      }}
    >
      <span id={phaseLabelId(phase.name)} className="sr-only">
        {idle ? phase.name : `${phase.name}, ${label.toLowerCase()}`}
        {blockedBy ? `, blocked by ${blockedBy}` : ""}
        {mark ? `, ${mark.title ?? mark.badge ?? mark.tone}` : ""}
      </span>
      {mark?.badge ? (
        <span
          data-testid="phase-mark-badge"
          aria-hidden="true"
          className="-top-2.5 absolute right-2 z-10 max-w-[180px] truncate rounded px-1.5 py-px font-semibold text-[10px] text-white leading-tight"
          style={{ backgroundColor: markColor(mark, "light") }}
        >
          {mark.badge}
        </span>
      ) : null}
      <HiddenHandle type="target" />
      {compact ? (
        <div
          className={`flex flex-1 items-center justify-center rounded-[6px] ${style.striped ? "milo-stripes" : ""}`}
          style={{ backgroundColor: `${color}33`, color }}
        >
          <StatusIcon status={status} className="!animate-none size-8" />
        </div>
      ) : (
        <>
          <div
            className={`flex w-8 shrink-0 items-center justify-center rounded-l-[6px] ${style.striped ? "milo-stripes" : ""}`}
            style={{ backgroundColor: `${color}1f`, color }}
          >
            {idle ? (
              <svg
                viewBox="0 0 16 16"
                className="size-4"
                fill="none"
                stroke="currentColor"
                strokeWidth={1.75}
                aria-hidden="true"
              >
                <rect x="2.5" y="4" width="11" height="8" rx="2" />
              </svg>
            ) : (
              <StatusIcon status={status} className="!animate-none size-4.5" />
            )}
          </div>
          <div className="flex min-w-0 flex-1 flex-col justify-center gap-1 px-2.5 py-1.5">
            <div className="flex items-center gap-1.5">
              <span className="truncate font-semibold text-[13px] text-slate-900 leading-tight dark:text-slate-50">
                {phase.name}
              </span>
              {firstFailure ? (
                <span
                  className="ml-auto shrink-0 rounded px-1 font-bold text-[9px] text-white uppercase tracking-wide"
                  style={{ backgroundColor: STATUS_STYLES.failed.text.light }}
                >
                  First failure
                </span>
              ) : null}
            </div>
            {blockedBy ? (
              <div className="flex min-w-0 items-center gap-1 text-[11px] text-slate-500 leading-none dark:text-slate-400">
                <svg
                  viewBox="0 0 16 16"
                  className="size-3 shrink-0"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth={1.75}
                  aria-hidden="true"
                >
                  <path d="M8 2.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM4.5 8h7" />
                </svg>
                <span className="truncate">
                  blocked by <span className="font-semibold font-mono">{blockedBy}</span>
                </span>
              </div>
            ) : (
              <div className="flex items-center gap-1.5 whitespace-nowrap text-[11px] text-slate-500 leading-none dark:text-slate-400">
                <span className="shrink-0 rounded bg-slate-100 px-1 py-0.5 font-medium tabular-nums dark:bg-slate-800">
                  w {phase.weight}
                </span>
                <span
                  className="shrink-0 rounded bg-slate-100 px-1 py-0.5 font-medium dark:bg-slate-800"
                  title={
                    phase.parallel
                      ? "May run beside other phases"
                      : "Runs alone: nothing else at once"
                  }
                >
                  {phase.parallel ? "∥ parallel" : "→ serial"}
                </span>
                {idle ? null : (
                  <span
                    data-status-text={status}
                    className="ml-auto min-w-0 truncate font-medium tabular-nums"
                    style={{ color: textColor }}
                  >
                    {status === "running" || status === "retrying"
                      ? `${style.label}${attempt > 1 ? ` #${attempt}` : ""}`
                      : elapsed !== null
                        ? formatDuration(elapsed)
                        : label}
                  </span>
                )}
              </div>
            )}
          </div>
        </>
      )}
      <HiddenHandle type="source" />
    </div>
  );
});
