// @vitest-environment node
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { healthSchema, runSummarySchema } from "@milo/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "../ApiError";
import { requestJson } from "../requestJson";

let server: Server;
let baseUrl = "";
const received: { method: string; url: string; contentType: string; body: string }[] = [];

beforeAll(async () => {
  // A real HTTP server answering the way the worker does (and the ways a proxy might not).
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      received.push({
        method: request.method ?? "",
        url: request.url ?? "",
        contentType: request.headers["content-type"] ?? "",
        body,
      });
      if (request.url === "/api/pipelines/nope") {
        response.writeHead(404, { "content-type": "application/json" });
        response.end(
          JSON.stringify({
            error: { code: "PIPELINE_NOT_FOUND", message: 'No pipeline "nope". Known: site' },
          }),
        );
      } else if (request.url === "/api/broken") {
        response.writeHead(500, { "content-type": "text/html" });
        response.end("<html>Internal error</html>");
      } else if (request.url === "/api/proxied") {
        response.writeHead(502, { "content-type": "text/plain" });
        response.end();
      } else if (request.url === "/api/old-shape") {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ ok: "yes", version: 1 }));
      } else {
        response.writeHead(201, { "content-type": "application/json" });
        response.end(JSON.stringify({ ok: true, version: "0.1.0" }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("requestJson", () => {
  it("returns the JSON body and sends JSON bodies as JSON", async () => {
    const result = await requestJson("/api/pipelines/site/runs", healthSchema, {
      method: "POST",
      body: { concurrency: 2 },
      baseUrl,
    });
    expect(result).toEqual({ ok: true, version: "0.1.0" });
    expect(received.at(-1)).toEqual({
      method: "POST",
      url: "/api/pipelines/site/runs",
      contentType: "application/json",
      body: '{"concurrency":2}',
    });
  });

  it("turns the worker's error body into an ApiError with its code and message", async () => {
    const error = await requestJson("/api/pipelines/nope", healthSchema, { baseUrl }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: "PIPELINE_NOT_FOUND",
      status: 404,
      message: 'No pipeline "nope". Known: site',
      isNotFound: true,
    });
  });

  it("refuses an answer that does not fit the contract, saying what does not fit", async () => {
    const error = await requestJson("/api/old-shape", healthSchema, { baseUrl }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "BAD_RESPONSE", status: 200 });
    expect((error as Error).message).toMatch(/ok: .*; version: /);
    const summary = await requestJson("/api/old-shape", runSummarySchema, { baseUrl }).catch(
      (e: unknown) => e,
    );
    expect((summary as Error).message).toMatch(/id: /);
  });

  it("says what came back when the answer is not JSON", async () => {
    const error = await requestJson("/api/broken", healthSchema, { baseUrl }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "BAD_RESPONSE", status: 500 });
    expect((error as Error).message).toContain("Internal error");
  });

  it("treats a proxy's bad-gateway answer as the worker being unreachable", async () => {
    const error = await requestJson("/api/proxied", healthSchema, { baseUrl }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "NETWORK", status: 502, isNetwork: true });
  });

  it("reports an unreachable worker as a network error with a hint", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await requestJson("/api/health", healthSchema, {
      baseUrl: `http://127.0.0.1:${port}`,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "NETWORK", status: 0, isNetwork: true });
    expect((error as Error).message).toMatch(/Cannot reach the Milo worker/);
  });
});
