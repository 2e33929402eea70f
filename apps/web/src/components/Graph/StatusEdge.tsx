import { BaseEdge, type Edge, type EdgeProps, getBezierPath } from "@xyflow/react";
import { memo } from "react";
import { useTheme } from "../../hooks/useTheme";
import type { RoutePoint } from "./layout";
import { HIGHLIGHT_COLOR } from "./markTone";
import { routedEdgePath } from "./routedEdgePath";

/** `points`: the layout's route around the nodes of the columns an edge skips. */
export type StatusEdgeType = Edge<
  { readonly highlight?: boolean; readonly points?: readonly RoutePoint[] },
  "status"
>;

/**
 * A dependency edge, accented when the page's overlay emphasises it. It does not follow the
 * run's statuses (the nodes show them): restyling edges as hundreds of phases start and end
 * each second repainted the whole edge layer every frame.
 */
export const StatusEdge = memo(function StatusEdge({
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
  const points = data?.points;
  const path = points
    ? routedEdgePath([{ x: sourceX, y: sourceY }, ...points, { x: targetX, y: targetY }])
    : getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition })[0];
  const style = data?.highlight
    ? { stroke: HIGHLIGHT_COLOR[resolved], strokeWidth: 2.5 }
    : undefined;
  return <BaseEdge path={path} markerEnd={markerEnd} interactionWidth={0} style={style} />;
});
