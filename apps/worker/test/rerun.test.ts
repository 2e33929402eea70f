import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type RunDetail, type RunSummary, runDetailSchema, runSummarySchema } from "@milo/contract";
import { Phase, Pipeline } from "@milo/core";
import { afterEach, describe, expect, it } from "vitest";
import { phaseNamed, request, startTestWorker, type TestWorker, tempDir } from "./helpers";

/** Which phases' handlers ran, and what each got in ctx.results. */
let calls: { phase: string; results: Record<string, unknown> }[] = [];
let failC = true;

const noted =
  (value: (results: Record<string, unknown>) => unknown) =>
  async (ctx: { phase: { name: string }; results: Record<string, unknown> }) => {
    calls.push({ phase: ctx.phase.name, results: ctx.results });
    await sleep(1);
    return value(ctx.results);
  };

/** a → b → c → e, and a → d; c fails while `failC`; a and b return nested values. */
function flow(bDependsOn: string[] = ["a"]) {
  return new Pipeline(
    "flow",
    new Phase("a", { handler: noted(() => ({ items: [1, 2, 3], label: "α" })) }),
    new Phase("b", {
      dependsOn: bDependsOn,
      handler: noted((results) => ({ count: (results.a as { items: number[] }).items.length })),
    }),
    new Phase("c", {
      dependsOn: ["b"],
      handler: noted(() => {
        if (failC) throw new Error("c is broken");
        return "c done";
      }),
    }),
    new Phase("d", { dependsOn: ["a"], parallel: true, handler: noted(() => null) }),
    new Phase("e", { dependsOn: ["c"], handler: noted(() => "e done") }),
  );
}

/** A phase whose value cannot be kept (a BigInt inside), one too large, and one that fails. */
const odd = new Pipeline(
  "odd",
  new Phase("big", { handler: noted(() => ({ id: 1n })) }),
  new Phase("huge", { handler: noted(() => "x".repeat(5000)) }),
  new Phase("fine", { handler: noted(() => [1]) }),
  new Phase("last", {
    dependsOn: ["big", "huge", "fine"],
    handler: noted(() => {
      if (failC) throw new Error("last is broken");
      return "ok";
    }),
  }),
);

/** `optional` fails but is skipped by its policy; `after` depends on it; `stop` fails the run. */
const skipping = new Pipeline(
  "skipping",
  new Phase("optional", {
    policy: { onFail: "skip" },
    handler: noted(() => {
      throw new Error("optional is down");
    }),
  }),
  new Phase("after", { dependsOn: ["optional"], handler: noted(() => "after") }),
  new Phase("stop", {
    dependsOn: ["after"],
    handler: noted(() => {
      if (failC) throw new Error("stop is broken");
      return "ok";
    }),
  }),
);

let server: TestWorker | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
  calls = [];
  failC = true;
});

async function finishedRun(base: string, path: string, body: unknown): Promise<RunDetail> {
  const started = await request<RunSummary>(base, "POST", path, { body });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  expect(runSummarySchema.parse(started.body)).toBeTruthy();
  for (;;) {
    const detail = await request<RunDetail>(base, "GET", `/api/runs/${started.body.id}`);
    if (["completed", "failed", "cancelled"].includes(detail.body.status)) {
      return runDetailSchema.parse(detail.body) as RunDetail;
    }
    await sleep(5);
  }
}

const ran = () => calls.map((call) => call.phase).sort();

describe("re-running a run", () => {
  it("from failure reuses every completed phase exactly and runs the failed subtree", async () => {
    server = await startTestWorker({ pipelines: [flow()] });
    const source = await finishedRun(server.url, "/api/pipelines/flow/runs", {});
    expect(source.status).toBe("failed");
    expect(source.results).toEqual([
      { phase: "a", stored: true, bytes: 30 },
      { phase: "b", stored: true, bytes: 11 },
    ]);
    // c failed alone, so d (ready beside it) never started.
    expect(phaseNamed(source.state, "d").status).toBe("pending");
    calls = [];
    failC = false;
    const rerun = await finishedRun(server.url, `/api/runs/${source.id}/rerun`, {
      from: "failure",
    });
    expect(rerun.status).toBe("completed");
    expect(rerun.rerunOf).toEqual({ runId: source.id, mode: "failure" });
    expect(ran()).toEqual(["c", "d", "e"]);
    expect(calls.find((call) => call.phase === "c")?.results).toEqual({ b: { count: 3 } });
    for (const name of ["a", "b"]) {
      expect(phaseNamed(rerun.state, name)).toMatchObject({
        status: "completed",
        reusedFrom: source.id,
        attempts: [],
      });
    }
    expect(phaseNamed(rerun.state, "c").reusedFrom).toBeUndefined();
    const actions = await request<{
      actions: { type: string; payload: Record<string, unknown> }[];
    }>(server.url, "GET", `/api/runs/${rerun.id}/actions`);
    expect(
      actions.body.actions.filter((a) => a.type === "@@PHASE_REUSED").map((a) => a.payload),
    ).toEqual([
      expect.objectContaining({ name: "a", fromRun: source.id }),
      expect.objectContaining({ name: "b", fromRun: source.id }),
    ]);
    // The reused values are kept again, so a re-run of the re-run can reuse them too.
    expect(rerun.results.map((result) => result.phase)).toEqual(["a", "b", "c", "d", "e"]);
    const back = await request<RunDetail>(server.url, "GET", `/api/runs/${source.id}`);
    expect(back.body.reruns).toEqual([rerun.id]);
    expect(back.body.rerunOf).toBeNull();
  });

  it("from the start runs every phase again with the source's options", async () => {
    server = await startTestWorker({ pipelines: [flow()] });
    failC = false;
    const source = await finishedRun(server.url, "/api/pipelines/flow/runs", {
      concurrency: 2,
      failFast: true,
    });
    calls = [];
    const rerun = await finishedRun(server.url, `/api/runs/${source.id}/rerun`, { from: "start" });
    expect(ran()).toEqual(["a", "b", "c", "d", "e"]);
    expect(rerun.options).toEqual({ concurrency: 2, failFast: true });
    expect(rerun.rerunOf).toEqual({ runId: source.id, mode: "start" });
    expect(rerun.state.phases.every((phase) => phase.reusedFrom === undefined)).toBe(true);
  });

  it("runs chosen phases, with or without what depends on them, reusing the rest", async () => {
    server = await startTestWorker({ pipelines: [flow()] });
    failC = false;
    const source = await finishedRun(server.url, "/api/pipelines/flow/runs", {});
    calls = [];
    const alone = await finishedRun(server.url, `/api/runs/${source.id}/rerun`, {
      phases: ["b"],
    });
    expect(ran()).toEqual(["b"]);
    expect(calls[0]?.results).toEqual({ a: { items: [1, 2, 3], label: "α" } });
    expect(alone.rerunOf).toEqual({ runId: source.id, mode: "phases" });
    expect(phaseNamed(alone.state, "e").reusedFrom).toBe(source.id);
    calls = [];
    await finishedRun(server.url, `/api/runs/${source.id}/rerun`, {
      phases: ["b"],
      downstream: true,
    });
    expect(ran()).toEqual(["b", "c", "e"]);
  });

  it("refuses with 409 when a reused phase's dependencies changed, naming it", async () => {
    const dir = tempDir();
    const dbFile = join(dir, "milo.db");
    server = await startTestWorker({ pipelines: [flow()], dbFile });
    const source = await finishedRun(server.url, "/api/pipelines/flow/runs", {});
    await server.stop();
    server = await startTestWorker({ pipelines: [flow(["a", "d"])], dbFile });
    const refused = await request<{ error: { code: string; message: string } }>(
      server.url,
      "POST",
      `/api/runs/${source.id}/rerun`,
      { body: { phases: ["e"] } },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("GRAPH_CHANGED");
    expect(refused.body.error.message).toContain('"b" depends on [a, d], not [a]');
    // Running b again needs no reuse of it, so that is allowed.
    const allowed = await request(server.url, "POST", `/api/runs/${source.id}/rerun`, {
      body: { phases: ["b"], downstream: true },
    });
    expect(allowed.status).toBe(201);
  });

  it("counts a phase skipped by its own policy as done: from failure does not run it again", async () => {
    server = await startTestWorker({ pipelines: [skipping] });
    const source = await finishedRun(server.url, "/api/pipelines/skipping/runs", {});
    expect(phaseNamed(source.state, "optional").status).toBe("skipped");
    calls = [];
    failC = false;
    const rerun = await finishedRun(server.url, `/api/runs/${source.id}/rerun`, {
      from: "failure",
    });
    expect(ran()).toEqual(["stop"]);
    expect(phaseNamed(rerun.state, "optional").reusedFrom).toBe(source.id);
    calls = [];
    await finishedRun(server.url, `/api/runs/${source.id}/rerun`, {
      phases: ["optional"],
      downstream: true,
    });
    expect(ran()).toEqual(["after", "optional", "stop"]);
  });

  it("keeps why a value could not be stored, and runs such a phase again", async () => {
    server = await startTestWorker({ pipelines: [odd], maxResultBytes: 1000 });
    const source = await finishedRun(server.url, "/api/pipelines/odd/runs", {});
    expect(source.results).toEqual([
      {
        phase: "big",
        stored: false,
        reason: expect.stringMatching(/^not JSON-serializable: .*BigInt/),
      },
      {
        phase: "huge",
        stored: false,
        reason: "too large: 5002 bytes of JSON, over the limit of 1000 (--max-result-bytes)",
      },
      { phase: "fine", stored: true, bytes: 3 },
    ]);
    calls = [];
    failC = false;
    const rerun = await finishedRun(server.url, `/api/runs/${source.id}/rerun`, {
      from: "failure",
    });
    expect(rerun.status).toBe("completed");
    expect(ran()).toEqual(["big", "huge", "last"]);
    expect(phaseNamed(rerun.state, "fine").reusedFrom).toBe(source.id);
  });

  it("answers bad re-run requests with what to fix", async () => {
    server = await startTestWorker({ pipelines: [flow()] });
    const source = await finishedRun(server.url, "/api/pipelines/flow/runs", {});
    const post = (path: string, body: unknown) =>
      request<{ error: { code: string; message: string } }>(server!.url, "POST", path, { body });
    const unknownPhase = await post(`/api/runs/${source.id}/rerun`, { phases: ["zz"] });
    expect(unknownPhase.status).toBe(400);
    expect(unknownPhase.body.error.message).toBe(
      'No phase "zz" in pipeline "flow" (phases: a, b, c, d, e).',
    );
    const badFrom = await post(`/api/runs/${source.id}/rerun`, { from: "middle" });
    expect(badFrom.status).toBe(400);
    expect(badFrom.body.error.code).toBe("INVALID_BODY");
    const noRun = await post("/api/runs/nope/rerun", { from: "start" });
    expect(noRun.status).toBe(404);
    expect(noRun.body.error.code).toBe("RUN_NOT_FOUND");
  });
});
