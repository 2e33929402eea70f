import {
  action,
  createPipelineReducer,
  INIT,
  PHASE_COMPLETE,
  PHASE_FAILED,
  PHASE_LOG,
  PHASE_RETRY,
  PHASE_START,
  PIPELINE_COMPLETE,
  PIPELINE_START,
  type PipelineState,
} from "@milo/core";
import picocolors from "picocolors";
import { describe, expect, test } from "vitest";
import { describeAction } from "../src/terminal/describeAction";
import { renderRunView, renderSummary } from "../src/terminal/renderRun";
import { broken, quick } from "./fixtures/pipelines";

const plain = picocolors.createColors(false);
const reducer = createPipelineReducer(broken.toGraph());

function stateAfter(actions: readonly ReturnType<typeof action>[]): PipelineState {
  return actions.reduce(reducer, reducer(undefined, { type: INIT, payload: undefined }));
}

const started = [
  action(PIPELINE_START, { at: 1000 }),
  action(PHASE_START, { name: "setup", attempt: 1, at: 1000 }),
  action(PHASE_COMPLETE, { name: "setup", at: 1250 }),
  action(PHASE_START, { name: "explode", attempt: 1, at: 1250 }),
  action(PHASE_RETRY, { name: "explode", attempt: 1, error: "timeout", delayMs: 100, at: 1300 }),
  action(PHASE_START, { name: "explode", attempt: 2, at: 1400 }),
  action(PHASE_LOG, { name: "explode", line: "writing report.csv", stream: "stdout", at: 1450 }),
];

describe("the live view", () => {
  test("a header with progress, then a line per phase with icon, attempt and time", () => {
    const view = renderRunView(stateAfter(started), 2000, {
      colors: plain,
      columns: 100,
      rows: 30,
    });
    const lines = view.split("\n");
    expect(lines[0]).toMatch(/broken {2}running {2}[█░]+ {2}33% {2}1\.0s/);
    expect(lines[1]).toMatch(/✓ setup +#1 +250ms/);
    expect(lines[2]).toMatch(/● explode +#2 +600ms +writing report\.csv/);
    expect(lines[3]).toMatch(/○ after/);
    expect(lines).toHaveLength(4);
  });

  test("keeps to the terminal's height, showing active phases first", () => {
    const quickReducer = createPipelineReducer(quick.toGraph());
    const state = [
      action(PIPELINE_START, { at: 1000 }),
      action(PHASE_START, { name: "fetch", attempt: 1, at: 1000 }),
      action(PHASE_COMPLETE, { name: "fetch", at: 1100 }),
      action(PHASE_START, { name: "right", attempt: 1, at: 1100 }),
    ].reduce(quickReducer, quickReducer(undefined, { type: INIT, payload: undefined }));
    const lines = renderRunView(state, 2000, { colors: plain, columns: 100, rows: 5 }).split("\n");
    expect(lines).toHaveLength(4);
    // The running and the latest phases, in pipeline order.
    expect(lines[1]).toContain("✓ fetch");
    expect(lines[2]).toContain("● right");
    expect(lines[3]).toContain("… 2 more phases (1 completed, 1 running, 2 pending)");
  });
});

describe("plain lines and the summary", () => {
  test("one line per transition, none for log lines", () => {
    const lines = started.map((dispatched, index) =>
      describeAction(dispatched, stateAfter(started.slice(0, index + 1))),
    );
    expect(lines).toEqual([
      "[+0ms]    pipeline broken started (3 phases)",
      "[+0ms]    ▶ setup started",
      "[+250ms]  ✓ setup completed in 250ms",
      "[+250ms]  ▶ explode started",
      "[+300ms]  ↻ explode attempt 1 failed: timeout; retrying in 100ms",
      "[+400ms]  ▶ explode started (attempt 2)",
      null,
    ]);
  });

  test("the summary lists the failed phases' errors", () => {
    const ended = stateAfter([
      ...started,
      action(PHASE_FAILED, { name: "explode", error: "disk full", at: 1500 }),
      action(PIPELINE_COMPLETE, { at: 1500 }),
    ]);
    const summary = renderSummary(ended, plain);
    expect(summary).toContain("✗ explode: disk full");
    expect(summary).toContain(
      'Pipeline broken failed in 500ms (1 completed, 1 pending, 1 failed): Phase "explode" failed: disk full',
    );
  });
});
