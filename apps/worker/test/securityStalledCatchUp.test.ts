import { connect, type Socket } from "node:net";
import { Phase, Pipeline } from "@milo/core";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { RunSummary } from "../src/index";
import { readEvents, request, startTestWorker, type TestWorker } from "./helpers";

const LINES = 1000;
const LINE = "x".repeat(12 * 1024);

/** Megabytes of recorded log lines: more than a socket that nobody reads can absorb. */
const chatter = new Pipeline(
  "chatter",
  new Phase("talk", {
    handler: (ctx) => {
      for (let line = 0; line < LINES; line++) ctx.log(`${line} ${LINE}`);
    },
  }),
);

let server: TestWorker;

beforeAll(async () => {
  server = await startTestWorker({
    pipelines: [chatter],
    sse: { maxBufferedBytes: 256 * 1024, stallTimeoutMs: 300 },
  });
});

afterAll(async () => {
  await server.stop();
});

/**
 * A viewer that asks for a finished run's events and reads nothing. Resolves, once the worker
 * has closed its side of the connection, with whatever had reached this side by then.
 */
function stalledViewer(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    let socket: Socket | undefined;
    // Registered first: the worker may see the connection before this side hears "connect".
    server.worker.app.server.on("connection", function watch(serverSide: Socket) {
      const remotePort = serverSide.remotePort;
      serverSide.once("close", () => {
        if (socket === undefined || remotePort !== socket.localPort) return;
        server.worker.app.server.off("connection", watch);
        // Now read what the kernel holds: the frames that were on their way when it was cut.
        let seen = "";
        socket.setEncoding("utf8");
        socket.on("data", (chunk: string) => {
          seen += chunk;
        });
        socket.on("close", () => resolve(seen));
        socket.resume();
      });
    });
    socket = connect(Number(port), hostname, () => {
      socket?.write(`GET ${new URL(url).pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n\r\n`);
    });
    socket.pause();
    socket.on("error", () => {});
  });
}

test("a viewer that stops reading while catching up is dropped, and resumes exactly", async () => {
  const run = (await request<RunSummary>(server.url, "POST", "/api/pipelines/chatter/runs")).body;
  const eventsUrl = `${server.url}/api/runs/${run.id}/events`;
  const full = await readEvents(eventsUrl);
  expect(full.end).toEqual({ status: "completed" });

  const received = await stalledViewer(eventsUrl);
  expect(received).not.toContain("event: end");
  // The last frame that arrived whole is where EventSource resumes from.
  const wholeFrames = received.split("\n\n").slice(0, -1).join("\n\n");
  const seqs = [...wholeFrames.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));
  const lastSeen = seqs.at(-1) ?? 0;
  expect(lastSeen).toBeGreaterThan(0);
  expect(lastSeen).toBeLessThan(full.actions.length);

  const resumed = await readEvents(eventsUrl, { headers: { "last-event-id": String(lastSeen) } });
  expect(resumed.end).toEqual({ status: "completed" });
  expect(resumed.actions).toEqual(full.actions.slice(lastSeen));
});
