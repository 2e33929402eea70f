import { describe, expect, it } from "vitest";
import { phaseWallTime } from "../../src/index";

const attempt = (number: number, startedAt: number, endedAt: number | null) => ({
  attempt: number,
  startedAt,
  endedAt,
  error: endedAt === null ? null : "boom",
});

describe("phaseWallTime", () => {
  it("runs from the first attempt's start to the end, back-offs included", () => {
    const phase = {
      status: "completed" as const,
      startedAt: 700,
      endedAt: 900,
      attempts: [attempt(1, 100, 200), attempt(2, 400, 500), attempt(3, 700, 900)],
    };
    expect(phaseWallTime(phase, 5000)).toEqual({ start: 100, end: 900, elapsed: 800 });
  });

  it("runs to now while the phase waits to retry or runs again", () => {
    const waiting = {
      status: "retrying" as const,
      startedAt: 100,
      endedAt: null,
      attempts: [attempt(1, 100, 200)],
    };
    expect(phaseWallTime(waiting, 350)).toEqual({ start: 100, end: null, elapsed: 250 });
    const again = {
      ...waiting,
      status: "running" as const,
      attempts: [attempt(1, 100, 200), attempt(2, 300, null)],
    };
    expect(phaseWallTime(again, 1000)).toEqual({ start: 100, end: null, elapsed: 900 });
  });

  it("is null before the phase starts and zero for a reused phase", () => {
    expect(
      phaseWallTime({ status: "pending", startedAt: null, endedAt: null, attempts: [] }, 10),
    ).toBeNull();
    expect(
      phaseWallTime({ status: "completed", startedAt: 40, endedAt: 40, attempts: [] }, 99),
    ).toEqual({ start: 40, end: 40, elapsed: 0 });
  });
});
