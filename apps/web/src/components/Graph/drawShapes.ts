import { IDLE_COLOR, STATUS_STYLES, type Theme } from "../Status/statusStyle";
import type { Viewport } from "./initialViewport";
import type { EdgeRoute, LayoutOptions, NodePosition, RoutePoint } from "./layout";
import { HIGHLIGHT_COLOR, markColor } from "./markTone";
import type { PhaseView } from "./PhaseViewStore";
import type { EdgeEmphasis, PhaseEmphasis } from "./phaseEmphasis";

/** The part of a 2D context the shapes are drawn with (a recording fake fits in tests). */
export type ShapeContext = Pick<
  CanvasRenderingContext2D,
  | "setTransform"
  | "clearRect"
  | "beginPath"
  | "moveTo"
  | "lineTo"
  | "bezierCurveTo"
  | "rect"
  | "fill"
  | "stroke"
  | "fillText"
  | "fillStyle"
  | "strokeStyle"
  | "lineWidth"
  | "globalAlpha"
  | "font"
  | "textBaseline"
>;

/**
 * What is drawn: the laid-out nodes, at the layout's node size, and the edges as `edgePolylines`
 * gives them (from the right side of the source's node to the left side of the target's), so the
 * canvas draws every box and line where the full-detail graph does. Changes with the graph and
 * layout only.
 */
export interface ShapeScene extends Pick<LayoutOptions, "nodeWidth" | "nodeHeight"> {
  readonly positions: readonly NodePosition[];
  readonly edges: readonly EdgeRoute[];
}

/** How it looks now: statuses, selection, search, emphasis and theme. */
export interface ShapeLook {
  readonly viewOf: (name: string) => PhaseView;
  readonly emphasis: PhaseEmphasis;
  readonly selected: string | null;
  readonly matched: (name: string) => boolean;
  readonly theme: Theme;
}

/** Which of the two layers to draw: edges change with the view only, nodes with statuses too. */
export type ShapeLayer = "edges" | "nodes";

export interface ShapeFrame extends Viewport {
  /** The pane's size in CSS pixels. */
  readonly width: number;
  readonly height: number;
  readonly pixelRatio: number;
}

const EDGE_ACCENT: Readonly<Record<Theme, string>> = { light: "#0072b2", dark: "#56b4e9" };
const SELECTED_RING: Readonly<Record<Theme, string>> = { light: "#0f172a", dark: "#ffffff" };
const MATCH_RING = "#fbbf24";
const DIMMED_ALPHA = 0.15;
/** Below this many screen pixels a badge's text cannot be read: it is left out. */
const MIN_BADGE_NODE_HEIGHT = 14;

/**
 * Every visible phase as a rectangle filled with its status color and every visible edge as
 * one line, batched into one path per look (a few fills and strokes a frame, whatever the
 * number of phases), in the flow's viewport transform. Rings mark the selection, search
 * matches, the first failure, the overlay's highlights and marks; badges are written above
 * marked phases once they are tall enough to carry text. `layers` draws only some of it: edges
 * do not follow statuses, so they live on their own canvas, drawn again only when the view moves.
 */
export function drawShapes(
  context: ShapeContext,
  scene: ShapeScene,
  look: ShapeLook,
  frame: ShapeFrame,
  layers: readonly ShapeLayer[] = ["edges", "nodes"],
): void {
  const { pixelRatio: ratio, zoom } = frame;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, frame.width, frame.height);
  context.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * frame.x, ratio * frame.y);
  // The visible part of the flow, with a node's margin so shapes cut by the edge still draw.
  const left = -frame.x / zoom - scene.nodeWidth;
  const top = -frame.y / zoom - scene.nodeHeight;
  const right = (frame.width - frame.x) / zoom + scene.nodeWidth;
  const bottom = (frame.height - frame.y) / zoom + scene.nodeHeight;
  const screenPixels = (pixels: number) => pixels / zoom;
  const { theme, emphasis } = look;

  const edgeGroups = new Map<EdgeEmphasis, EdgeRoute[]>();
  for (const edge of layers.includes("edges") ? scene.edges : []) {
    if (!crosses(edge.points, left, top, right, bottom)) continue;
    pushTo(edgeGroups, emphasis.edge(edge.source, edge.target), edge);
  }
  for (const [kind, edges] of edgeGroups) {
    const style = EDGE_STYLES[kind];
    context.globalAlpha = style.alpha;
    context.strokeStyle = style.color(theme);
    context.lineWidth = screenPixels(style.width);
    context.beginPath();
    for (const edge of edges) traceEdge(context, edge.points);
    context.stroke();
  }

  if (!layers.includes("nodes")) return;
  const visible: NodePosition[] = [];
  const fills = new Map<string, NodePosition[]>();
  for (const position of scene.positions) {
    if (position.x > right || position.y > bottom) continue;
    if (position.x + scene.nodeWidth < left || position.y + scene.nodeHeight < top) continue;
    visible.push(position);
    const view = look.viewOf(position.name);
    const color = view.idle ? IDLE_COLOR[theme] : STATUS_STYLES[view.status].color[theme];
    // Pending is drawn lighter than work that started, so the front stands out.
    const alpha =
      (emphasis.isDimmed(position.name) ? DIMMED_ALPHA : 1) *
      (view.idle || view.status === "pending" ? 0.45 : 0.95);
    pushTo(fills, `${color}|${alpha}`, position);
  }
  for (const [key, positions] of fills) {
    const [color, alpha] = key.split("|") as [string, string];
    context.globalAlpha = Number(alpha);
    context.fillStyle = color;
    context.beginPath();
    for (const position of positions) {
      context.rect(position.x, position.y, scene.nodeWidth, scene.nodeHeight);
    }
    context.fill();
  }

  // Rings, outermost meaning last so it stays on top: emphasis, first failure, search, selection.
  const ring = (names: (position: NodePosition) => boolean, color: string, width: number) => {
    let any = false;
    for (const position of visible) {
      if (!names(position)) continue;
      if (!any) {
        context.globalAlpha = 1;
        context.strokeStyle = color;
        context.lineWidth = screenPixels(width);
        context.beginPath();
        any = true;
      }
      const gap = screenPixels(width / 2 + 1);
      context.rect(
        position.x - gap,
        position.y - gap,
        scene.nodeWidth + 2 * gap,
        scene.nodeHeight + 2 * gap,
      );
    }
    if (any) context.stroke();
  };
  const marked = new Map<string, NodePosition[]>();
  for (const position of visible) {
    const mark = emphasis.markOf(position.name);
    if (!mark) continue;
    pushTo(marked, markColor(mark, theme), position);
  }
  ring(
    (position) =>
      emphasis.isHighlighted(position.name) && emphasis.markOf(position.name) === undefined,
    HIGHLIGHT_COLOR[theme],
    2.5,
  );
  for (const [color, positions] of marked) {
    const names = new Set(positions);
    ring((position) => names.has(position), color, 2.5);
  }
  ring((position) => look.viewOf(position.name).firstFailure, STATUS_STYLES.failed.text[theme], 3);
  ring((position) => look.matched(position.name), MATCH_RING, 2.5);
  ring((position) => position.name === look.selected, SELECTED_RING[theme], 3);

  if (scene.nodeHeight * zoom >= MIN_BADGE_NODE_HEIGHT) {
    context.globalAlpha = 1;
    context.font = `600 ${screenPixels(11)}px ui-sans-serif, system-ui, sans-serif`;
    context.textBaseline = "bottom";
    for (const position of visible) {
      const mark = emphasis.markOf(position.name);
      if (!mark?.badge) continue;
      context.fillStyle = markColor(mark, theme);
      context.fillText(mark.badge, position.x, position.y - screenPixels(4));
    }
  }
  context.globalAlpha = 1;
}

const EDGE_STYLES: Readonly<
  Record<EdgeEmphasis, { color: (theme: Theme) => string; width: number; alpha: number }>
> = {
  plain: { color: (theme) => IDLE_COLOR[theme], width: 1, alpha: 0.55 },
  dimmed: { color: (theme) => IDLE_COLOR[theme], width: 1, alpha: 0.12 },
  lineage: { color: (theme) => EDGE_ACCENT[theme], width: 2, alpha: 1 },
  highlight: { color: (theme) => HIGHLIGHT_COLOR[theme], width: 2.5, alpha: 1 },
};

function pushTo<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const group = groups.get(key);
  if (group) group.push(value);
  else groups.set(key, [value]);
}

/** An edge as the full-detail graph draws it (routedEdgePath): level runs straight, S-curves between. */
function traceEdge(context: ShapeContext, points: readonly RoutePoint[]): void {
  const first = points[0];
  if (first === undefined) return;
  context.moveTo(first.x, first.y);
  let previous = first;
  for (let index = 1; index < points.length; index++) {
    const point = points[index]!;
    if (point.y === previous.y) {
      context.lineTo(point.x, point.y);
    } else {
      const middle = (previous.x + point.x) / 2;
      context.bezierCurveTo(middle, previous.y, middle, point.y, point.x, point.y);
    }
    previous = point;
  }
}

/** Whether the box around `points` meets the visible rectangle. */
function crosses(
  points: readonly RoutePoint[],
  left: number,
  top: number,
  right: number,
  bottom: number,
): boolean {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const point of points) {
    minX = Math.min(minX, point.x);
    minY = Math.min(minY, point.y);
    maxX = Math.max(maxX, point.x);
    maxY = Math.max(maxY, point.y);
  }
  return minX <= right && maxX >= left && minY <= bottom && maxY >= top;
}
