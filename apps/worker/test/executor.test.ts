import {
  type AnyAction,
  inProcessExecutor,
  type PhaseAttempt,
  type PhaseExecutor,
  type PhaseHandler,
} from "@milo/core";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { RunDetail, RunSummary } from "../src/index";
import { phaseNamed, readEvents, request, startTestWorker, type TestWorker } from "./helpers";

/** Hands every attempt on to the in-process executor as "recorder", noting what it was given. */
class RecordingExecutor implements PhaseExecutor {
  readonly attempts: { runId: string; pipeline: string; phase: string; attempt: number }[] = [];

  execute(attempt: PhaseAttempt, handler: PhaseHandler): unknown {
    this.attempts.push({
      runId: attempt.runId,
      pipeline: attempt.pipeline,
      phase: attempt.phase.name,
      attempt: attempt.attempt,
    });
    attempt.started({ agent: "recorder" });
    return inProcessExecutor.execute(attempt, handler);
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

test("every phase runs through the executor the worker was given, which names its agent", async () => {
  const run = (await request<RunSummary>(server.url, "POST", "/api/pipelines/quick/runs")).body;
  const stream = await readEvents(`${server.url}/api/runs/${run.id}/events`);
  expect(stream.end).toEqual({ status: "completed" });
  const phases = ["fetch", "join", "left", "right"];
  expect(executor.attempts.map((attempt) => attempt.phase).sort()).toEqual(phases);
  for (const attempt of executor.attempts) {
    expect(attempt).toMatchObject({ runId: run.id, pipeline: "quick", attempt: 1 });
  }
  const starts = stream.actions.filter((action: AnyAction) => action.type === "@@PHASE_START");
  expect(starts.map((action) => (action.payload as { agent?: string }).agent)).toEqual(
    phases.map(() => "recorder"),
  );
  const detail = (await request<RunDetail>(server.url, "GET", `/api/runs/${run.id}`)).body;
  for (const phase of phases) {
    expect(phaseNamed(detail.state, phase).attempts).toEqual([
      expect.objectContaining({ attempt: 1, agent: "recorder", outcome: "completed" }),
    ]);
  }
});
