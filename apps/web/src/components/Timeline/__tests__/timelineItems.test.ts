import type { PipelineGraph } from "@milo/core";
import { describe, expect, it } from "vitest";
import type { TimelineRow } from "../timeline";
import {
  itemIndexOf,
  itemRows,
  mergeSpans,
  phaseGroups,
  type TimelineItemsOptions,
  timelineItems,
} from "../timelineItems";

const phase = (name: string, dependsOn: string[] = [], group?: string) => ({
  name,
  dependsOn,
  parallel: true,
  weight: 1,
  description: "",
  ...(group === undefined ? {} : { group }),
});

const graph: PipelineGraph = {
  name: "grid",
  phases: [
    phase("l00-p00"),
    phase("l00-p01"),
    phase("l01-p00", ["l00-p00", "l00-p01"], "compile"),
    phase("l01-p01", ["l00-p01"]),
  ],
};

const row = (name: string, start: number, end: number): TimelineRow => ({
  phase: name,
  bars: [{ phase: name, attempt: 1, start, end, status: "completed", running: false, error: null }],
  wallElapsed: end - start,
});

const rows = [
  row("l00-p00", 0, 10),
  row("l00-p01", 0, 30),
  row("l01-p01", 30, 35),
  row("l01-p00", 30, 50),
];

const ungrouped: TimelineItemsOptions = {
  groups: null,
  sortBy: "start",
  foldedByDefault: false,
  toggled: new Set(),
};

describe("phaseGroups", () => {
  it("groups by dependency depth", () => {
    expect(Object.fromEntries(phaseGroups(graph, "level")!)).toEqual({
      "l00-p00": "level 1",
      "l00-p01": "level 1",
      "l01-p00": "level 2",
      "l01-p01": "level 2",
    });
  });

  it("groups by the declared group, else by the name's prefix", () => {
    const groups = phaseGroups(graph, "group")!;
    expect(groups.get("l01-p00")).toBe("compile");
    expect(groups.get("l01-p01")).toBe("l01");
    expect(groups.get("l00-p00")).toBe("l00");
  });

  it("is null when not grouping", () => {
    expect(phaseGroups(graph, "none")).toBeNull();
  });
});

describe("mergeSpans", () => {
  it("merges overlapping and touching spans, in time order", () => {
    expect(
      mergeSpans([
        { start: 20, end: 30 },
        { start: 0, end: 10 },
        { start: 5, end: 12 },
        { start: 30, end: 31 },
      ]),
    ).toEqual([
      { start: 0, end: 12 },
      { start: 20, end: 31 },
    ]);
  });
});

describe("timelineItems", () => {
  it("lists the rows by start, or by duration with the longest first", () => {
    const names = (sortBy: "start" | "duration") =>
      timelineItems(rows, { ...ungrouped, sortBy }).map((item) =>
        item.kind === "phase" ? item.row.phase : item.key,
      );
    expect(names("start")).toEqual(["l00-p00", "l00-p01", "l01-p01", "l01-p00"]);
    expect(names("duration")).toEqual(["l00-p01", "l01-p00", "l00-p00", "l01-p01"]);
  });

  it("puts a summary row over each group, with the spans where any of its phases ran", () => {
    const items = timelineItems(rows, { ...ungrouped, groups: phaseGroups(graph, "level") });
    expect(items.map((item) => (item.kind === "phase" ? item.row.phase : item.key))).toEqual([
      "level 1",
      "l00-p00",
      "l00-p01",
      "level 2",
      "l01-p01",
      "l01-p00",
    ]);
    const level1 = items[3]!;
    expect(level1).toMatchObject({ kind: "group", folded: false, start: 30, end: 50 });
    expect(level1.kind === "group" && level1.spans).toEqual([{ start: 30, end: 50 }]);
  });

  it("folds groups into their summary row, by default or one by one", () => {
    const groups = phaseGroups(graph, "level");
    const folded = timelineItems(rows, { ...ungrouped, groups, foldedByDefault: true });
    expect(folded.map((item) => item.kind)).toEqual(["group", "group"]);
    const oneOpen = timelineItems(rows, {
      ...ungrouped,
      groups,
      foldedByDefault: true,
      toggled: new Set(["level 2"]),
    });
    expect(oneOpen).toHaveLength(4);
    // A folded phase is found at its group's row.
    expect(itemIndexOf(oneOpen, "l00-p01")).toBe(0);
    expect(itemIndexOf(oneOpen, "l01-p00")).toBe(3);
    expect(itemIndexOf(oneOpen, "missing")).toBe(-1);
    expect(Object.fromEntries(itemRows(oneOpen))).toEqual({
      "l00-p00": 0,
      "l00-p01": 0,
      "l01-p01": 2,
      "l01-p00": 3,
    });
  });

  it("says what a group's most telling status is", () => {
    const failed: TimelineRow = {
      ...row("l01-p01", 30, 35),
      bars: [{ ...row("l01-p01", 30, 35).bars[0]!, status: "failed" }],
    };
    const items = timelineItems([rows[0]!, rows[1]!, failed], {
      ...ungrouped,
      groups: phaseGroups(graph, "level"),
      foldedByDefault: true,
    });
    expect(items.map((item) => item.kind === "group" && item.status)).toEqual([
      "completed",
      "failed",
    ]);
  });
});
