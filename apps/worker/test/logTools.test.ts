import { type LogPage, logPageSchema, type RunSummary } from "@milo/contract";
import { Phase, Pipeline } from "@milo/core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fixturePipelines } from "./fixtures/pipelines";
import { request, startTestWorker, type TestWorker, waitFor } from "./helpers";

const LINES = 100_000;

/** Line i: stderr every 1000th (a "WARN"), and one line with LIKE's wildcards in it. */
function lineText(index: number): string {
  if (index === 54_321) return "progress 100%_done \\ literally";
  return index % 1000 === 999 ? `WARN slow chunk ${index}` : `chunk ${index} ok`;
}

const loud = new Pipeline(
  "loud",
  new Phase("spew", {
    handler: (ctx) => {
      for (let index = 0; index < LINES; index++) {
        ctx.log(lineText(index), index % 1000 === 999 ? "stderr" : "stdout");
      }
      return "done";
    },
  }),
);

let server: TestWorker;
let runId: string;

beforeAll(async () => {
  server = await startTestWorker({ pipelines: [...fixturePipelines, loud] });
  const started = await request<RunSummary>(server.url, "POST", "/api/pipelines/loud/runs");
  runId = started.body.id;
  await waitFor(
    async () => {
      const run = await request<RunSummary>(server.url, "GET", `/api/runs/${runId}`);
      return run.body.status === "completed" ? true : undefined;
    },
    "the loud run to complete",
    60_000,
  );
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

async function logs(query: string): Promise<LogPage> {
  const response = await request<LogPage>(server.url, "GET", `/api/runs/${runId}/logs?${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return logPageSchema.parse(response.body);
}

describe("log search", () => {
  test("finds lines anywhere in the whole log, in any case, a page at a time", async () => {
    const first = await logs("phase=spew&q=warn&limit=40");
    expect(first.total).toBe(100);
    expect(first.lines).toHaveLength(40);
    expect(first.lines[0]!.line).toBe("WARN slow chunk 999");
    expect(first.lines.every((line) => line.stream === "stderr")).toBe(true);
    const rest = await logs(`phase=spew&q=WaRn&limit=100&after=${first.lines.at(-1)!.seq}`);
    expect(rest.lines).toHaveLength(60);
    expect(rest.lines.at(-1)!.line).toBe("WARN slow chunk 99999");
  });

  test("takes % and _ and \\ literally", async () => {
    const found = await logs(`phase=spew&q=${encodeURIComponent("100%_done \\")}`);
    expect(found.lines.map((line) => line.line)).toEqual(["progress 100%_done \\ literally"]);
    // As a wildcard, "_" would match the space in every "chunk 1…" line.
    expect((await logs("phase=spew&q=k_1")).total).toBe(0);
    expect((await logs("phase=spew&q=%25_")).total).toBe(1);
  });

  test("filters by stream, alone or with text", async () => {
    expect((await logs("phase=spew&stream=stderr&limit=1")).total).toBe(100);
    expect((await logs("phase=spew&stream=stdout&limit=1")).total).toBe(LINES - 100);
    const both = await logs("phase=spew&stream=stdout&q=chunk%2099998%20");
    expect(both.lines.map((line) => line.line)).toEqual(["chunk 99998 ok"]);
  });

  test("opens a page at any line by its place in the log, with or without a filter", async () => {
    const middle = await logs("phase=spew&offset=50000&limit=3");
    expect(middle.total).toBe(LINES);
    expect(middle.lines.map((line) => line.line)).toEqual([50_000, 50_001, 50_002].map(lineText));
    const warnings = await logs("phase=spew&q=warn&offset=98&limit=5");
    expect(warnings.total).toBe(100);
    expect(warnings.lines.map((line) => line.line)).toEqual([
      "WARN slow chunk 98999",
      "WARN slow chunk 99999",
    ]);
    const past = await logs(`phase=spew&offset=${LINES}`);
    expect(past).toEqual({ lines: [], total: LINES });
    const bad = await request<{ error: { code: string; message: string } }>(
      server.url,
      "GET",
      `/api/runs/${runId}/logs?phase=spew&offset=-1`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("offset must be a whole number");
  });

  test("says what is wrong with a bad stream or a missing phase", async () => {
    const badStream = await request<{ error: { code: string; message: string } }>(
      server.url,
      "GET",
      `/api/runs/${runId}/logs?phase=spew&stream=both`,
    );
    expect(badStream.status).toBe(400);
    expect(badStream.body.error.code).toBe("INVALID_QUERY");
    expect(badStream.body.error.message).toContain('stream must be "stdout" or "stderr"');
    const noPhase = await request<{ error: { code: string; message: string } }>(
      server.url,
      "GET",
      `/api/runs/${runId}/logs.txt`,
    );
    expect(noPhase.status).toBe(400);
    expect(noPhase.body.error.message).toContain("?phase=NAME (phases of this run: spew)");
  });
});

describe("log download", () => {
  test("sends the phase's whole log as an attachment, one line each", async () => {
    const response = await fetch(`${server.url}/api/runs/${runId}/logs.txt?phase=spew`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="${runId}-spew.log"; filename*=UTF-8''${encodeURIComponent(`${runId}-spew.log`)}`,
    );
    const lines = (await response.text()).split("\n");
    expect(lines).toHaveLength(LINES + 1);
    expect(lines.at(-1)).toBe("");
    for (const index of [0, 999, 54_321, LINES - 1]) expect(lines[index]).toBe(lineText(index));
  });

  test("answers 404 for an unknown run", async () => {
    const response = await request<{ error: { code: string } }>(
      server.url,
      "GET",
      "/api/runs/nope/logs.txt?phase=spew",
    );
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("RUN_NOT_FOUND");
  });
});
