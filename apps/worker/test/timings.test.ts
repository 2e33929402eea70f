import {
  type PipelineTimings,
  pipelineTimingsSchema,
  type RunDetail,
  type RunSummary,
} from "@milo/contract";
import { phaseWallTime } from "@milo/core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { phaseNamed, request, startTestWorker, type TestWorker, waitFor } from "./helpers";

let server: TestWorker;

beforeAll(async () => {
  server = await startTestWorker();
});

afterAll(async () => {
  await server?.stop();
});

async function post(path: string, body?: unknown): Promise<RunSummary> {
  const response = await request<RunSummary>(server.url, "POST", path, { body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

async function finished(runId: string): Promise<RunDetail> {
  return waitFor(async () => {
    const run = await request<RunDetail>(server.url, "GET", `/api/runs/${runId}`);
    return run.body.status === "running" || run.body.status === "pending" ? undefined : run.body;
  }, `run ${runId} to end`);
}

async function timings(name: string, query = ""): Promise<PipelineTimings> {
  const response = await request(server.url, "GET", `/api/pipelines/${name}/timings${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return pipelineTimingsSchema.parse(response.body);
}

describe("timings across runs", () => {
  test("each phase's wall time in each run, newest first, with the median", async () => {
    const first = await finished((await post("/api/pipelines/quick/runs")).id);
    const second = await finished((await post("/api/pipelines/quick/runs")).id);
    const answer = await timings("quick");
    expect(answer.pipeline).toBe("quick");
    expect(answer.limit).toBe(20);
    expect(answer.phases.map((phase) => phase.name)).toEqual(["fetch", "left", "right", "join"]);
    for (const phase of answer.phases) {
      const expected = [second, first].map((run) => {
        const status = phaseNamed(run.state, phase.name);
        const wall = phaseWallTime(status, status.endedAt!)!;
        return { runId: run.id, durationMs: wall.elapsed, endedAt: status.endedAt };
      });
      expect(phase.runs).toEqual(expected);
      expect(phase.medianMs).toBe((expected[0]!.durationMs + expected[1]!.durationMs) / 2);
    }
    expect(answer.runs).toEqual(
      [second, first].map((run) => ({
        id: run.id,
        status: "completed",
        startedAt: run.startedAt,
        endedAt: run.endedAt,
        durationMs: run.endedAt! - run.startedAt!,
      })),
    );
    expect(answer.medianMs).toBe((answer.runs[0]!.durationMs + answer.runs[1]!.durationMs) / 2);

    const one = await timings("quick", "?limit=1");
    expect(one.runs.map((run) => run.id)).toEqual([second.id]);
    expect(one.phases.every((phase) => phase.runs.length === 1)).toBe(true);
    expect(one.phases[0]!.medianMs).toBe(one.phases[0]!.runs[0]!.durationMs);
  });

  test("a failed phase and a reused one count no time; failed runs are listed by outcome", async () => {
    const failed = await finished((await post("/api/pipelines/broken/runs")).id);
    const rerun = await finished(
      (await post(`/api/runs/${failed.id}/rerun`, { from: "failure" })).id,
    );
    expect(phaseNamed(rerun.state, "setup").reusedFrom).toBe(failed.id);
    const answer = await timings("broken");
    const byName = new Map(answer.phases.map((phase) => [phase.name, phase]));
    // setup ran only in the first run; the re-run reused its value.
    expect(byName.get("setup")!.runs.map((run) => run.runId)).toEqual([failed.id]);
    expect(byName.get("explode")).toEqual({ name: "explode", runs: [], medianMs: null });
    expect(byName.get("after")).toEqual({ name: "after", runs: [], medianMs: null });
    expect(answer.runs.map((run) => [run.id, run.status])).toEqual([
      [rerun.id, "failed"],
      [failed.id, "failed"],
    ]);
    expect(answer.medianMs).toBeNull();
  });

  test("a pipeline never run has empty timings", async () => {
    const answer = await timings("chatty");
    expect(answer.runs).toEqual([]);
    expect(answer.phases).toEqual([{ name: "talk", runs: [], medianMs: null }]);
  });

  test("bad input says what to fix", async () => {
    const errorOf = (query: string) =>
      request<{ error: { code: string; message: string } }>(
        server.url,
        "GET",
        `/api/pipelines/${query}`,
      );
    const badLimit = await errorOf("quick/timings?limit=0");
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.code).toBe("INVALID_QUERY");
    expect(badLimit.body.error.message).toContain("limit must be a whole number from 1 to 100");
    expect((await errorOf("quick/timings?limt=3")).status).toBe(400);
    const missing = await errorOf("nope/timings");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("PIPELINE_NOT_FOUND");
    expect(missing.body.error.message).toContain("quick");
  });
});
