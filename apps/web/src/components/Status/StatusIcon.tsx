import type { PhaseStatusName } from "@milo/core";
import { STATUS_STYLES } from "./statusStyle";

export interface StatusIconProps {
  readonly status: PhaseStatusName;
  readonly className?: string;
}

/** The status's shape, drawn in the current text color. */
export function StatusIcon({ status, className = "size-4" }: StatusIconProps) {
  const { icon } = STATUS_STYLES[status];
  return (
    <svg
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      className={`${className} shrink-0 ${icon.spin ? "animate-spin motion-reduce:animate-none" : ""}`}
    >
      <path d={icon.path} />
    </svg>
  );
}
