import type { QueueStep } from "@milo/core";
import { formatDuration, formatOffset } from "../../lib/formatDuration";
import { STATUS_STYLES, type Theme } from "../Status/statusStyle";
import { criticalLinkPath } from "./criticalLinkPath";
import { stepBand } from "./stepBand";
import { linearScale, type TimeDomain, timeTicks } from "./timeline";
import type { TimelineCriticalPath } from "./timelineCriticalPath";
import { itemRows, type TimelineItem, type TimeSpan } from "./timelineItems";
import {
  AXIS_HEIGHT,
  BACKGROUND_COLOR,
  CRITICAL_COLOR,
  GRID_COLOR,
  LABEL_WIDTH,
  QUEUE_CHART_HEIGHT,
  ROW_HEIGHT,
  TEXT_COLOR,
  WAIT_COLOR,
} from "./timelineStyle";

export interface TimelineSvgOptions {
  readonly title: string;
  readonly items: readonly TimelineItem[];
  /** The span drawn: the chart's current zoom. */
  readonly domain: TimeDomain;
  /** The time axis's width in pixels (the labels add `LABEL_WIDTH`). */
  readonly width: number;
  readonly theme: Theme;
  readonly critical: TimelineCriticalPath | null;
  readonly waits: ReadonlyMap<string, readonly TimeSpan[]> | null;
  readonly queueSteps: readonly QueueStep[] | null;
}

const MARGIN = 12;
const TITLE_HEIGHT = 24;

/** Text safe inside an XML element or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const rounded = (value: number) => Math.round(value * 10) / 10;

/**
 * The timeline as a standalone SVG document: every row (not only those scrolled into view), in
 * the chart's order and colors, with the critical path, queue waits and step chart when shown.
 */
export function timelineSvg(options: TimelineSvgOptions): string {
  const { items, domain, width, theme, critical, waits, queueSteps } = options;
  const x = linearScale(domain, [0, width]);
  const chartTop = MARGIN + TITLE_HEIGHT + (queueSteps ? QUEUE_CHART_HEIGHT : 0);
  const rowsTop = chartTop + AXIS_HEIGHT;
  const rowsHeight = items.length * ROW_HEIGHT;
  const totalWidth = MARGIN * 2 + LABEL_WIDTH + width;
  const totalHeight = rowsTop + rowsHeight + MARGIN;
  const left = MARGIN + LABEL_WIDTH;
  const text = TEXT_COLOR[theme];
  /** Drawn as they are: the background, the title and the row labels. */
  const frame: string[] = [];
  /** Clipped to the time axis, so a zoomed chart draws nothing over the labels. */
  const parts: string[] = [];

  frame.push(
    `<rect width="${totalWidth}" height="${totalHeight}" fill="${BACKGROUND_COLOR[theme]}"/>`,
    `<text x="${MARGIN}" y="${MARGIN + 14}" font-size="13" font-weight="600" fill="${text}">${escapeXml(options.title)}</text>`,
  );
  if (queueSteps && queueSteps.length > 0) {
    const top = MARGIN + TITLE_HEIGHT;
    const most = Math.max(1, ...queueSteps.map((step) => step.ready + step.running));
    const y = (value: number) =>
      top + QUEUE_CHART_HEIGHT - 4 - (value / most) * (QUEUE_CHART_HEIGHT - 8);
    const at = (time: number) => left + x(time);
    parts.push(
      `<path d="${stepBand(
        queueSteps,
        () => 0,
        (step) => step.running,
        at,
        y,
        domain.end,
      )}" fill="${STATUS_STYLES.running.color[theme]}" fill-opacity="0.6"><title>running</title></path>`,
      `<path d="${stepBand(
        queueSteps,
        (step) => step.running,
        (step) => step.running + step.ready,
        at,
        y,
        domain.end,
      )}" fill="url(#wait)"><title>ready, waiting for a slot</title></path>`,
    );
  }
  for (const offset of timeTicks(domain, Math.max(2, Math.floor(width / 90)))) {
    const tickX = rounded(left + x(domain.start + offset));
    parts.push(
      `<line x1="${tickX}" x2="${tickX}" y1="${chartTop + AXIS_HEIGHT - 4}" y2="${rowsTop + rowsHeight}" stroke="${GRID_COLOR[theme]}"/>`,
      `<text x="${tickX}" y="${chartTop + AXIS_HEIGHT - 8}" font-size="10" fill="${text}" text-anchor="${offset === 0 ? "start" : "middle"}">${formatOffset(offset)}</text>`,
    );
  }

  items.forEach((item, index) => {
    const top = rowsTop + index * ROW_HEIGHT;
    const label =
      item.kind === "phase"
        ? item.row.phase
        : `${item.folded ? "▸" : "▾"} ${item.key} (${item.rows.length})`;
    frame.push(
      `<text x="${MARGIN}" y="${top + 15}" font-size="11" fill="${text}"${item.kind === "group" ? ' font-weight="600"' : ""}>${escapeXml(label)}</text>`,
    );
    const bar = (start: number, end: number, attributes: string, title: string) => {
      const barX = left + x(start);
      const barWidth = Math.max(2, x(end) - x(start));
      return `<rect x="${rounded(barX)}" y="${top + 4}" width="${rounded(barWidth)}" height="${ROW_HEIGHT - 8}" rx="2" ${attributes}><title>${escapeXml(title)}</title></rect>`;
    };
    if (item.kind === "group") {
      const color = STATUS_STYLES[item.status].color[theme];
      for (const span of item.spans)
        parts.push(
          bar(
            span.start,
            span.end,
            `fill="${color}"`,
            `${item.key}: ${formatDuration(span.end - span.start)}`,
          ),
        );
      return;
    }
    const { row } = item;
    for (const wait of waits?.get(row.phase) ?? []) {
      parts.push(
        bar(
          wait.start,
          wait.end,
          'fill="url(#wait)"',
          `${row.phase} waited ${formatDuration(wait.end - wait.start)} for a slot`,
        ),
      );
    }
    const step = critical?.byName.get(row.phase);
    for (const attempt of row.bars) {
      const style = STATUS_STYLES[attempt.status];
      const outline = step ? ` stroke="${CRITICAL_COLOR[theme]}" stroke-width="2"` : "";
      parts.push(
        bar(
          attempt.start,
          attempt.end,
          `fill="${style.color[theme]}"${outline}`,
          `${row.phase} · attempt ${attempt.attempt} · ${style.label} · ${formatDuration(attempt.end - attempt.start)}`,
        ),
      );
    }
    if (step?.estimated) {
      parts.push(
        bar(
          step.start,
          step.end,
          `fill="none" stroke="${CRITICAL_COLOR[theme]}" stroke-dasharray="4 3"`,
          `${row.phase}: expected to end in ${formatDuration(step.end - step.start)}`,
        ),
      );
    }
    const slack = critical?.slack.get(row.phase) ?? 0;
    const lastEnd = row.bars.at(-1)?.end;
    if (critical && !step && slack > 0 && lastEnd !== undefined) {
      const y = top + ROW_HEIGHT / 2;
      parts.push(
        `<line x1="${rounded(left + x(lastEnd))}" x2="${rounded(left + x(lastEnd + slack))}" y1="${y}" y2="${y}" stroke="${CRITICAL_COLOR[theme]}" stroke-opacity="0.5" stroke-width="2"><title>${escapeXml(`${row.phase}: ${formatDuration(slack)} of slack`)}</title></line>`,
      );
    }
  });
  const rowOf = itemRows(items);
  for (const link of critical?.links ?? []) {
    const path = criticalLinkPath(link, rowOf, (time) => left + x(time), rowsTop);
    if (path === null) continue;
    const dash = link.waitedOn === "slot" ? ' stroke-dasharray="3 2"' : "";
    parts.push(
      `<path d="${path}" stroke="${CRITICAL_COLOR[theme]}" stroke-width="1.5" fill="none"${dash} marker-end="url(#arrow)"/>`,
    );
  }

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${totalWidth}" height="${totalHeight}" viewBox="0 0 ${totalWidth} ${totalHeight}" font-family="system-ui, sans-serif">`,
    `<title>${escapeXml(options.title)}</title>`,
    "<defs>",
    `<pattern id="wait" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="${WAIT_COLOR[theme]}" fill-opacity="0.25"/><line x1="0" y1="0" x2="0" y2="6" stroke="${WAIT_COLOR[theme]}" stroke-width="2"/></pattern>`,
    `<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="${CRITICAL_COLOR[theme]}"/></marker>`,
    `<clipPath id="chart"><rect x="${left}" y="0" width="${width}" height="${totalHeight}"/></clipPath>`,
    "</defs>",
    ...frame,
    `<g clip-path="url(#chart)">`,
    ...parts,
    "</g>",
    "</svg>",
  ].join("\n");
}
