import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test } from "vitest";
import { INTERRUPTED_ERROR, type RunDetail, type RunSummary } from "../src/index";
import {
  phaseNamed,
  readEvents,
  request,
  type StreamedAction,
  startTestWorker,
  type TestWorker,
  tempDir,
} from "./helpers";

const workerRoot = fileURLToPath(new URL("..", import.meta.url));

/** `milo serve` as its own process, so it can be killed the hard way. */
async function spawnServe(dbFile: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      "bin/milo.mjs",
      "serve",
      "--pipelines",
      "test/fixtures/pipelines.ts",
      "--port",
      "0",
      "--db",
      dbFile,
    ],
    { cwd: workerRoot, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } },
  );
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
      if (match) resolve(match[0]);
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("exit", (code) => reject(new Error(`milo serve exited with ${code}: ${output}`)));
  });
  return { child, url };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function actionsOf(url: string, runId: string): Promise<StreamedAction[]> {
  const response = await request<{ actions: StreamedAction[] }>(
    url,
    "GET",
    `/api/runs/${runId}/actions?limit=10000`,
  );
  return response.body.actions;
}

describe("restart safety", () => {
  test("a run cut off by a killed worker is failed as interrupted, its actions kept", async () => {
    const dir = tempDir();
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dbFile = join(dir, "milo.db");

    const first = await spawnServe(dbFile);
    cleanups.push(() => {
      first.child.kill("SIGKILL");
    });
    const done = (await request<RunSummary>(first.url, "POST", "/api/pipelines/quick/runs")).body;
    await readEvents(`${first.url}/api/runs/${done.id}/events`);
    const cut = (await request<RunSummary>(first.url, "POST", "/api/pipelines/holding/runs")).body;
    await readEvents(`${first.url}/api/runs/${cut.id}/events`, {
      stopWhen: (event) => event.data.includes('"line":"holding"'),
    });
    const before = await actionsOf(first.url, cut.id);
    const doneBefore = await actionsOf(first.url, done.id);

    // No shutdown, no chance to record anything more.
    const exited = new Promise((resolve) => first.child.once("exit", resolve));
    first.child.kill("SIGKILL");
    await exited;

    const second: TestWorker = await startTestWorker({ dbFile });
    cleanups.push(() => second.stop());
    const detail = (await request<RunDetail>(second.url, "GET", `/api/runs/${cut.id}`)).body;
    expect(detail.status).toBe("failed");
    expect(detail.error).toBe(INTERRUPTED_ERROR);
    expect(phaseNamed(detail.state, "hold").status).toBe("cancelled");
    expect(phaseNamed(detail.state, "before").status).toBe("completed");

    const after = await actionsOf(second.url, cut.id);
    expect(after.slice(0, -1)).toEqual(before);
    expect(after.at(-1)).toMatchObject({
      seq: before.length + 1,
      type: "@@PIPELINE_FAILED",
      payload: { error: INTERRUPTED_ERROR },
    });
    expect(detail.actionCount).toBe(after.length);

    const stream = await readEvents(`${second.url}/api/runs/${cut.id}/events`);
    expect(stream.actions).toEqual(after);
    expect(stream.end).toEqual({ status: "failed" });

    // A run that had ended is left as it was.
    expect(await actionsOf(second.url, done.id)).toEqual(doneBefore);
    const finished = (await request<RunSummary>(second.url, "GET", `/api/runs/${done.id}`)).body;
    expect(finished.status).toBe("completed");
  });

  test("closing the worker cancels live runs and records it", async () => {
    const server = await startTestWorker();
    const run = (await request<RunSummary>(server.url, "POST", "/api/pipelines/holding/runs")).body;
    await readEvents(`${server.url}/api/runs/${run.id}/events`, {
      stopWhen: (event) => event.data.includes('"line":"holding"'),
    });
    let connected: () => void = () => {};
    const isConnected = new Promise<void>((resolve) => {
      connected = resolve;
    });
    const watching = readEvents(`${server.url}/api/runs/${run.id}/events`, { onEvent: connected });
    await isConnected;
    await server.worker.close();
    const stream = await watching;
    expect(stream.actions.at(-1)!.type).toBe("@@PIPELINE_CANCELLED");
    expect(stream.end).toEqual({ status: "cancelled" });

    const reopened = await startTestWorker({ dbFile: server.dbFile });
    cleanups.push(async () => {
      await reopened.stop();
      rmSync(server.dir, { recursive: true, force: true });
    });
    const summary = (await request<RunSummary>(reopened.url, "GET", `/api/runs/${run.id}`)).body;
    expect(summary.status).toBe("cancelled");
  });
});
