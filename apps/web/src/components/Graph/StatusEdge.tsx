import { BaseEdge, type Edge, type EdgeProps, getBezierPath } from "@xyflow/react";
import { memo } from "react";
import { usePhaseView } from "./PhaseViewStore";

export type StatusEdgeType = Edge<Record<string, never>, "status">;

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
}: EdgeProps<StatusEdgeType>) {
  const running = usePhaseView(target).status === "running";
  const [path] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  return (
    <BaseEdge
      path={path}
      markerEnd={markerEnd}
      interactionWidth={0}
      className={running ? "milo-edge-running" : undefined}
    />
  );
});
