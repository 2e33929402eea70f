import { createPipelineReducer, INIT, type PipelineGraph, type PipelineState } from "@milo/core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunDetail, RunSummary } from "../src/index";
import { BROKEN_ERROR, CHATTY_LINES, releaseHeld } from "./fixtures/pipelines";
import {
  expectContiguous,
  phaseNamed,
  readEvents,
  request,
  type StreamedAction,
  startTestWorker,
  type TestWorker,
} from "./helpers";

let server: TestWorker;

beforeAll(async () => {
  server = await startTestWorker();
});

afterAll(async () => {
  await server.stop();
});

async function startRun(pipeline: string, body?: unknown): Promise<RunSummary> {
  const response = await request<RunSummary>(
    server.url,
    "POST",
    `/api/pipelines/${pipeline}/runs`,
    {
      body,
    },
  );
  expect(response.status).toBe(201);
  return response.body;
}

function eventsUrl(runId: string, query = ""): string {
  return `${server.url}/api/runs/${runId}/events${query}`;
}

async function allActions(runId: string): Promise<StreamedAction[]> {
  const response = await request<{ actions: StreamedAction[]; lastSeq: number }>(
    server.url,
    "GET",
    `/api/runs/${runId}/actions?limit=10000`,
  );
  expect(response.status).toBe(200);
  return response.body.actions;
}

/** What the dashboard does: replay the actions through the core's reducer. */
function replay(graph: PipelineGraph, actions: readonly StreamedAction[]): PipelineState {
  const reducer = createPipelineReducer(graph);
  let state = reducer(undefined, { type: INIT, payload: undefined });
  for (const action of actions) state = reducer(state, action);
  return JSON.parse(JSON.stringify(state)) as PipelineState;
}

describe("a run, start to end", () => {
  test("is streamed in order to its terminal action, then an end event", async () => {
    const run = await startRun("quick", { concurrency: 2 });
    expect(run).toMatchObject({
      pipeline: "quick",
      options: { concurrency: 2, failFast: false },
      error: null,
    });
    expect(["pending", "running"]).toContain(run.status);

    const stream = await readEvents(eventsUrl(run.id));
    expect(stream.status).toBe(200);
    expect(stream.end).toEqual({ status: "completed" });
    expect(expectContiguous(stream.actions)).toBe(true);
    expect(stream.actions[0]!.type).toBe("@@PIPELINE_START");
    expect(stream.actions.at(-1)!.type).toBe("@@PIPELINE_COMPLETE");
    // Each action event carries its seq as the SSE id, which is what Last-Event-ID echoes.
    for (const event of stream.events.filter((e) => e.event === "action")) {
      expect(Number(event.id)).toBe((JSON.parse(event.data) as StreamedAction).seq);
    }
    const completed = stream.actions.filter((a) => a.type === "@@PHASE_COMPLETE");
    expect(completed.map((a) => a.payload.name).sort()).toEqual(["fetch", "join", "left", "right"]);

    // The stream and the recorded log are the same actions.
    expect(await allActions(run.id)).toEqual(stream.actions);

    const summary = await request<RunSummary>(server.url, "GET", `/api/runs/${run.id}`);
    expect(summary.body).toMatchObject({
      status: "completed",
      progress: 1,
      actionCount: stream.actions.length,
      error: null,
    });
    expect(summary.body.endedAt).not.toBeNull();
  });

  test("the state served equals the replay of the run's actions", async () => {
    const run = await startRun("broken");
    const stream = await readEvents(eventsUrl(run.id));
    expect(stream.end).toEqual({ status: "failed" });

    const detail = await request<RunDetail>(server.url, "GET", `/api/runs/${run.id}`);
    expect(detail.status).toBe(200);
    const actions = await allActions(run.id);
    expect(detail.body.state).toEqual(replay(detail.body.graph, actions));
    expect(phaseNamed(detail.body.state, "explode")).toMatchObject({
      status: "failed",
      error: BROKEN_ERROR,
    });
    expect(phaseNamed(detail.body.state, "after").status).toBe("pending");
    expect(detail.body.status).toBe("failed");
    expect(detail.body.error).toContain(BROKEN_ERROR);
  });

  test("a replay mid-run equals the state served at that moment", async () => {
    const run = await startRun("holding");
    await readEvents(eventsUrl(run.id), {
      stopWhen: (event) => event.data.includes('"line":"holding"'),
    });
    const detail = await request<RunDetail>(server.url, "GET", `/api/runs/${run.id}`);
    const actions = await allActions(run.id);
    expect(detail.body.status).toBe("running");
    expect(detail.body.actionCount).toBe(actions.length);
    expect(detail.body.state).toEqual(replay(detail.body.graph, actions));
    expect(phaseNamed(detail.body.state, "hold").status).toBe("running");
    releaseHeld();
    expect((await readEvents(eventsUrl(run.id))).end).toEqual({ status: "completed" });
  });

  test("the logs endpoint returns every line, beyond what the state keeps", async () => {
    const run = await startRun("chatty");
    await readEvents(eventsUrl(run.id));
    const detail = await request<RunDetail>(server.url, "GET", `/api/runs/${run.id}`);
    const talk = phaseNamed(detail.body.state, "talk");
    expect(talk.logCount).toBe(CHATTY_LINES);
    expect(talk.logs).toHaveLength(20);

    type LogPage = {
      lines: { seq: number; line: string; stream: string; at: number }[];
      total: number;
    };
    const all = await request<LogPage>(
      server.url,
      "GET",
      `/api/runs/${run.id}/logs?phase=talk&limit=10000`,
    );
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(CHATTY_LINES);
    expect(all.body.lines.map((entry) => entry.line)).toEqual(
      Array.from({ length: CHATTY_LINES }, (_, line) => `line ${line}`),
    );
    expect(all.body.lines[0]!.stream).toBe("stderr");
    expect(all.body.lines[1]!.stream).toBe("stdout");

    // Paging by seq: the second page starts right after the first.
    const first = await request<LogPage>(
      server.url,
      "GET",
      `/api/runs/${run.id}/logs?phase=talk&limit=100`,
    );
    const second = await request<LogPage>(
      server.url,
      "GET",
      `/api/runs/${run.id}/logs?phase=talk&limit=100&after=${first.body.lines.at(-1)!.seq}`,
    );
    expect(first.body.lines).toEqual(all.body.lines.slice(0, 100));
    expect(second.body.lines).toEqual(all.body.lines.slice(100, 200));
    expect(second.body.total).toBe(CHATTY_LINES);
  });

  test("the actions endpoint pages by seq", async () => {
    const run = await startRun("quick");
    await readEvents(eventsUrl(run.id));
    const all = await allActions(run.id);
    type Page = { actions: StreamedAction[]; lastSeq: number };
    const page = await request<Page>(
      server.url,
      "GET",
      `/api/runs/${run.id}/actions?after=3&limit=4`,
    );
    expect(page.body.actions).toEqual(all.slice(3, 7));
    expect(page.body.lastSeq).toBe(all.length);
    const past = await request<Page>(
      server.url,
      "GET",
      `/api/runs/${run.id}/actions?after=${all.length}`,
    );
    expect(past.body.actions).toEqual([]);
  });
});

describe("reconnecting", () => {
  test("Last-Event-ID gets exactly the actions missed, live and recorded", async () => {
    const run = await startRun("holding");
    const first = await readEvents(eventsUrl(run.id), {
      stopWhen: (event) => event.data.includes('"line":"holding"'),
    });
    const lastSeen = first.actions.at(-1)!.seq;
    expect(expectContiguous(first.actions)).toBe(true);

    // While nobody watches, the run goes on and ends.
    releaseHeld();
    const watcher = await readEvents(eventsUrl(run.id, `?after=${lastSeen}`));
    expect(watcher.end).toEqual({ status: "completed" });

    const resumed = await readEvents(eventsUrl(run.id), {
      headers: { "last-event-id": String(lastSeen) },
    });
    expect(resumed.actions[0]!.seq).toBe(lastSeen + 1);
    expect(expectContiguous(resumed.actions, lastSeen + 1)).toBe(true);
    expect([...first.actions, ...resumed.actions]).toEqual(await allActions(run.id));
    expect(resumed.end).toEqual({ status: "completed" });
    expect(watcher.actions).toEqual(resumed.actions);
  });

  test("Last-Event-ID takes precedence over ?after (EventSource keeps the first URL)", async () => {
    const run = await startRun("quick");
    const full = await readEvents(eventsUrl(run.id));
    const resumed = await readEvents(eventsUrl(run.id, "?after=1"), {
      headers: { "last-event-id": "5" },
    });
    expect(resumed.actions).toEqual(full.actions.slice(5));
    expect(resumed.end).toEqual({ status: "completed" });
  });

  test("a viewer past the end just gets the end event", async () => {
    const run = await startRun("quick");
    const full = await readEvents(eventsUrl(run.id));
    const after = await readEvents(eventsUrl(run.id, `?after=${full.actions.length}`));
    expect(after.actions).toEqual([]);
    expect(after.end).toEqual({ status: "completed" });
  });

  test("a live viewer that joins mid-run sees recorded then live actions, no gap", async () => {
    const run = await startRun("holding");
    await readEvents(eventsUrl(run.id), {
      stopWhen: (event) => event.data.includes('"line":"holding"'),
    });
    // Released only once this viewer has caught up on the recorded actions: the rest are live.
    const joining = readEvents(eventsUrl(run.id), {
      onEvent: (event) => {
        if (event.data.includes('"line":"holding"')) releaseHeld();
      },
    });
    const joined = await joining;
    expect(joined.end).toEqual({ status: "completed" });
    expect(expectContiguous(joined.actions)).toBe(true);
    expect(joined.actions).toEqual(await allActions(run.id));
  });
});

describe("cancelling", () => {
  test("a running run: 202, it ends cancelled; 409 afterwards", async () => {
    const run = await startRun("holding");
    await readEvents(eventsUrl(run.id), {
      stopWhen: (event) => event.data.includes('"line":"holding"'),
    });
    const watching = readEvents(eventsUrl(run.id));
    const cancel = await request<RunSummary>(server.url, "POST", `/api/runs/${run.id}/cancel`);
    expect(cancel.status).toBe(202);
    expect(cancel.body.id).toBe(run.id);

    const stream = await watching;
    expect(stream.end).toEqual({ status: "cancelled" });
    expect(stream.actions.at(-1)!.type).toBe("@@PIPELINE_CANCELLED");
    expect(stream.actions).toContainEqual(
      expect.objectContaining({
        type: "@@PHASE_CANCELLED",
        payload: expect.objectContaining({ name: "hold" }),
      }),
    );

    const detail = await request<RunDetail>(server.url, "GET", `/api/runs/${run.id}`);
    expect(detail.body.status).toBe("cancelled");
    expect(phaseNamed(detail.body.state, "hold").status).toBe("cancelled");
    expect(phaseNamed(detail.body.state, "after").status).toBe("pending");

    const again = await request(server.url, "POST", `/api/runs/${run.id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      error: { code: "RUN_NOT_RUNNING", message: expect.stringContaining("cancelled") },
    });
  });

  test("an unknown run: 404", async () => {
    const response = await request(server.url, "POST", "/api/runs/no-such-run/cancel");
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      error: { code: "RUN_NOT_FOUND", message: expect.any(String) },
    });
  });
});

describe("many at once", () => {
  test("runs of several pipelines, and of one pipeline several times, stay separate", async () => {
    const runs = await Promise.all([
      startRun("quick"),
      startRun("quick"),
      startRun("broken"),
      startRun("chatty"),
      startRun("quick", { failFast: true }),
    ]);
    expect(new Set(runs.map((run) => run.id)).size).toBe(runs.length);
    const streams = await Promise.all(
      runs.flatMap((run) => [readEvents(eventsUrl(run.id)), readEvents(eventsUrl(run.id))]),
    );
    const expected = ["completed", "completed", "failed", "completed", "completed"];
    for (const [index, run] of runs.entries()) {
      const recorded = await allActions(run.id);
      for (const stream of streams.slice(index * 2, index * 2 + 2)) {
        expect(stream.end).toEqual({ status: expected[index] });
        expect(stream.actions).toEqual(recorded);
      }
    }
  });
});
