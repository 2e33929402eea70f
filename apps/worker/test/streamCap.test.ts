import { get, type IncomingMessage } from "node:http";
import { Phase, Pipeline } from "@milo/core";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { RunSummary } from "../src/index";
import { request, startTestWorker, type TestWorker } from "./helpers";

let open: () => void = () => {};
const gate = new Promise<void>((resolve) => {
  open = resolve;
});

/** A run that stays live until the test lets it end, so its event streams stay open. */
const held = new Pipeline("held", new Phase("wait", { handler: () => gate }));

let server: TestWorker;

beforeAll(async () => {
  server = await startTestWorker({ pipelines: [held], sse: { maxStreamsPerClient: 2 } });
});

afterAll(async () => {
  open();
  await server.stop();
});

/** An event stream, resolved once its headers have arrived. */
function openStream(url: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    get(url, resolve).on("error", reject);
  });
}

test("a client past its cap of open event streams gets 429 in the API's shape, and may open one again once another closes", async () => {
  const run = await request<RunSummary>(server.url, "POST", "/api/pipelines/held/runs", {
    body: {},
  });
  expect(run.status).toBe(201);
  const events = `${server.url}/api/runs/${run.body.id}/events`;
  const first = await openStream(events);
  const second = await openStream(events);
  expect([first.statusCode, second.statusCode]).toEqual([200, 200]);

  const refused = await request<{ error: { code: string; message: string } }>(
    server.url,
    "GET",
    `/api/runs/${run.body.id}/events`,
  );
  expect(refused.status).toBe(429);
  expect(refused.body.error.code).toBe("TOO_MANY_STREAMS");
  expect(refused.body.error.message).toMatch(/--max-streams-per-client/);

  const closed = new Promise((resolve) => first.once("close", resolve));
  first.destroy();
  await closed;
  // The server hears of the close on its next turns; a new stream is admitted once it has.
  let third: IncomingMessage | undefined;
  for (let tries = 0; tries < 50 && third?.statusCode !== 200; tries++) {
    third?.destroy();
    third = await openStream(events);
    if (third.statusCode !== 200) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(third?.statusCode).toBe(200);
  third?.destroy();
  second.destroy();
});
