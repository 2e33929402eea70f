import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PipelineGraph } from "@milo/core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunPage, RunSummary } from "../src/index";
import { quick } from "./fixtures/pipelines";
import { readEvents, request, startTestWorker, type TestWorker, tempDir } from "./helpers";

describe("pipelines and health", () => {
  let server: TestWorker;
  beforeAll(async () => {
    server = await startTestWorker();
  });
  afterAll(async () => {
    await server.stop();
  });

  test("GET /api/health", async () => {
    const response = await request(server.url, "GET", "/api/health");
    expect(response).toMatchObject({ status: 200, body: { ok: true, version: "0.1.0" } });
  });

  test("GET /api/pipelines lists every graph, sorted by name", async () => {
    const response = await request<PipelineGraph[]>(server.url, "GET", "/api/pipelines");
    expect(response.status).toBe(200);
    expect(response.body.map((graph) => graph.name)).toEqual([
      "broken",
      "chatty",
      "holding",
      "quick",
    ]);
    expect(response.body.find((graph) => graph.name === "quick")).toEqual(quick.toGraph());
  });

  test("GET /api/pipelines/:name", async () => {
    const response = await request<PipelineGraph>(server.url, "GET", "/api/pipelines/chatty");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      name: "chatty",
      phases: [
        {
          name: "talk",
          dependsOn: [],
          parallel: false,
          weight: 1,
          description: "",
          maxLogLines: 20,
        },
      ],
    });
  });

  test("without a built dashboard, / says how to build it", async () => {
    const response = await request<string>(server.url, "GET", "/");
    expect(response.status).toBe(200);
    expect(response.contentType).toContain("text/html");
    expect(response.body).toContain("pnpm");
  });
});

describe("history paging", () => {
  let server: TestWorker;
  const ids: string[] = [];

  beforeAll(async () => {
    server = await startTestWorker();
    for (const pipeline of ["quick", "broken", "quick", "broken", "quick"]) {
      const run = await request<RunSummary>(server.url, "POST", `/api/pipelines/${pipeline}/runs`);
      await readEvents(`${server.url}/api/runs/${run.body.id}/events`);
      ids.push(run.body.id);
    }
  });
  afterAll(async () => {
    await server.stop();
  });

  async function page(query: string): Promise<RunPage> {
    const response = await request<RunPage>(server.url, "GET", `/api/runs${query}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  test("newest first, `limit` per page, `nextBefore` to the next page, null on the last", async () => {
    const newestFirst = [...ids].reverse();
    const first = await page("?limit=2");
    expect(first.runs.map((run) => run.id)).toEqual(newestFirst.slice(0, 2));
    expect(first.nextBefore).toBe(newestFirst[1]);
    const second = await page(`?limit=2&before=${first.nextBefore}`);
    expect(second.runs.map((run) => run.id)).toEqual(newestFirst.slice(2, 4));
    const third = await page(`?limit=2&before=${second.nextBefore}`);
    expect(third.runs.map((run) => run.id)).toEqual(newestFirst.slice(4));
    expect(third.nextBefore).toBeNull();
    expect((await page("")).runs).toHaveLength(5);
  });

  test("a page exactly filled by the last runs has no next page", async () => {
    const all = await page("?limit=5");
    expect(all.runs).toHaveLength(5);
    expect(all.nextBefore).toBeNull();
  });

  test("filters by pipeline and status, and pages within the filter", async () => {
    const failed = await page("?status=failed");
    expect(failed.runs.map((run) => run.id)).toEqual([ids[3], ids[1]]);
    const quickRuns = await page("?pipeline=quick&limit=2");
    expect(quickRuns.runs.map((run) => run.id)).toEqual([ids[4], ids[2]]);
    const rest = await page(`?pipeline=quick&limit=2&before=${quickRuns.nextBefore}`);
    expect(rest.runs.map((run) => run.id)).toEqual([ids[0]]);
    expect(rest.nextBefore).toBeNull();
    expect((await page("?pipeline=quick&status=failed")).runs).toEqual([]);
  });

  test("summaries carry status, progress, times, counts and options", async () => {
    const [latest] = (await page("?limit=1")).runs;
    expect(latest).toMatchObject({
      id: ids[4],
      pipeline: "quick",
      status: "completed",
      progress: 1,
      error: null,
      options: { concurrency: null, failFast: false },
    });
    expect(latest!.actionCount).toBeGreaterThan(4);
    expect(latest!.endedAt! - latest!.startedAt!).toBe(latest!.elapsed);
    expect(latest!.createdAt).toBeLessThanOrEqual(latest!.startedAt!);
  });
});

describe("the built dashboard", () => {
  let server: TestWorker;
  let webRoot: string;

  beforeAll(async () => {
    webRoot = tempDir();
    mkdirSync(join(webRoot, "assets"));
    writeFileSync(join(webRoot, "index.html"), "<!doctype html><title>Milo</title><div id=root>");
    writeFileSync(join(webRoot, "assets", "app.js"), "console.log('milo')");
    server = await startTestWorker({ webRoot });
  });
  afterAll(async () => {
    await server.stop();
    rmSync(webRoot, { recursive: true, force: true });
  });

  test("serves files, falls back to index.html for client routes, keeps /api/ JSON", async () => {
    const home = await request<string>(server.url, "GET", "/");
    expect(home.body).toContain("<title>Milo</title>");
    const clientRoute = await request<string>(server.url, "GET", "/runs/abc123");
    expect(clientRoute.status).toBe(200);
    expect(clientRoute.body).toContain("<title>Milo</title>");
    const script = await request<string>(server.url, "GET", "/assets/app.js");
    expect(script.contentType).toContain("javascript");
    expect((await request(server.url, "GET", "/assets/missing.js")).status).toBe(404);
    const api = await request(server.url, "GET", "/api/missing");
    expect(api).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
  });
});
