import type { PhaseStatusName } from "@milo/core";
import { describe, expect, it } from "vitest";
import { STATUS_ORDER, STATUS_STYLES, type Theme } from "../statusStyle";

const ALL: PhaseStatusName[] = [
  "pending",
  "running",
  "completed",
  "failed",
  "skipped",
  "retrying",
  "cancelled",
];

describe("STATUS_STYLES", () => {
  it("gives every status a label, an icon and a color per theme", () => {
    expect(Object.keys(STATUS_STYLES).sort()).toEqual([...ALL].sort());
    for (const status of ALL) {
      const style = STATUS_STYLES[status];
      expect(style.label).not.toBe("");
      expect(style.icon.path).toMatch(/^M/);
      expect(style.color.light).toMatch(/^#[0-9a-f]{6}$/i);
      expect(style.color.dark).toMatch(/^#[0-9a-f]{6}$/i);
      expect(style.text.light).toMatch(/^#[0-9a-f]{6}$/i);
      expect(style.text.dark).toMatch(/^#[0-9a-f]{6}$/i);
    }
  });

  it("tells every status apart by icon alone, and by color in each theme", () => {
    const icons = new Set(ALL.map((status) => STATUS_STYLES[status].icon.path));
    expect(icons.size).toBe(ALL.length);
    for (const theme of ["light", "dark"] as Theme[]) {
      const colors = new Set(ALL.map((status) => STATUS_STYLES[status].color[theme].toLowerCase()));
      expect(colors.size).toBe(ALL.length);
    }
  });

  it("lists every status once in the legend order", () => {
    expect([...STATUS_ORDER].sort()).toEqual([...ALL].sort());
  });
});
