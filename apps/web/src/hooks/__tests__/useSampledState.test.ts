import { renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useSampledState } from "../useSampledState";

describe("useSampledState", () => {
  it("keeps the value of the last tick until the tick changes", () => {
    const { result, rerender } = renderHook(
      ({ value, tick }: { value: object; tick: string }) => useSampledState(value, tick),
      { initialProps: { value: { seq: 1 }, tick: "1000" } },
    );
    expect(result.current).toEqual({ seq: 1 });
    rerender({ value: { seq: 2 }, tick: "1000" });
    rerender({ value: { seq: 3 }, tick: "1000" });
    expect(result.current).toEqual({ seq: 1 });
    rerender({ value: { seq: 4 }, tick: "2000" });
    expect(result.current).toEqual({ seq: 4 });
  });
});
