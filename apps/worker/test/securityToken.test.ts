import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { resolveToken } from "../src/security/resolveToken";
import { tokenCookieName } from "../src/security/tokenAuth";
import { readEvents, startTestWorker, type TestWorker } from "./helpers";
import { outsideAddress, rawRequest } from "./securityRequests";

const TOKEN = "s3cret-token-for-tests";

describe("which token a worker requires", () => {
  test("loopback needs none unless one is given", () => {
    expect(resolveToken("127.0.0.1", undefined)).toEqual({ token: null, generated: false });
    expect(resolveToken("localhost", "")).toEqual({ token: null, generated: false });
    expect(resolveToken("::1", undefined)).toEqual({ token: null, generated: false });
    expect(resolveToken("127.0.0.1", TOKEN)).toEqual({ token: TOKEN, generated: false });
  });

  test("any other address gets the given token, or a fresh random one", () => {
    expect(resolveToken("0.0.0.0", TOKEN)).toEqual({ token: TOKEN, generated: false });
    const first = resolveToken("0.0.0.0", undefined);
    const second = resolveToken("192.168.1.20", undefined);
    expect(first.generated && second.generated).toBe(true);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(second.token).not.toBe(first.token);
  });
});

describe("a worker with a token", () => {
  let server: TestWorker;
  let cookieName: string;

  beforeAll(async () => {
    server = await startTestWorker({ token: TOKEN });
    cookieName = tokenCookieName(Number(new URL(server.url).port));
  });

  afterAll(async () => {
    await server.stop();
  });

  test("the dashboard URL it shows carries the token", () => {
    expect(server.worker.dashboardUrl).toBe(`${server.url}/?token=${TOKEN}`);
  });

  test.each<[string, Record<string, string>]>([
    ["no token", {}],
    ["a wrong bearer token", { authorization: "Bearer not-the-token" }],
    ["a token one character short", { authorization: `Bearer ${TOKEN.slice(0, -1)}` }],
    ["a wrong cookie", { cookie: `${tokenCookieName(1)}=${TOKEN}; other=1` }],
  ])("%s: 401 saying where the token is", async (_name, headers) => {
    const response = await rawRequest(`${server.url}/api/runs`, { headers });
    expect(response.status).toBe(401);
    expect(response.json).toEqual({ error: { code: "UNAUTHORIZED", message: expect.any(String) } });
    expect(response.json?.error?.message).toContain("Authorization: Bearer");
    expect(response.json?.error?.message).toContain("?token=");
    expect(response.headers["www-authenticate"]).toContain("Bearer");
  });

  test("writes and event streams need it too", async () => {
    const start = await rawRequest(`${server.url}/api/pipelines/quick/runs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(start.status).toBe(401);
    const stream = await readEvents(`${server.url}/api/runs/any/events`);
    expect(stream.status).toBe(401);
  });

  test("the bearer header opens the API, writes and event streams included", async () => {
    const authorization = `Bearer ${TOKEN}`;
    const start = await rawRequest(`${server.url}/api/pipelines/quick/runs`, {
      method: "POST",
      headers: { authorization, "content-type": "application/json" },
      body: "{}",
    });
    expect(start.status).toBe(201);
    const runId = (start.json as unknown as { id: string }).id;
    const events = await readEvents(`${server.url}/api/runs/${runId}/events`, {
      headers: { authorization },
    });
    expect(events.end).toEqual({ status: "completed" });
  });

  test("a dashboard page without the token says where it is", async () => {
    const response = await rawRequest(`${server.url}/runs/abc`);
    expect(response.status).toBe(401);
    expect(response.headers["content-type"]).toContain("text/html");
    expect(response.text).toContain("?token=");
  });

  test("?token= is exchanged for an HttpOnly, SameSite=Strict cookie and dropped from the URL", async () => {
    const exchange = await rawRequest(`${server.url}/runs/abc?token=${TOKEN}&tab=logs`);
    expect(exchange.status).toBe(303);
    expect(exchange.headers.location).toBe("/runs/abc?tab=logs");
    const [cookie] = exchange.headers["set-cookie"] ?? [];
    expect(cookie).toContain(`${cookieName}=${TOKEN}`);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).toContain("Path=/");

    const sent = { cookie: `${cookieName}=${TOKEN}` };
    expect((await rawRequest(`${server.url}/`, { headers: sent })).status).toBe(200);
    expect((await rawRequest(`${server.url}/api/runs`, { headers: sent })).status).toBe(200);
    const start = await rawRequest(`${server.url}/api/pipelines/quick/runs`, {
      method: "POST",
      headers: { ...sent, "content-type": "application/json", origin: server.url },
      body: "{}",
    });
    expect(start.status).toBe(201);
  });

  test("a wrong ?token= sets no cookie", async () => {
    const response = await rawRequest(`${server.url}/?token=guess`);
    expect(response.status).toBe(401);
    expect(response.headers["set-cookie"]).toBeUndefined();
  });

  test("the cookie does not make a cross-site write acceptable", async () => {
    const response = await rawRequest(`${server.url}/api/pipelines/quick/runs`, {
      method: "POST",
      headers: {
        cookie: `${cookieName}=${TOKEN}`,
        origin: "http://evil.example",
        "content-type": "text/plain",
      },
      body: "{}",
    });
    expect(response.status).toBe(403);
  });
});

describe.skipIf(outsideAddress === undefined)("a worker bound to a non-loopback address", () => {
  let server: TestWorker;
  let base: string;

  beforeAll(async () => {
    server = await startTestWorker({ host: outsideAddress });
    base = server.url;
  });

  afterAll(async () => {
    await server.stop();
  });

  test("makes up a token and shows it in the dashboard URL", () => {
    expect(server.worker.tokenGenerated).toBe(true);
    expect(server.worker.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(server.worker.dashboardUrl).toBe(`${base}/?token=${server.worker.token}`);
  });

  test("refuses requests without it, answers those with it (header or cookie)", async () => {
    expect((await rawRequest(`${base}/api/pipelines`)).status).toBe(401);
    const authorization = `Bearer ${server.worker.token}`;
    expect((await rawRequest(`${base}/api/pipelines`, { headers: { authorization } })).status).toBe(
      200,
    );
    const exchange = await rawRequest(server.worker.dashboardUrl);
    expect(exchange.status).toBe(303);
    const cookie = (exchange.headers["set-cookie"]?.[0] ?? "").split(";")[0] ?? "";
    expect((await rawRequest(`${base}/api/pipelines`, { headers: { cookie } })).status).toBe(200);
  });

  test("answers to its own address as a Host, and to loopback names", async () => {
    const authorization = `Bearer ${server.worker.token}`;
    const port = new URL(base).port;
    for (const host of [`${outsideAddress}:${port}`, `localhost:${port}`]) {
      const response = await rawRequest(`${base}/api/health`, { headers: { authorization, host } });
      expect(response.status).toBe(200);
    }
    const rebound = await rawRequest(`${base}/api/health`, {
      headers: { authorization, host: `evil.example:${port}` },
    });
    expect(rebound.status).toBe(403);
  });
});
