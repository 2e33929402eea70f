import { queueWaits } from "@milo/core";
import { describe, expect, it } from "vitest";
import { runCriticalPath } from "../../../hooks/useCriticalPath";
import { recordedActions, recordedGraph, recordedState } from "../../../test/recordedRun";
import { STATUS_STYLES } from "../../Status/statusStyle";
import { timeDomain, timelineRows } from "../timeline";
import { timelineCriticalPath } from "../timelineCriticalPath";
import { phaseGroups, timelineItems } from "../timelineItems";
import { CRITICAL_COLOR } from "../timelineStyle";
import { escapeXml, timelineSvg } from "../timelineSvg";

const state = recordedState();
const rows = timelineRows(state.phases, state.endedAt!);
const options = {
  title: `${recordedGraph.name} · run <1> & "2"`,
  items: timelineItems(rows, {
    groups: null,
    sortBy: "start",
    foldedByDefault: false,
    toggled: new Set(),
  }),
  domain: timeDomain(rows, state, state.endedAt!),
  width: 600,
  theme: "light",
  critical: timelineCriticalPath(runCriticalPath(recordedGraph, state, state.endedAt!)!),
  waits: null,
  queueSteps: queueWaits(recordedGraph, recordedActions).steps,
} as const;

function parse(svg: string): Document {
  const document = new DOMParser().parseFromString(svg, "image/svg+xml");
  expect(document.getElementsByTagName("parsererror")).toHaveLength(0);
  return document;
}

describe("timelineSvg", () => {
  it("is a standalone SVG document that parses as XML", () => {
    const document = parse(timelineSvg(options));
    const root = document.documentElement;
    expect(root.tagName).toBe("svg");
    expect(root.getAttribute("xmlns")).toBe("http://www.w3.org/2000/svg");
    expect(root.querySelector("title")!.textContent).toBe(options.title);
  });

  it("draws every attempt in its status's color, the critical path outlined", () => {
    const document = parse(timelineSvg(options));
    const bars = [...document.querySelectorAll("rect")].filter((rect) =>
      rect.querySelector("title")?.textContent?.includes("· attempt"),
    );
    expect(bars).toHaveLength(state.phases.reduce((sum, phase) => sum + phase.attempts.length, 0));
    const build = bars.find((bar) => bar.textContent!.startsWith("build"))!;
    expect(build.getAttribute("fill")).toBe(STATUS_STYLES.completed.color.light);
    expect(build.getAttribute("stroke")).toBe(CRITICAL_COLOR.light);
    const lint = bars.find((bar) => bar.textContent!.startsWith("lint"))!;
    expect(lint.getAttribute("stroke")).toBeNull();
    // Three links between the four critical steps, and lint's slack.
    expect(document.querySelectorAll('path[marker-end="url(#arrow)"]')).toHaveLength(3);
    expect(document.querySelector("line title")!.textContent).toContain("lint");
  });

  it("labels every row, a group's too", () => {
    const grouped = timelineItems(rows, {
      groups: phaseGroups(recordedGraph, "level"),
      sortBy: "start",
      foldedByDefault: true,
      toggled: new Set(),
    });
    const document = parse(timelineSvg({ ...options, items: grouped, theme: "dark" }));
    const labels = [...document.querySelectorAll("text")].map((text) => text.textContent);
    expect(labels).toContain("▸ level 1 (1)");
    expect(labels).toContain("▸ level 2 (2)");
  });
});

describe("escapeXml", () => {
  it("escapes what XML reserves", () => {
    expect(escapeXml(`<a b="c">&'`)).toBe("&lt;a b=&quot;c&quot;&gt;&amp;&apos;");
  });
});
