import { describe, expect, it } from "vitest";
import { lineAttempts } from "../lineAttempts";

const attempts = [
  { attempt: 1, startedAt: 100 },
  { attempt: 2, startedAt: 400 },
  { attempt: 3, startedAt: 900 },
];

describe("lineAttempts", () => {
  it("gives each line the last attempt started at or before it", () => {
    const lines = [50, 100, 399, 400, 650, 900, 5000].map((at) => ({ at }));
    expect(lineAttempts(lines, attempts)).toEqual([1, 1, 1, 2, 2, 3, 3]);
  });

  it("is 0 for lines of a phase with no attempt", () => {
    expect(lineAttempts([{ at: 10 }], [])).toEqual([0]);
  });
});
