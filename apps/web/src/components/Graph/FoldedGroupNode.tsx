import type { PhaseGraph } from "@milo/core";
import { type NodeProps, type ReactFlowState, useStore } from "@xyflow/react";
import { memo, useCallback, useContext, useRef, useSyncExternalStore } from "react";
import { useTheme } from "../../hooks/useTheme";
import { IDLE_COLOR, STATUS_ORDER, STATUS_STYLES } from "../Status/statusStyle";
import { type GroupSummary, summarizeGroup } from "./groupSummary";
import { HiddenHandle } from "./HiddenHandle";
import { PhaseNode } from "./PhaseNode";
import { PhaseViewContext, usePhaseView } from "./PhaseViewStore";
import { type PhaseNodeType, phaseLabelId } from "./phaseNodeData";
import { FoldingContext } from "./useGraphFolding";

/** Below this zoom the counts cannot be read: the name and the bar, drawn large, instead. */
const COMPACT_ZOOM = 0.45;
const isZoomedOut = (state: ReactFlowState) => state.transform[2] < COMPACT_ZOOM;

const NO_PHASES: readonly PhaseGraph[] = [];

/** A group's summary from the live phase views, re-rendering only when its counts change. */
function useGroupSummary(phases: readonly PhaseGraph[]): GroupSummary {
  const store = useContext(PhaseViewContext);
  const last = useRef<{ key: string; summary: GroupSummary } | null>(null);
  const subscribe = useCallback(
    (listener: () => void) => {
      const stops = phases.map((phase) => store.subscribe(phase.name, listener));
      return () => {
        for (const stop of stops) stop();
      };
    },
    [store, phases],
  );
  const snapshot = useCallback(() => {
    const summary = summarizeGroup(phases, (name) => store.get(name).status);
    const key = `${JSON.stringify(summary.counts)} ${summary.progress}`;
    if (last.current?.key !== key) last.current = { key, summary };
    return last.current.summary;
  }, [store, phases]);
  return useSyncExternalStore(subscribe, snapshot);
}

/**
 * A folded group: one node for many phases, with their count, how many are in each status and
 * a bar of their progress. Clicking it (or Enter on it) unfolds it.
 */
export const FoldedGroupNode = memo(function FoldedGroupNode({ id }: NodeProps<PhaseNodeType>) {
  const { resolved } = useTheme();
  const group = useContext(FoldingContext)?.groupsById.get(id);
  const phases = group?.phases ?? NO_PHASES;
  const summary = useGroupSummary(phases);
  const idle = usePhaseView(phases[0]?.name ?? "").idle;
  const compact = useStore(isZoomedOut);
  const name = group?.group ?? id;
  const present = STATUS_ORDER.filter((status) => (summary.counts[status] ?? 0) > 0);
  const described = present
    .map((status) => `${summary.counts[status]} ${STATUS_STYLES[status].label.toLowerCase()}`)
    .join(", ");
  const percent = Math.round(summary.progress * 100);
  return (
    <div
      data-testid={`group-node-${name}`}
      data-phase-count={summary.total}
      data-progress={percent}
      title={`${name}: ${summary.total} phases folded${idle ? "" : ` (${described})`}\nClick or press Enter to unfold`}
      className="milo-group relative flex h-[68px] w-[224px] cursor-pointer flex-col justify-center gap-1 rounded-lg border-[1.5px] bg-slate-100 px-2.5 py-1.5 text-left shadow-[3px_3px_0_0_rgba(148,163,184,0.5)] dark:bg-slate-800"
      style={{ borderColor: IDLE_COLOR[resolved] }}
    >
      <span id={phaseLabelId(id)} className="sr-only">
        {`${name}, a folded group of ${summary.total} phases${idle ? "" : `: ${described}, ${percent}% done`}. Press Enter to unfold it.`}
      </span>
      <HiddenHandle type="target" />
      <div className="flex items-center gap-1.5">
        <span
          aria-hidden="true"
          className="font-mono text-[11px] text-slate-500 dark:text-slate-400"
        >
          ⊞
        </span>
        <span
          className={`truncate font-semibold text-slate-900 leading-tight dark:text-slate-50 ${compact ? "text-[26px]" : "text-[13px]"}`}
        >
          {name}
        </span>
        <span
          data-testid="group-phase-count"
          className={`${compact ? "hidden" : ""} ml-auto shrink-0 rounded bg-white px-1 py-0.5 font-medium text-[11px] text-slate-600 tabular-nums leading-none dark:bg-slate-900 dark:text-slate-300`}
        >
          {summary.total} phases
        </span>
      </div>
      {idle ? (
        <div
          className={`${compact ? "hidden" : ""} text-[11px] text-slate-500 leading-none dark:text-slate-400`}
        >
          folded · click to unfold
        </div>
      ) : (
        <>
          <div
            data-testid="group-status-counts"
            className={`${compact ? "hidden" : "flex"} gap-2 overflow-hidden whitespace-nowrap text-[11px] tabular-nums leading-none`}
          >
            {present.map((status) => (
              <span
                key={status}
                data-status={status}
                data-count={summary.counts[status]}
                style={{ color: STATUS_STYLES[status].text[resolved] }}
              >
                {summary.counts[status]} {STATUS_STYLES[status].label.toLowerCase()}
              </span>
            ))}
          </div>
          <div
            aria-hidden="true"
            className={`flex overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700 ${compact ? "h-4" : "h-1.5"}`}
          >
            {present.map((status) => (
              <span
                key={status}
                style={{
                  width: `${((summary.counts[status] ?? 0) / summary.total) * 100}%`,
                  backgroundColor: STATUS_STYLES[status].color[resolved],
                }}
              />
            ))}
          </div>
        </>
      )}
      <HiddenHandle type="source" />
    </div>
  );
});

/**
 * The canvas's node type for a phase, or for a folded group drawn in its place: the drawn graph
 * lists folded groups as phases, so one node type takes both and picks the right look.
 */
export const PhaseOrFoldedGroupNode = memo(function PhaseOrFoldedGroupNode(
  props: NodeProps<PhaseNodeType>,
) {
  const folded = useContext(FoldingContext)?.groupsById.has(props.id) ?? false;
  return folded ? <FoldedGroupNode {...props} /> : <PhaseNode {...props} />;
});
