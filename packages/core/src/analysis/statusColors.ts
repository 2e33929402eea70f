import type { PhaseStatusName } from "../types";

/** Fill and outline of a phase's box by status, for the drawings made without the dashboard. */
export const STATUS_COLORS: Readonly<Record<PhaseStatusName, { fill: string; stroke: string }>> =
  Object.freeze({
    pending: { fill: "#f3f4f6", stroke: "#9ca3af" },
    running: { fill: "#dbeafe", stroke: "#2563eb" },
    completed: { fill: "#dcfce7", stroke: "#16a34a" },
    failed: { fill: "#fee2e2", stroke: "#dc2626" },
    skipped: { fill: "#fef9c3", stroke: "#ca8a04" },
    retrying: { fill: "#ffedd5", stroke: "#ea580c" },
    cancelled: { fill: "#e5e7eb", stroke: "#4b5563" },
  });
