import { describe, expect, it } from "vitest";
import { brushDomain, clampDomain, isZoomed, panDomain, zoomDomain } from "../zoomDomain";

const full = { start: 1000, end: 11_000 };

describe("zoomDomain", () => {
  it("zooms around the anchor, which keeps its place", () => {
    expect(zoomDomain(full, full, 6000, 0.5)).toEqual({ start: 3500, end: 8500 });
    // The anchor at a quarter of the view stays at a quarter.
    const view = zoomDomain(full, full, 3500, 0.5);
    expect((3500 - view.start) / (view.end - view.start)).toBeCloseTo(0.25);
  });

  it("never zooms out past the whole run, nor in past the narrowest span", () => {
    expect(zoomDomain({ start: 2000, end: 4000 }, full, 3000, 100)).toEqual(full);
    expect(zoomDomain(full, full, 1000, 0.000_001, 50)).toEqual({ start: 1000, end: 1050 });
  });
});

describe("clampDomain", () => {
  it("moves a view back inside the run, keeping its span", () => {
    expect(clampDomain({ start: 500, end: 2500 }, full)).toEqual({ start: 1000, end: 3000 });
    expect(clampDomain({ start: 10_000, end: 12_000 }, full)).toEqual({ start: 9000, end: 11_000 });
  });
});

describe("panDomain", () => {
  it("moves the view, stopping at the run's ends", () => {
    expect(panDomain({ start: 2000, end: 4000 }, full, 1000)).toEqual({ start: 3000, end: 5000 });
    expect(panDomain({ start: 2000, end: 4000 }, full, -5000)).toEqual({ start: 1000, end: 3000 });
  });
});

describe("brushDomain", () => {
  it("is the brushed range either way round, within the run", () => {
    expect(brushDomain(5000, 2000, full)).toEqual({ start: 2000, end: 5000 });
    expect(brushDomain(0, 2000, full)).toEqual({ start: 1000, end: 2000 });
  });

  it("is null for a click rather than a drag", () => {
    expect(brushDomain(5000, 5005, full)).toBeNull();
  });
});

describe("isZoomed", () => {
  it("tells a part of the run from all of it", () => {
    expect(isZoomed(full, full)).toBe(false);
    expect(isZoomed({ start: 1000, end: 5000 }, full)).toBe(true);
  });
});
