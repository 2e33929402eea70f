import { rmSync } from "node:fs";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { Phase, Pipeline, type PipelineGraph } from "@milo/core";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  loadRunState,
  RunDatabase,
  type RunDetail,
  RunManager,
  type RunSummary,
  replayRun,
  SNAPSHOT_INTERVAL,
} from "../src/index";
import { readEvents, request, startTestWorker, type TestWorker, tempDir } from "./helpers";

const LINES = 2_500;
const ODD_NAMES = ["1", "10", "2", "__proto__", "constructor", "🚀"];

let gate: (() => void) | null = null;

/** Logs LINES lines, so a run has thousands of actions (and more than one snapshot interval). */
const loud = new Pipeline(
  "loud",
  new Phase("shout", {
    maxLogLines: 50,
    handler: (ctx) => {
      for (let line = 0; line < LINES; line++) ctx.log(`line ${line}`);
    },
  }),
  new Phase("done", { dependsOn: ["shout"], handler: () => "ok" }),
);

/** Logs past one snapshot interval, then waits for the test to let it finish. */
const paused = new Pipeline(
  "paused",
  new Phase("first", {
    handler: (ctx) => {
      for (let line = 0; line < SNAPSHOT_INTERVAL + 200; line++) ctx.log(`line ${line}`);
    },
  }),
  new Phase("wait", {
    dependsOn: ["first"],
    handler: () =>
      new Promise<void>((resolve) => {
        gate = resolve;
      }),
  }),
);

/** Phase names that a plain object would reorder (integer keys) or mangle (__proto__). */
const odd = new Pipeline(
  "odd",
  ...ODD_NAMES.map((name) => new Phase(name, { parallel: true, handler: () => name })),
);

let server: TestWorker;
let db: Database.Database;

beforeAll(async () => {
  server = await startTestWorker({ pipelines: [loud, paused, odd] });
  // A second connection to the same file, as an operator (or an older version) might have.
  db = new Database(server.dbFile);
});

afterAll(async () => {
  db.close();
  gate?.();
  await server.stop();
});

async function finishedRun(pipeline: string): Promise<RunSummary> {
  const started = await request<RunSummary>(server.url, "POST", `/api/pipelines/${pipeline}/runs`);
  expect(started.status).toBe(201);
  await server.worker.manager.waitForEnd(started.body.id);
  return started.body;
}

async function detailOf(runId: string): Promise<RunDetail> {
  const response = await request<RunDetail>(server.url, "GET", `/api/runs/${runId}`);
  expect(response.status).toBe(200);
  return response.body;
}

/** The state a full replay of the log gives, as JSON (what the API sends). */
function replayedJson(runId: string): unknown {
  return JSON.parse(JSON.stringify(replayRun(server.worker.db, runId)!.state));
}

/** The run's latest snapshot row, its state inflated (or as written, when written as text). */
function snapshotRow(runId: string): { seq: number; state: string } | undefined {
  const row = db.prepare("SELECT seq, state FROM snapshots WHERE run_id = ?").get(runId) as
    | { seq: number; state: Buffer | string }
    | undefined;
  if (row === undefined || typeof row.state === "string")
    return row as typeof row & { state: string };
  return { seq: row.seq, state: inflateSync(row.state).toString("utf8") };
}

describe("a run's detail comes from its snapshot", () => {
  test("a finished run of thousands of actions: the snapshot at its end, equal to a full replay", async () => {
    const run = await finishedRun("loud");
    const detail = await detailOf(run.id);
    expect(detail.status).toBe("completed");
    expect(detail.actionCount).toBeGreaterThan(LINES);
    expect(detail.seq).toBe(detail.actionCount);
    expect(detail.state).toEqual(replayedJson(run.id));
    expect(snapshotRow(run.id)?.seq).toBe(detail.seq);
    const loaded = loadRunState(server.worker.db, run.id)!;
    expect(loaded.fromSnapshot).toBe(true);
    expect(loaded.lastSeq).toBe(detail.seq);
  });

  test("a live run: the latest periodic snapshot plus the actions after it", async () => {
    const started = await request<RunSummary>(server.url, "POST", "/api/pipelines/paused/runs");
    const runId = started.body.id;
    const deadline = Date.now() + 10_000;
    while (gate === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await new Promise((resolve) => setImmediate(resolve));
    const detail = await detailOf(runId);
    expect(detail.status).toBe("running");
    expect(detail.seq).toBe(detail.actionCount);
    expect(detail.seq).toBeGreaterThan(SNAPSHOT_INTERVAL);
    expect(snapshotRow(runId)?.seq).toBe(SNAPSHOT_INTERVAL);
    expect(detail.state).toEqual(replayedJson(runId));
    expect(loadRunState(server.worker.db, runId)!.fromSnapshot).toBe(true);

    // The stream after the detail's seq carries on from exactly there.
    gate!();
    const stream = await readEvents(`${server.url}/api/runs/${runId}/events?after=${detail.seq}`);
    expect(stream.actions[0]!.seq).toBe(detail.seq + 1);
    expect(stream.end).toEqual({ status: "completed" });
  });

  test("a deleted snapshot is rebuilt from the log", async () => {
    const run = await finishedRun("loud");
    const before = await detailOf(run.id);
    db.prepare("DELETE FROM snapshots WHERE run_id = ?").run(run.id);
    expect(loadRunState(server.worker.db, run.id)!.fromSnapshot).toBe(false);
    const after = await detailOf(run.id);
    expect(after).toEqual(before);
    expect(snapshotRow(run.id)?.seq).toBe(before.seq);
    expect(loadRunState(server.worker.db, run.id)!.fromSnapshot).toBe(true);
  });

  test.each([
    ["not JSON", '{"name": "loud", "status": '],
    ["the older shape (phases by name)", '{"name":"loud","status":"completed","phases":{}}'],
    ["another graph's phases", null],
  ])("a snapshot that is %s is ignored and rebuilt", async (_what, corrupt) => {
    const run = await finishedRun("loud");
    const replayed = replayedJson(run.id);
    const wrongGraph =
      corrupt ??
      JSON.stringify({
        ...(replayed as Record<string, unknown>),
        phases: (replayed as { phases: unknown[] }).phases.slice(1),
      });
    db.prepare("UPDATE snapshots SET state = ? WHERE run_id = ?").run(wrongGraph, run.id);
    const detail = await detailOf(run.id);
    expect(detail.state).toEqual(replayed);
    expect(detail.seq).toBe(detail.actionCount);
    expect(JSON.parse(snapshotRow(run.id)!.state)).toEqual(replayed);
  });

  test("a snapshot written as JSON text, as older versions did, is still read", async () => {
    const run = await finishedRun("loud");
    const replayed = replayedJson(run.id);
    db.prepare("UPDATE snapshots SET state = ? WHERE run_id = ?").run(
      JSON.stringify(replayed),
      run.id,
    );
    expect(loadRunState(server.worker.db, run.id)!.fromSnapshot).toBe(true);
    expect((await detailOf(run.id)).state).toEqual(replayed);
  });

  test("a snapshot from a database of another format is ignored", async () => {
    const run = await finishedRun("loud");
    db.prepare("UPDATE snapshots SET format = format + 1, seq = 3 WHERE run_id = ?").run(run.id);
    const detail = await detailOf(run.id);
    expect(detail.state).toEqual(replayedJson(run.id));
    expect(snapshotRow(run.id)?.seq).toBe(detail.seq);
  });
});

describe("a database written before snapshots existed", () => {
  test("gets the table at start, and each run's snapshot the first time it is opened", async () => {
    const dir = tempDir();
    const file = join(dir, "old.db");
    const first = new RunManager({ db: new RunDatabase(file), pipelines: [loud] });
    const { id } = first.startRun("loud");
    await first.waitForEnd(id);
    first.db.close();
    const old = new Database(file);
    old.exec("DROP TABLE snapshots");
    old.close();

    const db = new RunDatabase(file);
    const manager = new RunManager({ db, pipelines: [loud] });
    expect(db.latestSnapshot(id)).toBeUndefined();
    const detail = manager.runDetail(id)!;
    expect(detail.seq).toBe(detail.actionCount);
    expect(JSON.parse(JSON.stringify(detail.state))).toEqual(
      JSON.parse(JSON.stringify(replayRun(db, id)!.state)),
    );
    expect(db.latestSnapshot(id)?.seq).toBe(detail.seq);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("phase names keep their declaration order", () => {
  test("through the graph, the run detail's state and the event stream", async () => {
    const run = await finishedRun("odd");
    const graph = await request<PipelineGraph>(server.url, "GET", "/api/pipelines/odd");
    expect(graph.body.phases.map((phase) => phase.name)).toEqual(ODD_NAMES);

    const detail = await detailOf(run.id);
    expect(detail.graph.phases.map((phase) => phase.name)).toEqual(ODD_NAMES);
    expect(detail.state.phases.map((phase) => phase.name)).toEqual(ODD_NAMES);
    expect(detail.state.phases.every((phase) => phase.status === "completed")).toBe(true);

    // Rebuilt from the snapshot too, after a deleted one is rebuilt from the log.
    db.prepare("DELETE FROM snapshots WHERE run_id = ?").run(run.id);
    expect((await detailOf(run.id)).state).toEqual(detail.state);

    const stream = await readEvents(`${server.url}/api/runs/${run.id}/events`);
    const started = stream.actions
      .filter((action) => action.type === "@@PHASE_START")
      .map((action) => action.payload.name);
    expect([...started].sort()).toEqual([...ODD_NAMES].sort());
    expect(stream.actions.some((action) => action.payload.name === "__proto__")).toBe(true);
  });
});
