import { rmSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Phase, Pipeline } from "@milo/core";
import Database from "better-sqlite3";
import { afterEach, expect, test } from "vitest";
import { type GroupCommitStats, RunDatabase, RunManager, type RunObserver } from "../src/index";
import { tempDir } from "./helpers";

const LINES = 5_000;

/** One phase that logs in a loop without yielding, beside 50 that return soon. */
const busy = new Pipeline(
  "busy",
  new Phase("chatty", {
    parallel: true,
    handler: async (ctx) => {
      // After the test has started observing the run.
      await sleep(20);
      for (let line = 0; line < LINES; line++) ctx.log(`line ${line}`);
    },
  }),
  ...Array.from(
    { length: 50 },
    (_, index) => new Phase(`quick-${index}`, { parallel: true, handler: () => sleep(20, index) }),
  ),
);

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function managerOn(commits: GroupCommitStats[]) {
  const dir = tempDir();
  dirs.push(dir);
  const file = join(dir, "milo.db");
  const db = new RunDatabase(file);
  const manager = new RunManager({
    db,
    pipelines: [busy],
    onCommit: (commit) => commits.push(commit),
  });
  return { db, file, manager };
}

test("every action is written in a group commit, each of at most 2,000, before any viewer sees it", async () => {
  const commits: GroupCommitStats[] = [];
  const { db, file, manager } = managerOn(commits);
  const seen: number[] = [];
  let unwritten = 0;
  const reader = new Database(file, { readonly: true });
  const count = reader.prepare("SELECT count(*) AS n FROM actions WHERE run_id = ? AND seq = ?");
  let runId = "";
  const observer: RunObserver = {
    action(seq) {
      seen.push(seq);
      if ((count.get(runId, seq) as { n: number }).n !== 1) unwritten += 1;
    },
    ended() {},
  };
  const runs = [manager.startRun("busy"), manager.startRun("busy")];
  runId = runs[1]!.id;
  manager.observe(runId, observer);
  const ended = await Promise.all(runs.map((run) => manager.waitForEnd(run.id)));
  reader.close();

  expect(ended.map((summary) => summary?.status)).toEqual(["completed", "completed"]);
  const total = ended.reduce((sum, summary) => sum + summary!.actionCount, 0);
  expect(commits.reduce((sum, commit) => sum + commit.actions, 0)).toBe(total);
  expect(Math.max(...commits.map((commit) => commit.actions))).toBeLessThanOrEqual(2_000);
  // A loop of 5,000 lines is committed as it goes, not in one commit per action.
  expect(commits.length).toBeLessThan(total / 100);
  expect(commits.every((commit) => commit.writeMs >= 0 && commit.cpuMs >= 0)).toBe(true);
  expect(unwritten).toBe(0);
  expect(seen.length).toBeGreaterThan(0);
  expect(seen).toEqual(seen.map((_, index) => seen[0]! + index));
  db.close();
});

test("a hook that throws goes to onError and the run is still recorded and streamed", async () => {
  const dir = tempDir();
  dirs.push(dir);
  const db = new RunDatabase(join(dir, "milo.db"));
  const errors: unknown[] = [];
  const manager = new RunManager({
    db,
    pipelines: [busy],
    onError: (error) => errors.push(error),
    onCommit: () => {
      throw new Error("hook broke");
    },
  });
  const run = manager.startRun("busy");
  let last = 0;
  manager.observe(run.id, { action: (seq) => (last = seq), ended() {} });
  const summary = await manager.waitForEnd(run.id);
  expect(summary?.status).toBe("completed");
  expect(last).toBe(summary?.actionCount);
  expect(errors.length).toBeGreaterThan(0);
  expect(errors.every((error) => (error as Error).message === "hook broke")).toBe(true);
  db.close();
});
