import { deflateSync } from "node:zlib";
import type { ActionPage, RunStateAt } from "@milo/contract";
import {
  type AnyAction,
  createPipelineReducer,
  INIT,
  Phase,
  Pipeline,
  type PipelineState,
} from "@milo/core";
import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SNAPSHOT_FORMAT, SNAPSHOT_INTERVAL, snapshotInterval } from "../src/index";
import { type FinishedRun, startFinishedRun } from "./finishedRun";
import { request, type TestWorker } from "./helpers";

const PHASES = 300;
const LINES = 12;

/** Enough phases that a state is big: its snapshots come further apart than SNAPSHOT_INTERVAL. */
const wide = new Pipeline(
  "wide-state",
  Array.from(
    { length: PHASES },
    (_, index) =>
      new Phase(`phase-${index}`, {
        parallel: true,
        handler: (ctx) => {
          for (let line = 0; line < LINES; line++) ctx.log(`line ${line}`);
        },
      }),
  ),
);
const interval = snapshotInterval(PHASES);

let run: FinishedRun;
let server: TestWorker;
let db: Database.Database;
let runId: string;
let actions: ActionPage["actions"];

beforeAll(async () => {
  run = await startFinishedRun(wide);
  ({ server, db, runId, actions } = run);
});

afterAll(() => run.stop());

/** The core reducer over the first `seq` recorded actions, as JSON (what the API sends). */
function reducedPrefix(seq: number): PipelineState {
  const reducer = createPipelineReducer(wide.toGraph());
  let state: PipelineState = reducer(undefined, { type: INIT, payload: undefined });
  for (const action of actions.slice(0, seq)) state = reducer(state, action as AnyAction);
  return JSON.parse(JSON.stringify(state)) as PipelineState;
}

function keptSeqs(): number[] {
  return (
    db.prepare("SELECT seq FROM snapshot_history WHERE run_id = ? ORDER BY seq").all(runId) as {
      seq: number;
    }[]
  ).map((row) => row.seq);
}

async function expectExactAt(at: number): Promise<void> {
  const response = await request<RunStateAt>(
    server.url,
    "GET",
    `/api/runs/${runId}/state?at=${at}`,
  );
  expect(response.status).toBe(200);
  expect(response.body.seq).toBe(at);
  expect(response.body.state).toEqual(reducedPrefix(at));
}

describe("a run with a big state", () => {
  test("keeps a state every few actions per phase, a multiple of the least interval", () => {
    expect(interval).toBe(2 * SNAPSHOT_INTERVAL);
    expect(snapshotInterval(10)).toBe(SNAPSHOT_INTERVAL);
    expect(actions.length).toBeGreaterThan(2 * interval);
    const every = Array.from(
      { length: Math.floor(actions.length / interval) },
      (_, index) => (index + 1) * interval,
    );
    expect(keptSeqs()).toEqual(every);
  });

  test("state?at= is the full replay anywhere, between kept states too", async () => {
    for (const at of [1, SNAPSHOT_INTERVAL, interval - 1, interval, interval + 1, 3_500]) {
      await expectExactAt(at);
    }
    await expectExactAt(actions.length);
  });

  test("a run recorded with a state every SNAPSHOT_INTERVAL actions still travels exactly", async () => {
    // As the recorder kept them before the interval grew with the graph.
    db.prepare("DELETE FROM snapshot_history WHERE run_id = ?").run(runId);
    const keep = db.prepare(
      "INSERT INTO snapshot_history (run_id, seq, format, state) VALUES (?, ?, ?, ?)",
    );
    const old = Array.from(
      { length: Math.floor(actions.length / SNAPSHOT_INTERVAL) },
      (_, index) => (index + 1) * SNAPSHOT_INTERVAL,
    );
    for (const seq of old) {
      keep.run(runId, seq, SNAPSHOT_FORMAT, deflateSync(JSON.stringify(reducedPrefix(seq))));
    }
    for (const at of [SNAPSHOT_INTERVAL + 5, 3 * SNAPSHOT_INTERVAL + 1, actions.length - 1]) {
      await expectExactAt(at);
    }
    expect(keptSeqs()).toEqual(old);
  });
});
