import { executionLevels } from "../pipelineGraph";
import { phaseStatus } from "../pipelineState";
import type { PipelineGraph, PipelineState } from "../types";
import { STATUS_COLORS } from "./statusColors";
import { xmlText } from "./xmlText";

const BOX_WIDTH = 180;
const BOX_HEIGHT = 36;
const COLUMN_GAP = 64;
const ROW_GAP = 16;
const MARGIN = 16;
/** Longer names are cut in the box; the full name is the box's tooltip. */
const MAX_LABEL_CHARACTERS = 24;

/**
 * A standalone SVG drawing of the pipeline, left to right by levels (a phase's column is its
 * depth in the graph, as in `executionLevels`): a rounded box per phase, colored by status when
 * a run is given (a heavier outline for a phase that runs alone), a curve from each dependency.
 */
export function toSvg(graph: PipelineGraph, state?: Pick<PipelineState, "phases">): string {
  const positions = new Map<string, { x: number; y: number }>();
  const levels = executionLevels(graph);
  levels.forEach((level, column) => {
    level.forEach((name, row) => {
      positions.set(name, {
        x: MARGIN + column * (BOX_WIDTH + COLUMN_GAP),
        y: MARGIN + row * (BOX_HEIGHT + ROW_GAP),
      });
    });
  });
  const rows = Math.max(1, ...levels.map((level) => level.length));
  const width = MARGIN * 2 + Math.max(1, levels.length) * (BOX_WIDTH + COLUMN_GAP) - COLUMN_GAP;
  const height = MARGIN * 2 + rows * (BOX_HEIGHT + ROW_GAP) - ROW_GAP;

  const edges: string[] = [];
  const boxes: string[] = [];
  for (const phase of graph.phases) {
    const to = positions.get(phase.name)!;
    for (const dependency of phase.dependsOn) {
      const from = positions.get(dependency)!;
      const x1 = from.x + BOX_WIDTH;
      const y1 = from.y + BOX_HEIGHT / 2;
      const x2 = to.x;
      const y2 = to.y + BOX_HEIGHT / 2;
      const middle = (x1 + x2) / 2;
      edges.push(
        `<path class="edge" d="M ${x1} ${y1} C ${middle} ${y1}, ${middle} ${y2}, ${x2} ${y2}" fill="none" stroke="#94a3b8" stroke-width="1.5" marker-end="url(#arrow)"/>`,
      );
    }
    const status =
      state === undefined ? undefined : (phaseStatus(state, phase.name)?.status ?? "pending");
    const { fill, stroke } =
      status === undefined ? { fill: "#ffffff", stroke: "#64748b" } : STATUS_COLORS[status];
    const characters = Array.from(phase.name);
    const label =
      characters.length > MAX_LABEL_CHARACTERS
        ? `${characters.slice(0, MAX_LABEL_CHARACTERS - 1).join("")}…`
        : phase.name;
    const tooltip = status === undefined ? phase.name : `${phase.name} (${status})`;
    boxes.push(
      [
        `<g class="phase" data-status="${status ?? ""}" transform="translate(${to.x} ${to.y})">`,
        `<title>${xmlText(tooltip)}</title>`,
        `<rect width="${BOX_WIDTH}" height="${BOX_HEIGHT}" rx="8" fill="${fill}" stroke="${stroke}" stroke-width="${phase.parallel ? 1.5 : 3}"/>`,
        `<text x="${BOX_WIDTH / 2}" y="${BOX_HEIGHT / 2}" text-anchor="middle" dominant-baseline="central">${xmlText(label)}</text>`,
        "</g>",
      ].join(""),
    );
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="13">`,
    `<title>${xmlText(graph.name)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#94a3b8"/></marker></defs>',
    ...edges,
    ...boxes,
    "</svg>",
    "",
  ].join("\n");
}
