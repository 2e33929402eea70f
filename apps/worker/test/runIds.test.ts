import { rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createServer, RunDatabase, RunManager, type RunSummary } from "../src/index";
import { createRunId } from "../src/RunManager";
import { quick } from "./fixtures/pipelines";
import { request, tempDir } from "./helpers";

const dir = tempDir();
const db = new RunDatabase(join(dir, "milo.db"));
// An id source that repeats itself: every id after the first is taken.
const manager = new RunManager({ db, pipelines: [quick], createId: () => "always-the-same" });
let url = "";
let app: FastifyInstance;

beforeAll(async () => {
  app = await createServer({ manager, webRoot: null });
  await app.listen({ host: "127.0.0.1", port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await manager.close();
  await app.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("run ids", () => {
  test("are random UUIDs by default", () => {
    const ids = new Set(Array.from({ length: 1000 }, createRunId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
  });

  test("a taken id never turns POST /runs into an error: another one is used", async () => {
    const started: RunSummary[] = [];
    for (let run = 0; run < 3; run++) {
      const response = await request<RunSummary>(url, "POST", "/api/pipelines/quick/runs", {
        body: {},
      });
      expect(response.status).toBe(201);
      started.push(response.body);
    }
    expect(started[0]!.id).toBe("always-the-same");
    expect(new Set(started.map((run) => run.id)).size).toBe(3);
    for (const run of started) {
      const detail = await request<{ id: string }>(url, "GET", `/api/runs/${run.id}`);
      expect(detail.body.id).toBe(run.id);
    }
  });
});
