import { createHash } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Phase, Pipeline } from "@milo/core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunPage, RunSummary } from "../src/index";
import { fixturePipelines } from "./fixtures/pipelines";
import { readEvents, request, startTestWorker, type TestWorker, tempDir } from "./helpers";
import {
  answerBody,
  answerHeaders,
  type RawResponse,
  rawRequest,
  socketExchange,
} from "./securityRequests";

/** Longer than Fastify's default limit of 100 characters for a path segment. */
const LONG_NAME = `release-${"x".repeat(300)}`;
const longNamed = new Pipeline(LONG_NAME, new Phase("only", { handler: () => "done" }));

let server: TestWorker;
let host: string;

beforeAll(async () => {
  server = await startTestWorker({
    pipelines: [...fixturePipelines, longNamed],
    allowHosts: ["milo.team.example"],
    requestTimeoutMs: 500,
  });
  host = new URL(server.url).host;
});

afterAll(async () => {
  await server.stop();
});

const port = () => new URL(server.url).port;

async function runCount(): Promise<number> {
  const page = await request<RunPage>(server.url, "GET", "/api/runs?limit=100");
  return page.body.runs.length;
}

function expectApiError(response: RawResponse, status: number, code: string): void {
  expect(response.status).toBe(status);
  expect(response.headers["content-type"]).toContain("application/json");
  expect(response.json).toEqual({ error: { code, message: expect.any(String) } });
}

describe("the Host header must name this worker (DNS rebinding)", () => {
  test.each([
    ["127.0.0.1", () => `127.0.0.1:${port()}`],
    ["localhost", () => `localhost:${port()}`],
    ["[::1]", () => `[::1]:${port()}`],
    ["localhost without a port", () => "localhost"],
    ["a name given with --allow-host", () => `milo.team.example:${port()}`],
    ["the same name in capitals", () => `MILO.Team.Example:${port()}`],
  ])("%s is answered", async (_name, hostHeader) => {
    const response = await rawRequest(`${server.url}/api/health`, {
      headers: { host: hostHeader() },
    });
    expect(response.status).toBe(200);
  });

  test("a rebound name reads nothing: 403 naming the flag that allows it", async () => {
    const response = await rawRequest(`${server.url}/api/runs`, {
      headers: { host: `evil.example:${port()}` },
    });
    expectApiError(response, 403, "HOST_NOT_ALLOWED");
    expect(response.json?.error?.message).toContain("--allow-host evil.example");
    expect(response.text).not.toContain('"runs"');
  });

  test("a rebound name starts nothing, and the dashboard is not served to it", async () => {
    const before = await runCount();
    const start = await rawRequest(`${server.url}/api/pipelines/quick/runs`, {
      method: "POST",
      headers: { host: `evil.example:${port()}`, "content-type": "application/json" },
      body: "{}",
    });
    expectApiError(start, 403, "HOST_NOT_ALLOWED");
    const page = await rawRequest(`${server.url}/`, { headers: { host: "evil.example" } });
    expect(page.status).toBe(403);
    expect(await runCount()).toBe(before);
  });

  test("a look-alike of localhost is refused", async () => {
    for (const name of ["localhost.evil.example", "127.0.0.1.nip.io", "evil.localhost"]) {
      const response = await rawRequest(`${server.url}/api/health`, {
        headers: { host: `${name}:${port()}` },
      });
      expect(response.status).toBe(403);
    }
  });
});

describe("writes another site's page could send are refused", () => {
  const startPath = "/api/pipelines/quick/runs";

  test.each<[string, Record<string, string>, string | undefined, number, string]>([
    [
      "sendBeacon or a no-cors fetch (text/plain, foreign Origin)",
      { origin: "http://evil.example", "content-type": "text/plain;charset=UTF-8" },
      "{}",
      403,
      "CROSS_SITE_REFUSED",
    ],
    [
      "a form post (foreign Origin)",
      { origin: "http://evil.example", "content-type": "application/x-www-form-urlencoded" },
      "concurrency=2",
      403,
      "CROSS_SITE_REFUSED",
    ],
    [
      "JSON from a page on another port of this machine",
      { origin: "http://127.0.0.1:1", "content-type": "application/json" },
      "{}",
      403,
      "CROSS_SITE_REFUSED",
    ],
    [
      "an opaque origin (sandboxed frame, file)",
      { origin: "null", "content-type": "application/json" },
      "{}",
      403,
      "CROSS_SITE_REFUSED",
    ],
    [
      "no Origin, but the browser says cross-site",
      { "sec-fetch-site": "cross-site", "content-type": "application/json" },
      "{}",
      403,
      "CROSS_SITE_REFUSED",
    ],
    [
      "no Origin, but the browser says same-site (another port)",
      { "sec-fetch-site": "same-site", "content-type": "application/json" },
      "{}",
      403,
      "CROSS_SITE_REFUSED",
    ],
    ["no body and no Content-Type", {}, undefined, 415, "UNSUPPORTED_MEDIA_TYPE"],
    [
      "a text/plain body from a script",
      { "content-type": "text/plain" },
      "{}",
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    ],
    [
      "text/plain dressed up with a JSON parameter",
      { "content-type": "text/plain; application/json" },
      "{}",
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    ],
  ])("%s → %i %s, and no run starts", async (_name, headers, body, status, code) => {
    const before = await runCount();
    const response = await rawRequest(`${server.url}${startPath}`, {
      method: "POST",
      headers,
      body,
    });
    expectApiError(response, status, code);
    expect(await runCount()).toBe(before);
  });

  test("the messages say what to send instead", async () => {
    const noType = await rawRequest(`${server.url}${startPath}`, { method: "POST" });
    expect(noType.json?.error?.message).toContain("Content-Type: application/json");
    const foreign = await rawRequest(`${server.url}${startPath}`, {
      method: "POST",
      headers: { origin: "http://evil.example", "content-type": "application/json" },
      body: "{}",
    });
    expect(foreign.json?.error?.message).toContain("Origin: http://evil.example");
  });

  test("a cancel from another site leaves the run running", async () => {
    const run = (await request<RunSummary>(server.url, "POST", "/api/pipelines/holding/runs")).body;
    const foreignCancels: Record<string, string>[] = [
      { origin: "http://evil.example", "content-type": "text/plain" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of foreignCancels) {
      const response = await rawRequest(`${server.url}/api/runs/${run.id}/cancel`, {
        method: "POST",
        headers,
      });
      expect(response.status).toBe(403);
    }
    const after = await request<RunSummary>(server.url, "GET", `/api/runs/${run.id}`);
    expect(after.body.status).toBe("running");
    const cancel = await request(server.url, "POST", `/api/runs/${run.id}/cancel`);
    expect(cancel.status).toBe(202);
  });

  test("the worker's own dashboard (same Origin) and scripts (no Origin) may write", async () => {
    const ownPage = await rawRequest(`${server.url}${startPath}`, {
      method: "POST",
      headers: {
        origin: server.url,
        "sec-fetch-site": "same-origin",
        "content-type": "application/json",
      },
      body: "{}",
    });
    expect(ownPage.status).toBe(201);
    const script = await rawRequest(`${server.url}${startPath}`, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: '{"concurrency":2}',
    });
    expect(script.status).toBe(201);
    for (const run of [ownPage, script]) {
      await readEvents(`${server.url}/api/runs/${(run.json as unknown as RunSummary).id}/events`);
    }
  });

  test("a CORS preflight from another origin gets no CORS allowance", async () => {
    const response = await rawRequest(`${server.url}${startPath}`, {
      method: "OPTIONS",
      headers: {
        origin: "http://evil.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expectApiError(response, 403, "CROSS_SITE_REFUSED");
    expect(response.headers["access-control-allow-origin"]).toBeUndefined();
    expect(response.headers["access-control-allow-methods"]).toBeUndefined();
  });

  test("API reads embedded by another site (<img>, cross-origin fetch) are refused", async () => {
    const image = await rawRequest(`${server.url}/api/runs`, {
      headers: { "sec-fetch-site": "cross-site", "sec-fetch-mode": "no-cors" },
    });
    expectApiError(image, 403, "CROSS_SITE_REFUSED");
    const corsRead = await rawRequest(`${server.url}/api/runs`, {
      headers: { origin: "http://evil.example", "sec-fetch-mode": "cors" },
    });
    expectApiError(corsRead, 403, "CROSS_SITE_REFUSED");
    expect(corsRead.headers["access-control-allow-origin"]).toBeUndefined();
  });

  test("a link from another site still opens the dashboard", async () => {
    const response = await rawRequest(`${server.url}/`, {
      headers: { "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" },
    });
    expect(response.status).toBe(200);
  });
});

describe("security headers on every kind of response", () => {
  const expectSecurityHeaders = (headers: Record<string, string | string[] | undefined>) => {
    const policy = String(headers["content-security-policy"]);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toMatch(/script-src 'self'(;| 'sha256-)/);
    expect(policy.split(";").find((part) => part.includes("script-src"))).not.toContain(
      "unsafe-inline",
    );
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(headers["cross-origin-resource-policy"]).toBe("same-origin");
    expect(headers["access-control-allow-origin"]).toBeUndefined();
  };

  test.each<[string, () => Promise<RawResponse>]>([
    ["an API answer", () => rawRequest(`${server.url}/api/pipelines`)],
    ["an API error", () => rawRequest(`${server.url}/api/runs/nope`)],
    ["an unknown API path", () => rawRequest(`${server.url}/api/nothing-here`)],
    ["the dashboard's page", () => rawRequest(`${server.url}/`)],
    [
      "a refused Host",
      () => rawRequest(`${server.url}/api/health`, { headers: { host: "evil.example" } }),
    ],
    [
      "a refused write",
      () => rawRequest(`${server.url}/api/pipelines/quick/runs`, { method: "POST" }),
    ],
    ["a bad URL", () => rawRequest(`${server.url}/api/runs/%E0%A4%A`)],
    ["an over-long path", () => rawRequest(`${server.url}/api/runs/${"r".repeat(5000)}`)],
  ])("%s", async (_name, send) => {
    expectSecurityHeaders((await send()).headers);
  });

  test("an event stream", async () => {
    const run = (await request<RunSummary>(server.url, "POST", "/api/pipelines/quick/runs")).body;
    const response = await fetch(`${server.url}/api/runs/${run.id}/events`);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    expectSecurityHeaders(Object.fromEntries(response.headers));
    await response.text();
  });

  test("an answer to a request Node could not parse", async () => {
    const answer = await socketExchange(server.url, (send) => send("NOT HTTP AT ALL\r\n\r\n"));
    expectSecurityHeaders(answerHeaders(answer));
  });
});

describe("Fastify's and Node's own client errors are in the API's shape", () => {
  test("a path that is not valid percent-encoding", async () => {
    const response = await rawRequest(`${server.url}/api/runs/%E0%A4%A/logs`);
    expectApiError(response, 400, "BAD_URL");
    expect(response.json?.error?.message).toContain("encodeURIComponent");
  });

  test("a path segment longer than any name", async () => {
    const response = await rawRequest(`${server.url}/api/runs/${"r".repeat(5000)}/actions`);
    expectApiError(response, 414, "PATH_TOO_LONG");
  });

  test("a pipeline whose name is longer than Fastify's default limit opens and runs", async () => {
    const path = `/api/pipelines/${encodeURIComponent(LONG_NAME)}`;
    const graph = await request<{ name: string }>(server.url, "GET", path);
    expect(graph.status).toBe(200);
    expect(graph.body.name).toBe(LONG_NAME);
    const run = await request<RunSummary>(server.url, "POST", `${path}/runs`);
    expect(run.status).toBe(201);
    const events = await readEvents(`${server.url}/api/runs/${run.body.id}/events`);
    expect(events.end).toEqual({ status: "completed" });
  });

  test("headers past Node's limit: 431", async () => {
    const answer = await socketExchange(server.url, (send) =>
      send(`GET /api/health HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`),
    );
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answerHeaders(answer)["content-type"]).toContain("application/json");
    expect(answerBody(answer)).toEqual({
      error: { code: "HEADERS_TOO_LARGE", message: expect.stringContaining("headers") },
    });
  });

  test("bytes that are not HTTP: 400 instead of Node's bare Client Error", async () => {
    const answer = await socketExchange(server.url, (send) => send("NOT HTTP AT ALL\r\n\r\n"));
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answerBody(answer)).toEqual({
      error: { code: "BAD_REQUEST", message: expect.stringContaining("HTTP/1.1") },
    });
  });

  test("a body that trickles in is cut off with 408, and starts nothing", async () => {
    const before = await runCount();
    const body = '{"concurrency": 1}';
    const answer = await socketExchange(server.url, (send, closed) => {
      send(
        `POST /api/pipelines/quick/runs HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
      );
      let sent = 0;
      const drip = setInterval(() => {
        // One byte every 200 ms: the whole body would take far longer than the limit.
        if (closed() || sent >= body.length - 1) clearInterval(drip);
        else send(body[sent++] ?? "");
      }, 200);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answerBody(answer)).toEqual({
      error: { code: "REQUEST_TIMEOUT", message: expect.any(String) },
    });
    expect(await runCount()).toBe(before);
  });
});

describe("the built dashboard's policy", () => {
  const THEME_SCRIPT = "document.documentElement.classList.add('dark');";
  let dashboard: TestWorker;
  let webRoot: string;

  beforeAll(async () => {
    webRoot = tempDir();
    mkdirSync(join(webRoot, "assets"));
    writeFileSync(
      join(webRoot, "index.html"),
      `<!doctype html><script>${THEME_SCRIPT}</script><script type="module" src="/assets/app.js"></script>`,
    );
    writeFileSync(join(webRoot, "assets", "app.js"), "export {};\n");
    dashboard = await startTestWorker({ webRoot });
  });

  afterAll(async () => {
    await dashboard.stop();
    rmSync(webRoot, { recursive: true, force: true });
  });

  test("allows exactly the inline theme script, by its hash", async () => {
    const hash = createHash("sha256").update(THEME_SCRIPT).digest("base64");
    const page = await rawRequest(`${dashboard.url}/`);
    const scripts = String(page.headers["content-security-policy"])
      .split("; ")
      .find((directive) => directive.startsWith("script-src"));
    expect(scripts).toBe(`script-src 'self' 'sha256-${hash}'`);
  });

  test.each(["/", "/assets/app.js", "/runs/some-run", "/assets/missing.js"])(
    "%s carries the security headers",
    async (path) => {
      const response = await rawRequest(`${dashboard.url}${path}`);
      expect(response.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
      expect(response.headers["cross-origin-resource-policy"]).toBe("same-origin");
      expect(response.headers["referrer-policy"]).toBe("no-referrer");
      expect(response.headers["cross-origin-opener-policy"]).toBe("same-origin");
    },
  );
});
