import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunSummary } from "../src/index";
import { readEvents, request, startTestWorker, type TestWorker } from "./helpers";

let server: TestWorker;
let finishedRun: RunSummary;

beforeAll(async () => {
  server = await startTestWorker();
  finishedRun = (await request<RunSummary>(server.url, "POST", "/api/pipelines/quick/runs")).body;
  await readEvents(`${server.url}/api/runs/${finishedRun.id}/events`);
});

afterAll(async () => {
  await server.stop();
});

interface Case {
  readonly name: string;
  readonly method: string;
  readonly path: string | (() => string);
  readonly rawBody?: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly status: number;
  readonly code: string;
  /** A word the message must contain, so it says what is wrong. */
  readonly mentions?: string;
}

const json = { "content-type": "application/json" };
const runPath = (suffix: string) => () => `/api/runs/${finishedRun.id}${suffix}`;

const cases: Case[] = [
  // Unknown things.
  {
    name: "unknown pipeline",
    method: "GET",
    path: "/api/pipelines/nope",
    status: 404,
    code: "PIPELINE_NOT_FOUND",
    mentions: "quick",
  },
  {
    name: "run of an unknown pipeline",
    method: "POST",
    path: "/api/pipelines/nope/runs",
    body: {},
    status: 404,
    code: "PIPELINE_NOT_FOUND",
  },
  {
    name: "unknown run",
    method: "GET",
    path: "/api/runs/nope",
    status: 404,
    code: "RUN_NOT_FOUND",
  },
  {
    name: "actions of an unknown run",
    method: "GET",
    path: "/api/runs/nope/actions",
    status: 404,
    code: "RUN_NOT_FOUND",
  },
  {
    name: "logs of an unknown run",
    method: "GET",
    path: "/api/runs/nope/logs?phase=fetch",
    status: 404,
    code: "RUN_NOT_FOUND",
  },
  {
    name: "events of an unknown run",
    method: "GET",
    path: "/api/runs/nope/events",
    status: 404,
    code: "RUN_NOT_FOUND",
  },
  {
    name: "cancel of an unknown run",
    method: "POST",
    path: "/api/runs/nope/cancel",
    status: 404,
    code: "RUN_NOT_FOUND",
  },
  {
    name: "unknown API route",
    method: "GET",
    path: "/api/nothing/here",
    status: 404,
    code: "NOT_FOUND",
  },
  { name: "wrong method", method: "DELETE", path: "/api/runs", status: 404, code: "NOT_FOUND" },

  // Bodies.
  {
    name: "malformed JSON",
    method: "POST",
    path: "/api/pipelines/quick/runs",
    rawBody: '{"concurrency": 2,',
    headers: json,
    status: 400,
    code: "INVALID_BODY",
    mentions: "JSON",
  },
  {
    name: "concurrency as a string",
    method: "POST",
    path: "/api/pipelines/quick/runs",
    body: { concurrency: "2" },
    status: 400,
    code: "INVALID_BODY",
    mentions: "concurrency",
  },
  {
    name: "concurrency of 0",
    method: "POST",
    path: "/api/pipelines/quick/runs",
    body: { concurrency: 0 },
    status: 400,
    code: "INVALID_BODY",
    mentions: "concurrency",
  },
  {
    name: "fractional concurrency",
    method: "POST",
    path: "/api/pipelines/quick/runs",
    body: { concurrency: 1.5 },
    status: 400,
    code: "INVALID_BODY",
    mentions: "concurrency",
  },
  {
    name: "negative concurrency",
    method: "POST",
    path: "/api/pipelines/quick/runs",
    body: { concurrency: -3 },
    status: 400,
    code: "INVALID_BODY",
    mentions: "concurrency",
  },
  {
    name: "failFast as a string",
    method: "POST",
    path: "/api/pipelines/quick/runs",
    body: { failFast: "yes" },
    status: 400,
    code: "INVALID_BODY",
    mentions: "failFast",
  },
  {
    name: "unknown key",
    method: "POST",
    path: "/api/pipelines/quick/runs",
    body: { concurrency: 2, priority: "high" },
    status: 400,
    code: "INVALID_BODY",
    mentions: "priority",
  },
  {
    name: "an array body",
    method: "POST",
    path: "/api/pipelines/quick/runs",
    body: [1, 2],
    status: 400,
    code: "INVALID_BODY",
  },
  {
    name: "a null body",
    method: "POST",
    path: "/api/pipelines/quick/runs",
    rawBody: "null",
    headers: json,
    status: 400,
    code: "INVALID_BODY",
  },
  {
    name: "a string body",
    method: "POST",
    path: "/api/pipelines/quick/runs",
    rawBody: '"go"',
    headers: json,
    status: 400,
    code: "INVALID_BODY",
  },
  {
    name: "a body over 64 KiB",
    method: "POST",
    path: "/api/pipelines/quick/runs",
    rawBody: JSON.stringify({ padding: "x".repeat(70_000) }),
    headers: json,
    status: 413,
    code: "PAYLOAD_TOO_LARGE",
    mentions: "64 KiB",
  },
  {
    name: "a text/plain body",
    method: "POST",
    path: "/api/pipelines/quick/runs",
    rawBody: "concurrency=2",
    headers: { "content-type": "text/plain" },
    status: 415,
    code: "UNSUPPORTED_MEDIA_TYPE",
    mentions: "application/json",
  },
  {
    name: "a form body",
    method: "POST",
    path: "/api/pipelines/quick/runs",
    rawBody: "concurrency=2",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    status: 415,
    code: "UNSUPPORTED_MEDIA_TYPE",
  },

  // Queries.
  {
    name: "limit of 0",
    method: "GET",
    path: "/api/runs?limit=0",
    status: 400,
    code: "INVALID_QUERY",
    mentions: "limit",
  },
  {
    name: "limit over 100",
    method: "GET",
    path: "/api/runs?limit=101",
    status: 400,
    code: "INVALID_QUERY",
    mentions: "limit",
  },
  {
    name: "limit not a number",
    method: "GET",
    path: "/api/runs?limit=ten",
    status: 400,
    code: "INVALID_QUERY",
    mentions: "limit",
  },
  {
    name: "fractional limit",
    method: "GET",
    path: "/api/runs?limit=2.5",
    status: 400,
    code: "INVALID_QUERY",
    mentions: "limit",
  },
  {
    name: "limit given twice",
    method: "GET",
    path: "/api/runs?limit=2&limit=3",
    status: 400,
    code: "INVALID_QUERY",
    mentions: "limit",
  },
  {
    name: "unknown status",
    method: "GET",
    path: "/api/runs?status=done",
    status: 400,
    code: "INVALID_QUERY",
    mentions: "status",
  },
  {
    name: "unknown before id",
    method: "GET",
    path: "/api/runs?before=nope",
    status: 400,
    code: "INVALID_QUERY",
    mentions: "before",
  },
  {
    name: "unknown query parameter",
    method: "GET",
    path: "/api/runs?sort=asc",
    status: 400,
    code: "INVALID_QUERY",
    mentions: "sort",
  },
  {
    name: "negative after",
    method: "GET",
    path: runPath("/actions?after=-1"),
    status: 400,
    code: "INVALID_QUERY",
    mentions: "after",
  },
  {
    name: "actions limit over 10000",
    method: "GET",
    path: runPath("/actions?limit=10001"),
    status: 400,
    code: "INVALID_QUERY",
    mentions: "limit",
  },
  {
    name: "logs without a phase",
    method: "GET",
    path: runPath("/logs"),
    status: 400,
    code: "INVALID_QUERY",
    mentions: "phase",
  },
  {
    name: "logs of an unknown phase",
    method: "GET",
    path: runPath("/logs?phase=nope"),
    status: 400,
    code: "INVALID_QUERY",
    mentions: "nope",
  },
  {
    name: "logs with a bad after",
    method: "GET",
    path: runPath("/logs?phase=fetch&after=x"),
    status: 400,
    code: "INVALID_QUERY",
    mentions: "after",
  },
  {
    name: "events with a bad after",
    method: "GET",
    path: runPath("/events?after=soon"),
    status: 400,
    code: "INVALID_QUERY",
    mentions: "after",
  },
  {
    name: "events with a bad Last-Event-ID",
    method: "GET",
    path: runPath("/events"),
    headers: { "last-event-id": "abc" },
    status: 400,
    code: "INVALID_HEADER",
    mentions: "Last-Event-ID",
  },
  {
    name: "cancel of a finished run",
    method: "POST",
    path: runPath("/cancel"),
    status: 409,
    code: "RUN_NOT_RUNNING",
  },
];

describe("bad input gets a 4xx and the error shape, never a 500", () => {
  test.each(cases)("$name → $status $code", async (badCase) => {
    const path = typeof badCase.path === "function" ? badCase.path() : badCase.path;
    const response = await request<{ error: { code: string; message: string } }>(
      server.url,
      badCase.method,
      path,
      { body: badCase.body, rawBody: badCase.rawBody, headers: badCase.headers },
    );
    expect(response.status).toBe(badCase.status);
    expect(response.contentType).toContain("application/json");
    expect(response.body).toEqual({
      error: { code: badCase.code, message: expect.any(String) },
    });
    expect(response.body.error.message.length).toBeGreaterThan(10);
    if (badCase.mentions) expect(response.body.error.message).toContain(badCase.mentions);
  });

  test("the worker is still healthy afterwards", async () => {
    const health = await request(server.url, "GET", "/api/health");
    expect(health).toMatchObject({ status: 200, body: { ok: true, version: expect.any(String) } });
  });
});

describe("bodies that are fine", () => {
  test.each([
    ["no body at all", {}],
    ["an empty JSON body", { rawBody: "", headers: json }],
    ["an empty object", { body: {} }],
    ["both options", { body: { concurrency: 3, failFast: true } }],
    [
      "JSON with a charset",
      {
        rawBody: '{"failFast":false}',
        headers: { "content-type": "application/json; charset=utf-8" },
      },
    ],
  ])("%s starts a run", async (_name, options) => {
    const response = await request<RunSummary>(
      server.url,
      "POST",
      "/api/pipelines/quick/runs",
      options,
    );
    expect(response.status).toBe(201);
    expect(response.body.pipeline).toBe("quick");
    await readEvents(`${server.url}/api/runs/${response.body.id}/events`);
  });

  test("empty query values count as absent", async () => {
    const response = await request(server.url, "GET", "/api/runs?pipeline=&status=&limit=&before=");
    expect(response.status).toBe(200);
  });
});
