import { describe, expect, it } from "vitest";
import { matchRoute, paths } from "../matchRoute";

describe("matchRoute", () => {
  it("matches the three pages", () => {
    expect(matchRoute("/")).toEqual({ page: "pipelines" });
    expect(matchRoute("/pipelines/site")).toEqual({ page: "pipeline", name: "site" });
    expect(matchRoute("/runs/r-42/")).toEqual({ page: "run", runId: "r-42" });
    expect(matchRoute("/runs")).toEqual({ page: "runs" });
    expect(matchRoute("/runs/")).toEqual({ page: "runs" });
  });

  it("round-trips names that need escaping", () => {
    const name = "build & deploy/prod";
    expect(matchRoute(paths.pipeline(name))).toEqual({ page: "pipeline", name });
  });

  it("reports anything else as not found", () => {
    expect(matchRoute("/runs/a/b")).toEqual({ page: "not-found", path: "/runs/a/b" });
    expect(matchRoute("/pipelines/a/b")).toEqual({ page: "not-found", path: "/pipelines/a/b" });
  });

  it("keeps a malformed escape rather than throwing", () => {
    expect(matchRoute("/pipelines/%E0%A4%A")).toEqual({ page: "pipeline", name: "%E0%A4%A" });
  });
});
