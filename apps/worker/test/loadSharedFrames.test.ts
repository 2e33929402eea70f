import { Phase, Pipeline } from "@milo/core";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { RunSummary } from "../src/index";
import {
  expectContiguous,
  readEvents,
  request,
  type StreamResult,
  startTestWorker,
  type TestWorker,
  waitFor,
} from "./helpers";

const LINES = 2000;

let releaseChorus: () => void = () => {};
const gate = new Promise<void>((resolve) => {
  releaseChorus = resolve;
});

/** Log lines in bursts of 40 per turn: many group commits of many actions each. */
const chorus = new Pipeline(
  "chorus",
  new Phase("sing", {
    handler: async (ctx) => {
      await gate;
      for (let line = 0; line < LINES; line++) {
        ctx.log(`line ${line}`);
        if (line % 40 === 39) await new Promise((resolve) => setImmediate(resolve));
      }
    },
  }),
);

let server: TestWorker;

beforeAll(async () => {
  server = await startTestWorker({ pipelines: [chorus] });
});

afterAll(async () => {
  await server.stop();
});

test("viewers of one live run, joining from the start, mid-stream and with Last-Event-ID, each get every action once, in order, as recorded", async () => {
  const run = (await request<RunSummary>(server.url, "POST", "/api/pipelines/chorus/runs", {}))
    .body;
  const events = `${server.url}/api/runs/${run.id}/events`;
  const fromStart = Array.from({ length: 6 }, () => readEvents(events));
  // Wait until the run is live and watched, then let it sing.
  await waitFor(async () => {
    const summary = (await request<RunSummary>(server.url, "GET", `/api/runs/${run.id}`)).body;
    return summary.actionCount > 0 ? true : undefined;
  }, "the run's first actions");
  releaseChorus();
  const late: Promise<StreamResult>[] = [];
  const resumed: { after: number; stream: Promise<StreamResult> }[] = [];
  // Join while the stream is busy: some viewers from the start, some resuming after a seq.
  for (const after of [50, 400, 1200]) {
    await waitFor(async () => {
      const summary = (await request<RunSummary>(server.url, "GET", `/api/runs/${run.id}`)).body;
      return summary.actionCount >= after ? true : undefined;
    }, `${after} actions recorded`);
    late.push(readEvents(events));
    resumed.push({
      after,
      stream: readEvents(events, { headers: { "last-event-id": String(after) } }),
    });
  }
  // One viewer leaves early; the others must not notice.
  const leaver = await readEvents(events, { stopWhen: (event) => event.event === "action" });
  expect(leaver.actions).toHaveLength(1);

  const viewers = await Promise.all([...fromStart, ...late]);
  // After the end: the whole run replayed from the database.
  const recorded = await readEvents(events);
  expect(recorded.end).toEqual({ status: "completed" });
  const count = recorded.actions.length;
  expect(count).toBeGreaterThan(LINES);
  expect(expectContiguous(recorded.actions)).toBe(true);
  for (const viewer of viewers) {
    expect(viewer.end).toEqual({ status: "completed" });
    expect(viewer.actions).toEqual(recorded.actions);
  }
  for (const { after, stream } of resumed) {
    const viewer = await stream;
    expect(viewer.end).toEqual({ status: "completed" });
    expect(viewer.actions).toHaveLength(count - after);
    expect(expectContiguous(viewer.actions, after + 1)).toBe(true);
    expect(viewer.actions).toEqual(recorded.actions.slice(after));
  }
});
