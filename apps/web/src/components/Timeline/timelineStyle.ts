import type { Theme } from "../Status/statusStyle";

/** The chart's geometry, shared by the page and the SVG export so both draw the same. */
export const ROW_HEIGHT = 22;
export const LABEL_WIDTH = 200;
export const AXIS_HEIGHT = 24;
/** The ready/running step chart above the axis. */
export const QUEUE_CHART_HEIGHT = 40;

/** The critical path's outline and links: a hue none of the statuses uses. */
export const CRITICAL_COLOR: Readonly<Record<Theme, string>> = {
  light: "#7c3aed",
  dark: "#c4b5fd",
};
/** Time spent ready but not started, and the step chart's "ready" band. */
export const WAIT_COLOR: Readonly<Record<Theme, string>> = { light: "#94a3b8", dark: "#64748b" };
/** Gridlines and the chart's own words. */
export const GRID_COLOR: Readonly<Record<Theme, string>> = { light: "#e2e8f0", dark: "#1e293b" };
export const TEXT_COLOR: Readonly<Record<Theme, string>> = { light: "#334155", dark: "#cbd5e1" };
export const BACKGROUND_COLOR: Readonly<Record<Theme, string>> = {
  light: "#ffffff",
  dark: "#0f172a",
};
