import type { MiniMapNodeProps } from "@xyflow/react";
import { memo } from "react";
import { useTheme } from "../../hooks/useTheme";
import { IDLE_COLOR, statusColor } from "../Status/statusStyle";
import { usePhaseView } from "./PhaseViewStore";

/** A phase in the minimap, filled with its status color. */
export const MiniMapPhase = memo(function MiniMapPhase({
  id,
  x,
  y,
  width,
  height,
  borderRadius,
}: MiniMapNodeProps) {
  const { resolved } = useTheme();
  const view = usePhaseView(id);
  const fill = view.idle ? IDLE_COLOR[resolved] : statusColor(view.status, resolved);
  return (
    <rect
      x={x}
      y={y}
      width={width}
      height={height}
      rx={borderRadius}
      ry={borderRadius}
      fill={fill}
      data-status={view.status}
    />
  );
});
