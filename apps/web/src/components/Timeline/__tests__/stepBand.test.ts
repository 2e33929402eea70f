import { describe, expect, it } from "vitest";
import { stepBand } from "../stepBand";

describe("stepBand", () => {
  const steps = [
    { at: 0, ready: 2, running: 1 },
    { at: 10, ready: 0, running: 2 },
  ];
  const identity = (value: number) => value;

  it("steps along the upper values, then back along the lower ones", () => {
    expect(
      stepBand(
        steps,
        () => 0,
        (step) => step.running,
        identity,
        identity,
        20,
      ),
    ).toBe("M 0 0 L 0 1 L 10 1 L 10 2 L 20 2 L 20 0 L 10 0 L 10 0 L 0 0 Z");
  });

  it("is empty without steps", () => {
    expect(
      stepBand(
        [],
        () => 0,
        () => 1,
        identity,
        identity,
        5,
      ),
    ).toBe("");
  });
});
