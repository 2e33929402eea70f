import type { PhaseStatusName } from "@milo/core";
import { useTheme } from "../../hooks/useTheme";
import { StatusIcon } from "./StatusIcon";
import { STATUS_STYLES } from "./statusStyle";

export interface StatusBadgeProps {
  readonly status: PhaseStatusName;
  readonly testId?: string;
  readonly size?: "sm" | "md";
  /** A word other than the status's own (e.g. "Not run" for a phase its ended run never reached). */
  readonly label?: string;
}

/** A status pill: icon and word, colored by the palette, readable without the color. */
export function StatusBadge({ status, testId, size = "sm", label }: StatusBadgeProps) {
  const { resolved } = useTheme();
  const { color: fill, text } = STATUS_STYLES[status];
  const color = text[resolved];
  const sizing = size === "md" ? "px-2.5 py-1 text-sm gap-1.5" : "px-2 py-0.5 text-xs gap-1";
  return (
    <span
      data-testid={testId}
      data-status={status}
      data-status-text={status}
      className={`inline-flex items-center whitespace-nowrap rounded-full border font-medium ${sizing}`}
      style={{
        color,
        borderColor: `${fill[resolved]}66`,
        backgroundColor: `${fill[resolved]}14`,
      }}
    >
      <StatusIcon status={status} className={size === "md" ? "size-4" : "size-3.5"} />
      {label ?? STATUS_STYLES[status].label}
    </span>
  );
}
