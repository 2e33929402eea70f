import { describe, expect, it } from "vitest";
import { criticalLinkPath } from "../criticalLinkPath";
import { ROW_HEIGHT } from "../timelineStyle";

const link = { from: "a", to: "b", fromEnd: 10, toStart: 30, waitedOn: "slot" } as const;
const identity = (time: number) => time;

describe("criticalLinkPath", () => {
  it("goes down from the step's end to the next row, then along to the next start", () => {
    const rows = new Map([
      ["a", 0],
      ["b", 2],
    ]);
    const middle = ROW_HEIGHT / 2;
    expect(criticalLinkPath(link, rows, identity, 100)).toBe(
      `M 10 ${100 + middle} L 10 ${100 + 2 * ROW_HEIGHT + middle} L 30 ${100 + 2 * ROW_HEIGHT + middle}`,
    );
  });

  it("is null when a step has no row, or both share one (a folded group)", () => {
    expect(criticalLinkPath(link, new Map([["a", 0]]), identity)).toBeNull();
    expect(
      criticalLinkPath(
        link,
        new Map([
          ["a", 1],
          ["b", 1],
        ]),
        identity,
      ),
    ).toBeNull();
  });
});
