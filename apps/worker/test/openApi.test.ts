import {
  actionPageSchema,
  type ContractSchema,
  errorBodySchema,
  fleetStatusSchema,
  healthSchema,
  logPageSchema,
  pipelineGraphSchema,
  pipelineListSchema,
  type RunSummary,
  runDetailSchema,
  runPageSchema,
  runSummarySchema,
} from "@milo/contract";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { request, startTestWorker, type TestWorker } from "./helpers";

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown> };
}

let server: TestWorker;

beforeAll(async () => {
  server = await startTestWorker();
});

afterAll(async () => {
  await server.stop();
});

/**
 * Every method and path the server routes, read from Fastify's own route tree
 * (`printRoutes`), in OpenAPI's spelling: `/api/runs/{id}`.
 */
function serverRoutes(): { method: string; path: string }[] {
  const tree = server.worker.app.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes: { method: string; path: string }[] = [];
  for (const line of tree.split("\n")) {
    const match = /^(.*?)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    stack.push(match[2]!);
    const path = stack.join("").replace(/:(\w+)/g, "{$1}");
    for (const method of (match[3] ?? "").split(", ")) {
      if (method !== "" && method !== "HEAD") routes.push({ method, path });
    }
  }
  return routes;
}

describe("GET /api/openapi.json", () => {
  test("is an OpenAPI 3.1 document describing every route the server answers", async () => {
    const response = await request<OpenApiDocument>(server.url, "GET", "/api/openapi.json");
    expect(response.status).toBe(200);
    expect(response.contentType).toMatch(/application\/json/);
    const document = response.body;
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.components.schemas).length).toBeGreaterThan(5);

    const routes = serverRoutes().filter((route) => route.path.startsWith("/api/"));
    expect(routes.length).toBeGreaterThanOrEqual(10);
    for (const route of routes) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path} is not in the document`).toBeDefined();
    }
    // And nothing is described that the server does not answer.
    const described = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(described.sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
  });

  test("every $ref in it resolves to one of its components", async () => {
    const response = await request<OpenApiDocument>(server.url, "GET", "/api/openapi.json");
    const text = JSON.stringify(response.body);
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (match) => match[1]!,
    );
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(response.body.components.schemas[ref], ref).toBeDefined();
  });
});

describe("the server's answers fit the contract", () => {
  async function fits(path: string, schema: ContractSchema<unknown>, method = "GET") {
    const response = await request(server.url, method, path, method === "POST" ? { body: {} } : {});
    const checked = schema.safeParse(response.body);
    expect(checked.success, `${method} ${path}: ${JSON.stringify(checked.error?.issues)}`).toBe(
      true,
    );
    return response.body;
  }

  test("every JSON route, on success and on error", async () => {
    await fits("/api/health", healthSchema);
    await fits("/api/agents", fleetStatusSchema);
    await fits("/api/pipelines", pipelineListSchema);
    await fits("/api/pipelines/chatty", pipelineGraphSchema);
    const run = (await fits("/api/pipelines/chatty/runs", runSummarySchema, "POST")) as RunSummary;
    await server.worker.manager.waitForEnd(run.id);
    await fits("/api/runs", runPageSchema);
    await fits(`/api/runs/${run.id}`, runDetailSchema);
    await fits(`/api/runs/${run.id}/actions`, actionPageSchema);
    await fits(`/api/runs/${run.id}/logs?phase=talk`, logPageSchema);
    await fits("/api/runs/nope", errorBodySchema);
    await fits(`/api/runs/${run.id}/cancel`, errorBodySchema, "POST");
  });
});
