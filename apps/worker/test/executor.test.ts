import { afterAll, beforeAll, expect, test } from "vitest";
import { LocalExecutor, type PhaseExecutor, type PhaseJob, type RunSummary } from "../src/index";
import { readEvents, request, startTestWorker, type TestWorker } from "./helpers";

/** Hands every job on to the local executor, noting what it was given. */
class RecordingExecutor implements PhaseExecutor {
  readonly jobs: { runId: string; pipeline: string; phase: string; attempt: number }[] = [];
  private readonly local = new LocalExecutor();

  execute(job: PhaseJob): Promise<unknown> {
    this.jobs.push({
      runId: job.runId,
      pipeline: job.pipeline,
      phase: job.phase.name,
      attempt: job.context.attempt,
    });
    return this.local.execute(job);
  }
}

const executor = new RecordingExecutor();
let server: TestWorker;

beforeAll(async () => {
  server = await startTestWorker({ executor });
});

afterAll(async () => {
  await server.stop();
});

test("every phase runs through the executor the worker was given", async () => {
  const run = (await request<RunSummary>(server.url, "POST", "/api/pipelines/quick/runs")).body;
  const stream = await readEvents(`${server.url}/api/runs/${run.id}/events`);
  expect(stream.end).toEqual({ status: "completed" });
  expect(executor.jobs.map((job) => job.phase).sort()).toEqual(["fetch", "join", "left", "right"]);
  for (const job of executor.jobs) {
    expect(job).toMatchObject({ runId: run.id, pipeline: "quick", attempt: 1 });
  }
});
