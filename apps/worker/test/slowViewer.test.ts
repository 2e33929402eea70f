import { get, type IncomingMessage } from "node:http";
import { Phase, Pipeline } from "@milo/core";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { RunSummary } from "../src/index";
import {
  readEvents,
  request,
  type StreamedAction,
  startTestWorker,
  type TestWorker,
} from "./helpers";

const LINES = 1000;
const LINE = "x".repeat(12 * 1024);

let releaseFlood: () => void = () => {};
const floodGate = new Promise<void>((resolve) => {
  releaseFlood = resolve;
});

/** Once released, megabytes of log lines at once: more than a stalled socket can absorb. */
const flood = new Pipeline(
  "flood",
  new Phase("flood", {
    handler: async (ctx) => {
      ctx.log("waiting for the gate");
      await floodGate;
      for (let line = 0; line < LINES; line++) {
        ctx.log(`${line} ${LINE}`);
        // Yield between lines, as real work would, so the event streams write as the run goes.
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  }),
);

let server: TestWorker;

beforeAll(async () => {
  server = await startTestWorker({ pipelines: [flood], sse: { maxBufferedBytes: 256 * 1024 } });
});

afterAll(async () => {
  await server.stop();
});

/** A viewer that reads until it is following live, then stops reading. */
function stalledViewer(url: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      // Being dropped mid-stream is what this viewer expects; readAll sees where it stopped.
      response.on("error", () => {});
      let seen = "";
      const onData = (chunk: Buffer) => {
        seen += chunk.toString();
        if (!seen.includes("waiting for the gate")) return;
        response.off("data", onData);
        response.pause();
        response.unshift(Buffer.from(seen));
        resolve(response);
      };
      response.on("data", onData);
    }).on("error", reject);
  });
}

function readAll(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    response.setEncoding("utf8");
    response.on("data", (chunk: string) => {
      text += chunk;
    });
    const done = () => resolve(text);
    response.on("end", done);
    response.on("close", done);
    response.on("error", done);
    response.resume();
  });
}

test("a viewer that stops reading is dropped, never slows the run, and catches up on reconnect", async () => {
  const run = (await request<RunSummary>(server.url, "POST", "/api/pipelines/flood/runs")).body;
  const eventsUrl = `${server.url}/api/runs/${run.id}/events`;
  const stalled = await stalledViewer(eventsUrl);
  releaseFlood();

  // Another viewer and the run itself go on to the end while the stalled one reads nothing.
  const reader = await readEvents(eventsUrl);
  expect(reader.end).toEqual({ status: "completed" });
  expect(reader.actions.length).toBeGreaterThan(LINES);

  const received = await readAll(stalled);
  const seqs = [...received.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));
  expect(received).not.toContain("event: end");
  expect(seqs.length).toBeLessThan(reader.actions.length);

  // Like EventSource: reconnect with the last id seen, get exactly the rest.
  const lastSeen = seqs.at(-1) ?? 0;
  const resumed = await readEvents(eventsUrl, { headers: { "last-event-id": String(lastSeen) } });
  expect(resumed.end).toEqual({ status: "completed" });
  const expected: StreamedAction[] = reader.actions.slice(lastSeen);
  expect(resumed.actions).toEqual(expected);
});
