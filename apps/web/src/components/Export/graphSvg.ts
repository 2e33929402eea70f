import { isFinished, type PipelineState, phaseStatus, phaseWallTime, xmlText } from "@milo/core";
import { formatDuration } from "../../lib/formatDuration";
import type { DrawnGroup, FoldedGraph } from "../Graph/foldGraph";
import type { GraphOverlay } from "../Graph/GraphOverlay";
import { DEFAULT_LAYOUT_OPTIONS, type GraphLayout } from "../Graph/layout";
import { HIGHLIGHT_COLOR, markColor } from "../Graph/markTone";
import { phaseEmphasis } from "../Graph/phaseEmphasis";
import { routedEdgePath } from "../Graph/routedEdgePath";
import { phaseStatusLabel } from "../Status/phaseStatusLabel";
import { IDLE_COLOR, STATUS_ORDER, STATUS_STYLES, type Theme } from "../Status/statusStyle";

export interface GraphSvgInput {
  /** The pipeline's name, the drawing's title. */
  readonly name: string;
  /** What the view draws: the pipeline with its folded groups as one node each (`foldGraph`). */
  readonly graph: Pick<FoldedGraph, "nodes">;
  /** The layout of `graph`'s nodes, as the view lays them out. */
  readonly layout: GraphLayout;
  /** The run's state, or null for the bare pipeline. */
  readonly state: PipelineState | null;
  readonly overlay?: GraphOverlay;
  readonly theme: Theme;
  /** When the run's times were read (a running phase's time so far). */
  readonly now: number;
}

const MARGIN = 24;
const STRIP = 32;
const DIMMED = 0.25;
/** Characters of a phase's name that fit its box at 13 px; longer ones end in "…". */
const NAME_CHARACTERS = 22;

const PAGE = {
  light: {
    background: "#f8fafc",
    card: "#ffffff",
    group: "#f1f5f9",
    track: "#e2e8f0",
    text: "#0f172a",
    muted: "#64748b",
  },
  dark: {
    background: "#0b1220",
    card: "#0f172a",
    group: "#1e293b",
    track: "#334155",
    text: "#f8fafc",
    muted: "#94a3b8",
  },
} as const;

const DASHES = { solid: "", dashed: "6 4", dotted: "1.5 3" } as const;

/**
 * The graph as the run page draws it, as one self-contained SVG document: the same layout
 * (positions and routed edges), status colors, icons and borders, and the overlay's emphasis,
 * dimming and marks. Pure: the same input always gives the same text.
 */
export function graphSvg({
  name,
  graph,
  layout,
  state,
  overlay,
  theme,
  now,
}: GraphSvgInput): string {
  const { nodeWidth: width, nodeHeight: height } = DEFAULT_LAYOUT_OPTIONS;
  const page = PAGE[theme];
  const emphasis = phaseEmphasis(null, null, overlay);
  const positions = new Map(layout.positions.map((position) => [position.name, position]));
  const routes = new Map(
    layout.routes.map((route) => [`${route.source}→${route.target}`, route.points]),
  );
  const runEnded = state !== null && isFinished(state.status);

  const edges: string[] = [];
  for (const phase of graph.nodes) {
    const to = positions.get(phase.name);
    if (to === undefined) continue;
    for (const dependency of phase.dependsOn) {
      const from = positions.get(dependency);
      if (from === undefined) continue;
      const start = { x: from.x + width, y: from.y + height / 2 };
      const end = { x: to.x, y: to.y + height / 2 };
      const path = routedEdgePath([
        start,
        ...(routes.get(`${dependency}→${phase.name}`) ?? []),
        end,
      ]);
      const look = emphasis.edge(dependency, phase.name);
      const color =
        look === "highlight"
          ? emphasis.markOf(phase.name)
            ? markColor(emphasis.markOf(phase.name)!, theme)
            : HIGHLIGHT_COLOR[theme]
          : IDLE_COLOR[theme];
      edges.push(
        `<path class="edge" data-from="${xmlText(dependency)}" data-to="${xmlText(phase.name)}" d="${path}" fill="none" stroke="${color}" stroke-width="${look === "highlight" ? 3 : 1.5}"${look === "dimmed" ? ` opacity="${DIMMED}"` : ""} marker-end="url(#arrow-${look === "highlight" ? "highlight" : "plain"})"/>`,
      );
    }
  }

  const nodes = graph.nodes.map((phase) => {
    const position = positions.get(phase.name);
    if (position === undefined) return "";
    if (phase.kind === "group") return groupBox(phase, position, state !== null, theme);
    const status = state === null ? undefined : phaseStatus(state, phase.name);
    const statusName = status?.status ?? "pending";
    const style = STATUS_STYLES[statusName];
    const color = state === null ? IDLE_COLOR[theme] : style.color[theme];
    const mark = emphasis.markOf(phase.name);
    const highlighted = emphasis.isHighlighted(phase.name);
    const ring = mark ? markColor(mark, theme) : highlighted ? HIGHLIGHT_COLOR[theme] : null;
    const label = state === null ? "" : phaseStatusLabel(statusName, runEnded);
    const time =
      status === undefined || status.attempts.length === 0
        ? ""
        : formatDuration(phaseWallTime(status, now)?.elapsed ?? 0);
    const firstFailure = state?.failedPhase === phase.name;
    const title = [phase.name, label, time, mark?.title ?? ""].filter(Boolean).join(" · ");
    const parts = [
      `<g class="phase" data-phase="${xmlText(phase.name)}" data-status="${state === null ? "" : statusName}"${mark ? ` data-mark="${mark.tone}"` : ""}${highlighted ? ' data-highlighted="true"' : ""} transform="translate(${position.x + MARGIN} ${position.y + MARGIN})"${emphasis.isDimmed(phase.name) ? ` opacity="${DIMMED}"` : ""}>`,
      `<title>${xmlText(title)}</title>`,
      ring
        ? `<rect x="-4" y="-4" width="${width + 8}" height="${height + 8}" rx="11" fill="none" stroke="${ring}" stroke-width="2.5"/>`
        : "",
      `<rect width="${width}" height="${height}" rx="8" fill="${page.card}" stroke="${color}" stroke-width="${firstFailure ? 3 : 1.5}"${DASHES[state === null ? "solid" : style.border] ? ` stroke-dasharray="${DASHES[style.border]}"` : ""}/>`,
      `<path d="M8 0.75 H${STRIP} V${height - 0.75} H8 A7.25 7.25 0 0 1 0.75 ${height - 8} V8 A7.25 7.25 0 0 1 8 0.75 Z" fill="${color}" fill-opacity="0.12"/>`,
      state === null
        ? ""
        : `<path transform="translate(${(STRIP - 18) / 2} ${(height - 18) / 2}) scale(1.125)" d="${style.icon.path}" fill="none" stroke="${color}" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round"/>`,
      `<text x="${STRIP + 10}" y="${state === null ? height / 2 : 27}" dominant-baseline="middle" font-size="13" font-weight="600" fill="${page.text}">${xmlText(shorten(phase.name, NAME_CHARACTERS))}</text>`,
      state === null
        ? ""
        : `<text x="${STRIP + 10}" y="47" dominant-baseline="middle" font-size="11" fill="${style.text[theme]}">${xmlText([label, time].filter(Boolean).join(" · "))}</text>`,
      mark?.badge
        ? `<g transform="translate(${width - 6} -9)"><rect x="${-badgeWidth(mark.badge)}" width="${badgeWidth(mark.badge)}" height="18" rx="9" fill="${markColor(mark, theme)}"/><text x="${-badgeWidth(mark.badge) / 2}" y="9" text-anchor="middle" dominant-baseline="middle" font-size="10" font-weight="700" fill="${page.card}">${xmlText(mark.badge)}</text></g>`
        : "",
      "</g>",
    ];
    return parts.join("");
  });

  const svgWidth = layout.width + MARGIN * 2;
  const svgHeight = layout.height + MARGIN * 2;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${svgWidth}" height="${svgHeight}" viewBox="0 0 ${svgWidth} ${svgHeight}" font-family="ui-sans-serif, system-ui, sans-serif">`,
    `<title>${xmlText(name)}</title>`,
    `<defs>${arrow("plain", IDLE_COLOR[theme])}${arrow("highlight", HIGHLIGHT_COLOR[theme])}</defs>`,
    `<rect width="100%" height="100%" fill="${page.background}"/>`,
    `<g transform="translate(${MARGIN} ${MARGIN})">`,
    ...edges,
    "</g>",
    ...nodes,
    "</svg>",
    "",
  ].join("\n");
}

/** A folded group as the view draws it: name, phase count, counts per status, a stacked bar. */
function groupBox(
  group: DrawnGroup,
  position: { readonly x: number; readonly y: number },
  withRun: boolean,
  theme: Theme,
): string {
  const { nodeWidth: width, nodeHeight: height } = DEFAULT_LAYOUT_OPTIONS;
  const page = PAGE[theme];
  const { total, counts } = group.summary;
  const present = STATUS_ORDER.filter((status) => (counts[status] ?? 0) > 0);
  const count = `${total} phases`;
  const parts = [
    `<g class="group" data-group="${xmlText(group.group)}" data-phase-count="${total}" transform="translate(${position.x + MARGIN} ${position.y + MARGIN})">`,
    `<title>${xmlText(`${group.group}: ${total} phases folded`)}</title>`,
    `<rect x="3" y="3" width="${width}" height="${height}" rx="8" fill="${IDLE_COLOR[theme]}" fill-opacity="0.5"/>`,
    `<rect width="${width}" height="${height}" rx="8" fill="${page.group}" stroke="${IDLE_COLOR[theme]}" stroke-width="1.5"/>`,
    `<text x="10" y="20" dominant-baseline="middle" font-size="13" font-weight="600" fill="${page.text}">⊞ ${xmlText(shorten(group.group, NAME_CHARACTERS - 6))}</text>`,
    `<text x="${width - 10}" y="20" text-anchor="end" dominant-baseline="middle" font-size="11" fill="${page.muted}">${count}</text>`,
  ];
  if (!withRun) {
    parts.push(
      `<text x="10" y="44" dominant-baseline="middle" font-size="11" fill="${page.muted}">folded</text>`,
    );
  } else {
    let x = 10;
    for (const status of present) {
      const text = `${counts[status]} ${STATUS_STYLES[status].label.toLowerCase()}`;
      parts.push(
        `<text x="${x}" y="40" dominant-baseline="middle" font-size="11" fill="${STATUS_STYLES[status].text[theme]}">${text}</text>`,
      );
      x += Array.from(text).length * 6 + 8;
    }
    const barWidth = width - 20;
    parts.push(`<rect x="10" y="52" width="${barWidth}" height="6" rx="3" fill="${page.track}"/>`);
    let offset = 10;
    for (const status of present) {
      const share = ((counts[status] ?? 0) / total) * barWidth;
      parts.push(
        `<rect x="${offset}" y="52" width="${share}" height="6" fill="${STATUS_STYLES[status].color[theme]}"/>`,
      );
      offset += share;
    }
  }
  parts.push("</g>");
  return parts.join("");
}

function arrow(id: string, color: string): string {
  return `<marker id="arrow-${id}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="${color}"/></marker>`;
}

/** About how wide a badge's text is at 10 px bold, plus its padding. */
function badgeWidth(text: string): number {
  return Math.round(Array.from(text).length * 6.2 + 12);
}

function shorten(text: string, characters: number): string {
  const all = Array.from(text);
  return all.length > characters ? `${all.slice(0, characters - 1).join("")}…` : text;
}
