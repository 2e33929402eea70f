import { describe, expect, it } from "vitest";
import { phaseStatusLabel } from "../phaseStatusLabel";

describe("phaseStatusLabel", () => {
  it("calls a phase its ended run never reached Not run, and a waiting one Pending", () => {
    expect(phaseStatusLabel("pending", true)).toBe("Not run");
    expect(phaseStatusLabel("pending", false)).toBe("Pending");
  });

  it("leaves every other status its own word", () => {
    expect(phaseStatusLabel("cancelled", true)).toBe("Cancelled");
    expect(phaseStatusLabel("completed", true)).toBe("Completed");
    expect(phaseStatusLabel("running", false)).toBe("Running");
  });
});
