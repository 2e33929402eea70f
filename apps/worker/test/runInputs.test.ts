import type { RunDetail, RunSummary } from "@milo/contract";
import { Phase, Pipeline } from "@milo/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { request, startTestWorker, type TestWorker } from "./helpers";

const seen: unknown[] = [];
const crawl = new Pipeline(
  "crawl",
  { inputs: z.object({ site: z.string(), depth: z.number().int().default(2) }) },
  new Phase("fetch", { handler: (ctx) => seen.push(ctx.inputs) }),
);

let server: TestWorker;
beforeAll(async () => {
  server = await startTestWorker({ pipelines: [crawl] });
});
afterAll(async () => {
  await server.stop();
});

type ErrorAnswer = { error: { code: string; message: string } };

describe("run inputs", () => {
  it("are described in the graph, checked with defaults, kept, and reused by a re-run", async () => {
    const graph = await request<{ inputs: unknown }>(server.url, "GET", "/api/pipelines/crawl");
    expect(graph.body.inputs).toMatchObject({
      type: "object",
      properties: { site: { type: "string" }, depth: { type: "integer", default: 2 } },
      required: ["site"],
    });
    const started = await request<RunSummary>(server.url, "POST", "/api/pipelines/crawl/runs", {
      body: { inputs: { site: "a.dev" } },
    });
    expect(started.status).toBe(201);
    await server.worker.manager.waitForEnd(started.body.id);
    const detail = await request<RunDetail>(server.url, "GET", `/api/runs/${started.body.id}`);
    expect(detail.body.inputs).toEqual({ site: "a.dev", depth: 2 });
    const again = await request<RunSummary>(
      server.url,
      "POST",
      `/api/runs/${started.body.id}/rerun`,
      { body: { from: "start" } },
    );
    await server.worker.manager.waitForEnd(again.body.id);
    expect(seen).toEqual([
      { site: "a.dev", depth: 2 },
      { site: "a.dev", depth: 2 },
    ]);
  });

  it("answer a mismatch with a 400 naming the field", async () => {
    const bad = await request<ErrorAnswer>(server.url, "POST", "/api/pipelines/crawl/runs", {
      body: { inputs: { site: 3 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("INVALID_INPUTS");
    expect(bad.body.error.message).toMatch(/^Invalid inputs for pipeline "crawl": inputs\.site: /);
    const missing = await request<ErrorAnswer>(server.url, "POST", "/api/pipelines/crawl/runs", {
      body: {},
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain("inputs.site");
    const notObject = await request<ErrorAnswer>(server.url, "POST", "/api/pipelines/crawl/runs", {
      body: { inputs: [1] },
    });
    expect(notObject.status).toBe(400);
    expect(notObject.body.error.message).toContain("inputs must be an object of named values");
  });
});
