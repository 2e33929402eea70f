import { describe, expect, it } from "vitest";
import { highlightMatches } from "../highlightMatches";

describe("highlightMatches", () => {
  it("cuts the line around every match, in any ASCII case", () => {
    expect(highlightMatches("WARN: warned twice, Warn", "warn")).toEqual([
      { text: "WARN", match: true },
      { text: ": ", match: false },
      { text: "warn", match: true },
      { text: "ed twice, ", match: false },
      { text: "Warn", match: true },
    ]);
  });

  it("takes the query literally and keeps the line whole without one", () => {
    expect(highlightMatches("100%_done", "%_")).toEqual([
      { text: "100", match: false },
      { text: "%_", match: true },
      { text: "done", match: false },
    ]);
    expect(highlightMatches("plain", "")).toEqual([{ text: "plain", match: false }]);
    expect(highlightMatches("plain", "zzz")).toEqual([{ text: "plain", match: false }]);
    expect(highlightMatches("", "a")).toEqual([{ text: "", match: false }]);
  });
});
