import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  action,
  clockTime,
  createPipelineReducer,
  INIT,
  PHASE_COMPLETE,
  PHASE_START,
  PIPELINE_START,
  type PipelineState,
} from "@milo/core";
import picocolors from "picocolors";
import { afterAll, describe, expect, test, vi } from "vitest";
import { RunDatabase } from "../src/index";
import { historyDurations } from "../src/terminal/historyDurations";
import { renderRunView } from "../src/terminal/renderRun";
import { runEta } from "../src/terminal/runEta";
import { createRunView } from "../src/terminalView";
import { quick } from "./fixtures/pipelines";
import { runMilo, tempDir } from "./helpers";

const plain = picocolors.createColors(false);
const graph = quick.toGraph();
const reducer = createPipelineReducer(graph);
/** Earlier runs' medians: fetch 1 s, left 60 s, right 30 s, join 20 s. */
const durations = { fetch: 1000, left: 60_000, right: 30_000, join: 20_000 };

function stateAfter(actions: readonly ReturnType<typeof action>[]): PipelineState {
  return actions.reduce(reducer, reducer(undefined, { type: INIT, payload: undefined }));
}

const fetched = [
  action(PIPELINE_START, { at: 1000 }),
  action(PHASE_START, { name: "fetch", attempt: 1, at: 1000 }),
  action(PHASE_COMPLETE, { name: "fetch", at: 2000 }),
  action(PHASE_START, { name: "left", attempt: 1, at: 2000 }),
  action(PHASE_START, { name: "right", attempt: 1, at: 2000 }),
];

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("the terminal's estimate of a run's end", () => {
  test("the live header says when the run ends, from earlier runs' durations", () => {
    // 10 s into `left` (60 s) beside `right` (30 s): 50 s of left, then 20 s of join.
    const state = stateAfter(fetched);
    const eta = runEta({ graph, durations }, state, 12_000);
    expect(eta).toBe(`ends in ~1 m 10 s (${clockTime(82_000)})`);
    const header = renderRunView(state, 12_000, {
      colors: plain,
      columns: 120,
      rows: 30,
      eta,
    }).split("\n")[0]!;
    expect(header).toMatch(/quick {2}running .* 11\.0s {2}ends in ~1 m 10 s \(\d\d:\d\d\)$/);
  });

  test("it follows the concurrency limit, and is gone once the run ends", () => {
    const state = stateAfter(fetched.slice(0, 4));
    // One at a time: the rest of left (60 s), then right (30 s), then join (20 s).
    expect(runEta({ graph, durations, concurrency: 1 }, state, 2000)).toBe(
      `ends in ~1 m 50 s (${clockTime(112_000)})`,
    );
    expect(runEta({ graph, durations }, stateAfter([]), 2000)).toBeNull();
  });

  test("says nothing while it has nothing to go on, then guesses by weight", () => {
    // No history and no phase done: every phase would be guessed to take no time.
    expect(runEta({ graph, durations: {} }, stateAfter(fetched.slice(0, 2)), 1500)).toBeNull();
    // fetch took 1 s for weight 1: left (weight 2) 2 s beside right 1 s, then join 1 s.
    expect(runEta({ graph, durations: {} }, stateAfter(fetched), 2000)).toBe(
      `ends in ~3 s (${clockTime(5000)})`,
    );
  });

  test("plain output adds the new expected end to each phase's end, as of that moment", () => {
    const written: string[] = [];
    const stdout = { write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
    const view = createRunView("plain", stdout, () => 0, { graph, durations });
    fetched.forEach((dispatched, index) => {
      view.onAction(dispatched, stateAfter(fetched.slice(0, index + 1)));
    });
    expect(written[2]).toBe(
      `[+1.0s]   ✓ fetch completed in 1.0s · ends in ~1 m 20 s (${clockTime(82_000)})\n`,
    );
    expect(written.filter((line) => line.includes("ends in"))).toHaveLength(1);
  });
});

describe("the live view", () => {
  test("redraws with the expected end, estimated once a second", () => {
    vi.useFakeTimers();
    try {
      let clock = 12_000;
      const written: string[] = [];
      const stdout = {
        columns: 120,
        rows: 30,
        write: (text: string) => written.push(text),
      } as unknown as NodeJS.WriteStream;
      const view = createRunView("live", stdout, () => clock, { graph, durations });
      view.onAction(fetched.at(-1)!, stateAfter(fetched));
      vi.advanceTimersByTime(100);
      expect(written.join("")).toContain(`ends in ~1 m 10 s (${clockTime(82_000)})`);
      // 0.9 s on, the frame keeps the estimate (69.1 s left would read ~1 m 9 s); a second on,
      // it is estimated again.
      clock = 12_900;
      written.length = 0;
      vi.advanceTimersByTime(100);
      expect(written.join("")).toContain("ends in ~1 m 10 s");
      clock = 13_000;
      vi.advanceTimersByTime(100);
      expect(written.join("")).toContain(`ends in ~1 m 9 s (${clockTime(82_000)})`);
      view.finish(stateAfter(fetched));
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("durations from the history of `milo serve`", () => {
  /** A database with two recorded runs of `quick`: left took 40 s and 60 s, right 30 s, join 20 s. */
  function historyFile(): string {
    const dir = tempDir();
    dirs.push(dir);
    const file = join(dir, ".milo", "milo.db");
    mkdirSync(join(dir, ".milo"));
    const db = new RunDatabase(file);
    [40_000, 60_000].forEach((leftMs, index) => {
      const runId = `run-${index}`;
      db.createRun({
        id: runId,
        pipeline: "quick",
        graph,
        options: { concurrency: null, failFast: false },
        createdAt: 0,
      });
      const actions = [
        action(PIPELINE_START, { at: 0 }),
        action(PHASE_START, { name: "fetch", attempt: 1, at: 0 }),
        action(PHASE_COMPLETE, { name: "fetch", at: 1000 }),
        action(PHASE_START, { name: "left", attempt: 1, at: 1000 }),
        action(PHASE_START, { name: "right", attempt: 1, at: 1000 }),
        action(PHASE_COMPLETE, { name: "right", at: 31_000 }),
        action(PHASE_COMPLETE, { name: "left", at: 1000 + leftMs }),
        action(PHASE_START, { name: "join", attempt: 1, at: 1000 + leftMs }),
        action(PHASE_COMPLETE, { name: "join", at: 21_000 + leftMs }),
      ];
      db.appendActions(
        actions.map((recorded, seq) => ({
          runId,
          action: { seq: seq + 1, type: recorded.type, payload: recorded.payload },
          payloadJson: JSON.stringify(recorded.payload),
          progress: {
            status: "running",
            progress: 0,
            startedAt: 0,
            endedAt: null,
            elapsed: 0,
            error: null,
          },
        })),
      );
    });
    db.close();
    return dir;
  }

  test("each phase's median over the pipeline's last runs, read without writing", async () => {
    const dir = historyFile();
    expect(await historyDurations(join(dir, ".milo", "milo.db"), "quick")).toEqual({
      fetch: 1000,
      left: 50_000,
      right: 30_000,
      join: 20_000,
    });
    expect(await historyDurations(join(dir, ".milo", "milo.db"), "other")).toEqual({});
  });

  test("no file, or a file that is not a history, is no history", async () => {
    const dir = tempDir();
    dirs.push(dir);
    expect(await historyDurations(join(dir, "missing.db"), "quick")).toEqual({});
    writeFileSync(join(dir, "junk.db"), "not a database");
    expect(await historyDurations(join(dir, "junk.db"), "quick")).toEqual({});
  });

  test("`milo run` in a folder with a history estimates from it", async () => {
    const dir = historyFile();
    const fixtures = join(import.meta.dirname, "fixtures", "pipelines.ts");
    const outcome = await runMilo(["run", fixtures, "--pipeline", "quick", "--in-process"], {
      cwd: dir,
    });
    expect(outcome.code).toBe(0);
    // Once fetch is done: left's median (50 s) beside right's (30 s), then join's (20 s).
    expect(outcome.stdout).toMatch(/✓ fetch completed in \d+ms · ends in ~1 m 10 s \(\d\d:\d\d\)/);
    const json = await runMilo(["run", fixtures, "--pipeline", "quick", "--json"], { cwd: dir });
    expect(json.stdout).not.toContain("ends");
  }, 30_000);
});
