import { inflateSync } from "node:zlib";
import { type ActionPage, type ErrorBody, type RunStateAt, runStateAtSchema } from "@milo/contract";
import {
  type AnyAction,
  createPipelineReducer,
  INIT,
  Phase,
  Pipeline,
  type PipelineGraph,
  type PipelineState,
} from "@milo/core";
import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SNAPSHOT_INTERVAL } from "../src/index";
import { type FinishedRun, startFinishedRun } from "./finishedRun";
import { request, type TestWorker } from "./helpers";

const LINES = 2_600;

/** Two phases side by side, one logging past two snapshot intervals, then one after both. */
const loud = new Pipeline(
  "loud",
  new Phase("shout", {
    parallel: true,
    maxLogLines: 30,
    handler: (ctx) => {
      for (let line = 0; line < LINES; line++) ctx.log(`line ${line}`);
    },
  }),
  new Phase("quiet", { parallel: true, handler: () => "ok" }),
  new Phase("done", { dependsOn: ["shout", "quiet"], handler: () => "ok" }),
);

let run: FinishedRun;
let server: TestWorker;
let db: Database.Database;
let runId: string;
let actions: ActionPage["actions"];

beforeAll(async () => {
  run = await startFinishedRun(loud);
  ({ server, db, runId, actions } = run);
});

afterAll(() => run.stop());

/** The core reducer over the first `seq` recorded actions, as JSON (what the API sends). */
function reducedPrefix(graph: PipelineGraph, seq: number): unknown {
  const reducer = createPipelineReducer(graph);
  let state: PipelineState = reducer(undefined, { type: INIT, payload: undefined });
  for (const action of actions.slice(0, seq)) state = reducer(state, action as AnyAction);
  return JSON.parse(JSON.stringify(state));
}

async function stateAt(at: number | string) {
  return request<RunStateAt & ErrorBody>(server.url, "GET", `/api/runs/${runId}/state?at=${at}`);
}

function keptSeqs(): number[] {
  return (
    db.prepare("SELECT seq FROM snapshot_history WHERE run_id = ? ORDER BY seq").all(runId) as {
      seq: number;
    }[]
  ).map((row) => row.seq);
}

describe("GET /api/runs/:id/state?at=", () => {
  test("is the core reducer over the actions up to that seq, with its time", async () => {
    const lastSeq = actions.length;
    expect(lastSeq).toBeGreaterThan(2 * SNAPSHOT_INTERVAL);
    const graph = loud.toGraph();
    for (const at of [
      0,
      1,
      2,
      SNAPSHOT_INTERVAL - 1,
      SNAPSHOT_INTERVAL,
      1_500,
      lastSeq - 1,
      lastSeq,
    ]) {
      const response = await stateAt(at);
      expect(response.status).toBe(200);
      expect(runStateAtSchema.safeParse(response.body).success).toBe(true);
      expect(response.body.seq).toBe(at);
      expect(response.body.lastSeq).toBe(lastSeq);
      expect(response.body.at).toBe(at === 0 ? null : actions[at - 1]!.payload.at);
      expect(response.body.state).toEqual(reducedPrefix(graph, at));
    }
  });

  test("keeps the state at every snapshot interval of a recorded run", () => {
    const every = Array.from(
      { length: Math.floor(actions.length / SNAPSHOT_INTERVAL) },
      (_, index) => (index + 1) * SNAPSHOT_INTERVAL,
    );
    expect(keptSeqs()).toEqual(every);
  });

  test("a run recorded without them is replayed once, keeping them on the way", async () => {
    db.prepare("DELETE FROM snapshot_history WHERE run_id = ?").run(runId);
    const at = 2 * SNAPSHOT_INTERVAL + 7;
    const response = await stateAt(at);
    expect(response.status).toBe(200);
    expect(response.body.state).toEqual(reducedPrefix(loud.toGraph(), at));
    expect(keptSeqs()).toEqual([SNAPSHOT_INTERVAL, 2 * SNAPSHOT_INTERVAL]);
  });

  test("a kept state that does not fit the run is passed over", async () => {
    db.prepare("UPDATE snapshot_history SET state = ? WHERE run_id = ? AND seq = ?").run(
      Buffer.from("not deflated"),
      runId,
      2 * SNAPSHOT_INTERVAL,
    );
    const at = 2 * SNAPSHOT_INTERVAL + 3;
    const response = await stateAt(at);
    expect(response.status).toBe(200);
    expect(response.body.state).toEqual(reducedPrefix(loud.toGraph(), at));
    // Replayed from the one before it, and kept again readable.
    const again = db
      .prepare("SELECT state FROM snapshot_history WHERE run_id = ? AND seq = ?")
      .get(runId, 2 * SNAPSHOT_INTERVAL) as { state: Buffer };
    expect(JSON.parse(inflateSync(again.state).toString("utf8"))).toEqual(
      reducedPrefix(loud.toGraph(), 2 * SNAPSHOT_INTERVAL),
    );
  });

  test.each([
    ["abc", "at must be a whole number from 0"],
    ["-1", "at must be a whole number from 0"],
    ["1.5", "at must be a whole number from 0"],
    ["", "at must be given once, as a whole number"],
  ])("at=%s is a 400 saying what at must be", async (at, message) => {
    const response = await stateAt(at);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("INVALID_QUERY");
    expect(response.body.error.message).toContain(message);
  });

  test("an at after the run's last action is a 400 giving the range", async () => {
    const lastSeq = actions.length;
    const response = await stateAt(lastSeq + 1);
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({
      code: "INVALID_QUERY",
      message: `at=${lastSeq + 1} is after the run's last action: pass a seq from 0 (before the first action) to ${lastSeq}.`,
    });
  });

  test("an unknown run is a 404", async () => {
    const response = await request<ErrorBody>(server.url, "GET", "/api/runs/nope/state?at=0");
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("RUN_NOT_FOUND");
  });
});
