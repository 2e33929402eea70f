import { BaseEdge, type Edge, type EdgeProps, getBezierPath } from "@xyflow/react";
import { memo } from "react";
import type { RoutePoint } from "./layout";
import { usePhaseView } from "./PhaseViewStore";
import { routedEdgePath } from "./routedEdgePath";

/** `points`: the layout's route around the nodes of the columns an edge skips. */
export type StatusEdgeType = Edge<{ readonly points?: readonly RoutePoint[] }, "status">;

/** A dependency edge that moves while the phase it leads into runs. */
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
  const running = usePhaseView(target).status === "running";
  const points = data?.points;
  const path = points
    ? routedEdgePath([{ x: sourceX, y: sourceY }, ...points, { x: targetX, y: targetY }])
    : getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition })[0];
  return (
    <BaseEdge
      path={path}
      markerEnd={markerEnd}
      interactionWidth={0}
      className={running ? "milo-edge-running" : undefined}
    />
  );
});
