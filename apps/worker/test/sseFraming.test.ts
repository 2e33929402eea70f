import { connect } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { RunSummary } from "../src/types";
import { request, startTestWorker, type TestWorker } from "./helpers";

let server: TestWorker;
beforeAll(async () => {
  server = await startTestWorker();
});
afterAll(async () => {
  await server.stop();
});

/** The raw bytes of a response, read off the socket until the server closes it. */
function rawResponse(path: string): Promise<string> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let text = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      text += chunk;
    });
    socket.on("end", () => resolve(text));
    socket.on("error", reject);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n\r\n`);
  });
}

test("an event stream is plain SSE on the wire, ended by closing the connection, not chunk-framed", async () => {
  const run = (await request<RunSummary>(server.url, "POST", "/api/pipelines/quick/runs")).body;
  const ended = (await server.worker.manager.waitForEnd(run.id))!;
  const raw = await rawResponse(`/api/runs/${run.id}/events`);
  const [head, body] = [
    raw.slice(0, raw.indexOf("\r\n\r\n")),
    raw.slice(raw.indexOf("\r\n\r\n") + 4),
  ];
  expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  expect(head.toLowerCase()).toContain("content-type: text/event-stream");
  expect(head.toLowerCase()).toContain("connection: close");
  expect(head.toLowerCase()).not.toContain("transfer-encoding");
  // The body is the frames themselves: no chunk sizes between them.
  expect(body.startsWith("retry: 1000\n\nid: 1\nevent: action\ndata: {")).toBe(true);
  const ids = [...body.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));
  expect(ids).toEqual(ids.map((_, index) => index + 1));
  expect(ids.length).toBe(ended.actionCount);
  expect(body.trimEnd().endsWith('event: end\ndata: {"status":"completed"}')).toBe(true);
});
