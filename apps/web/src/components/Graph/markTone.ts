import type { Theme } from "../Status/statusStyle";
import type { PhaseMark } from "./GraphOverlay";

/**
 * The color of each overlay mark's tone, apart from every status color (Okabe–Ito based, like
 * them) so a mark never reads as a status. Text on white (light) or slate-900 (dark) at AA.
 */
export const MARK_TONE_COLORS: Readonly<
  Record<PhaseMark["tone"], Readonly<Record<Theme, string>>>
> = {
  critical: { light: "#6d28d9", dark: "#c4b5fd" },
  slower: { light: "#be123c", dark: "#fda4af" },
  faster: { light: "#0f766e", dark: "#5eead4" },
  changed: { light: "#a16207", dark: "#fde047" },
};

/** The ring drawn around an emphasised phase that carries no mark of its own. */
export const HIGHLIGHT_COLOR: Readonly<Record<Theme, string>> = {
  light: "#1d4ed8",
  dark: "#93c5fd",
};

export function markColor(mark: PhaseMark, theme: Theme): string {
  return MARK_TONE_COLORS[mark.tone][theme];
}
