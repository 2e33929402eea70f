import type { PhaseStatusName } from "@milo/core";

export type Theme = "light" | "dark";

export interface StatusIcon {
  /** SVG path data in a 16×16 box, drawn with a 1.75 stroke and no fill. */
  readonly path: string;
  /** Running shows motion; everything else is still. */
  readonly spin?: boolean;
}

export interface StatusStyle {
  readonly label: string;
  /** One color per theme; Okabe–Ito based so the statuses stay apart for color-blind eyes. */
  readonly color: Readonly<Record<Theme, string>>;
  /** The same hue for text, dark (light theme) or light (dark theme) enough for WCAG AA (4.5:1)
   *  on the card and on the status's own tint; fills keep `color`. */
  readonly text: Readonly<Record<Theme, string>>;
  /** The shape that tells the status apart without its color. */
  readonly icon: StatusIcon;
  /** A second cue besides color and icon, for the node's border. */
  readonly border: "solid" | "dashed" | "dotted";
  /** Diagonal stripes for work that was cut short. */
  readonly striped: boolean;
}

const CIRCLE = "M13.5 8A5.5 5.5 0 1 1 2.5 8A5.5 5.5 0 1 1 13.5 8Z";

/** The look of every phase (and pipeline) status, in one table. */
export const STATUS_STYLES: Readonly<Record<PhaseStatusName, StatusStyle>> = {
  pending: {
    label: "Pending",
    color: { light: "#8a94a6", dark: "#7b8597" },
    text: { light: "#5b6577", dark: "#9aa3b2" },
    icon: { path: `${CIRCLE}M8 5v3.2l2 1.3` },
    border: "dashed",
    striped: false,
  },
  running: {
    label: "Running",
    color: { light: "#0072B2", dark: "#56B4E9" },
    text: { light: "#0068a3", dark: "#56b4e9" },
    icon: { path: "M8 2.5A5.5 5.5 0 1 1 2.5 8", spin: true },
    border: "solid",
    striped: false,
  },
  completed: {
    label: "Completed",
    color: { light: "#009E73", dark: "#2CC295" },
    text: { light: "#00775a", dark: "#2cc295" },
    icon: { path: "M3.5 8.5l3 3 6-7" },
    border: "solid",
    striped: false,
  },
  failed: {
    label: "Failed",
    color: { light: "#D55E00", dark: "#FF7F2A" },
    text: { light: "#b04a00", dark: "#ff7f2a" },
    icon: { path: "M4 4l8 8M12 4l-8 8" },
    border: "solid",
    striped: false,
  },
  skipped: {
    label: "Skipped",
    color: { light: "#B8559A", dark: "#CC79A7" },
    text: { light: "#9a3f80", dark: "#d98fba" },
    icon: { path: "M3 4l4.5 4L3 12M8.5 4l4.5 4-4.5 4" },
    border: "dotted",
    striped: false,
  },
  retrying: {
    label: "Retrying",
    color: { light: "#B07800", dark: "#E69F00" },
    text: { light: "#855b00", dark: "#e69f00" },
    icon: { path: "M13 8a5 5 0 1 1-1.6-3.7M13 2.5v3h-3" },
    border: "dashed",
    striped: false,
  },
  cancelled: {
    label: "Cancelled",
    color: { light: "#4B5563", dark: "#B8C0CC" },
    text: { light: "#4b5563", dark: "#b8c0cc" },
    icon: { path: `${CIRCLE}M4.2 11.8l7.6-7.6` },
    border: "solid",
    striped: true,
  },
};

/** Statuses in the order a run moves through them, for legends and counts. */
export const STATUS_ORDER: readonly PhaseStatusName[] = [
  "pending",
  "running",
  "retrying",
  "completed",
  "failed",
  "skipped",
  "cancelled",
];

export function statusColor(status: PhaseStatusName, theme: Theme): string {
  return STATUS_STYLES[status].color[theme];
}

/** The color of a status's words (labels, durations): the fill's hue at AA contrast. */
export function statusTextColor(status: PhaseStatusName, theme: Theme): string {
  return STATUS_STYLES[status].text[theme];
}

/** A phase drawn outside any run (and the edges between phases): neutral, no status. */
export const IDLE_COLOR: Readonly<Record<Theme, string>> = { light: "#94a3b8", dark: "#64748b" };
