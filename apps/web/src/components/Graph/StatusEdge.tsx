import { BaseEdge, type Edge, type EdgeProps, getBezierPath } from "@xyflow/react";
import { memo } from "react";
import { useTheme } from "../../hooks/useTheme";
import type { RoutePoint } from "./layout";
import { HIGHLIGHT_COLOR } from "./markTone";
import { usePhaseView } from "./PhaseViewStore";
import { routedEdgePath } from "./routedEdgePath";

/** `points`: the layout's route around the nodes of the columns an edge skips. */
export type StatusEdgeType = Edge<
  { readonly highlight?: boolean; readonly points?: readonly RoutePoint[] },
  "status"
>;

const RUNNING_COLOR = { light: "#0072b2", dark: "#56b4e9" } as const;

/**
 * A dependency edge, accented while the phase it leads into runs and when the page's overlay
 * emphasises it. Still, not animated: thousands of moving dashes would repaint the graph every
 * frame.
 */
export const StatusEdge = memo(function StatusEdge({
  target,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  markerEnd,
  data,
}: EdgeProps<StatusEdgeType>) {
  const { resolved } = useTheme();
  const running = usePhaseView(target).status === "running";
  const points = data?.points;
  const path = points
    ? routedEdgePath([{ x: sourceX, y: sourceY }, ...points, { x: targetX, y: targetY }])
    : getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition })[0];
  const style = data?.highlight
    ? { stroke: HIGHLIGHT_COLOR[resolved], strokeWidth: 2.5 }
    : running
      ? { stroke: RUNNING_COLOR[resolved], strokeWidth: 1.75 }
      : undefined;
  return (
    <BaseEdge
      path={path}
      markerEnd={markerEnd}
      interactionWidth={0}
      style={style}
      data-running={running ? "true" : undefined}
    />
  );
});
