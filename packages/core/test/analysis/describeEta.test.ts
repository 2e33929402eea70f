import { describe, expect, it } from "vitest";
import { approximateDuration, clockTime, describeEta } from "../../src/index";

describe("describeEta", () => {
  const end = new Date(2026, 11, 2, 23, 14, 30).getTime();

  it("says how long is left and the clock time it ends", () => {
    expect(describeEta(130_000, end)).toBe("ends in ~2 m 10 s (23:14)");
  });

  it("says any moment once under a second is left, or the run is overdue", () => {
    expect(describeEta(400, end)).toBe("ends any moment (23:14)");
    expect(describeEta(0, end)).toBe("ends any moment (23:14)");
  });

  it("keeps seconds under ten minutes, then whole minutes, then hours", () => {
    expect(approximateDuration(1_400)).toBe("~1 s");
    expect(approximateDuration(45_200)).toBe("~45 s");
    expect(approximateDuration(59_600)).toBe("~1 m");
    expect(approximateDuration(120_000)).toBe("~2 m");
    expect(approximateDuration(9 * 60_000 + 59_000)).toBe("~9 m 59 s");
    expect(approximateDuration(12 * 60_000 + 20_000)).toBe("~12 m");
    expect(approximateDuration(65 * 60_000)).toBe("~1 h 05 m");
  });

  it("pads the clock to two digits", () => {
    expect(clockTime(new Date(2026, 0, 1, 7, 5).getTime())).toBe("07:05");
  });
});
