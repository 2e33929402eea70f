import type { AnyAction, PipelineState } from "@milo/core";
import { createLogUpdate } from "log-update";
import picocolors from "picocolors";
import { describeAction } from "./terminal/describeAction";
import { renderRunView, renderSummary } from "./terminal/renderRun";

/** Shows one run in the terminal as its actions arrive. */
export interface RunView {
  onAction(dispatched: AnyAction, state: PipelineState): void;
  /** Called once with the final state; prints what the run came to. */
  finish(state: PipelineState): void;
}

export type RunViewMode = "live" | "plain" | "json";

const FRAME_MS = 100;

/** `live` redraws in place (a TTY), `plain` prints a line per transition, `json` one per action. */
export function createRunView(
  mode: RunViewMode,
  stdout: NodeJS.WriteStream,
  now: () => number = Date.now,
): RunView {
  if (mode === "json") return jsonView(stdout);
  if (mode === "plain") return plainView(stdout);
  return liveView(stdout, now);
}

function jsonView(stdout: NodeJS.WriteStream): RunView {
  let seq = 0;
  return {
    onAction(dispatched) {
      seq += 1;
      stdout.write(
        `${JSON.stringify({ seq, type: dispatched.type, payload: dispatched.payload })}\n`,
      );
    },
    finish() {},
  };
}

function plainView(stdout: NodeJS.WriteStream): RunView {
  const colors = picocolors.createColors(false);
  return {
    onAction(dispatched, state) {
      const line = describeAction(dispatched, state);
      if (line !== null) stdout.write(`${line}\n`);
    },
    finish(state) {
      stdout.write(`${renderSummary(state, colors)}\n`);
    },
  };
}

function liveView(stdout: NodeJS.WriteStream, now: () => number): RunView {
  const colors = picocolors.createColors(true);
  const logUpdate = createLogUpdate(stdout);
  let latest: PipelineState | null = null;
  const render = () => {
    if (latest === null) return;
    logUpdate(
      renderRunView(latest, now(), {
        colors,
        columns: stdout.columns || 80,
        rows: stdout.rows || 24,
      }),
    );
  };
  // Redraw on a timer rather than per action: a wide run dispatches thousands of actions.
  const timer = setInterval(render, FRAME_MS);
  return {
    onAction(_dispatched, state) {
      latest = state;
    },
    finish(state) {
      clearInterval(timer);
      latest = state;
      render();
      logUpdate.done();
      stdout.write(`${renderSummary(state, colors)}\n`);
    },
  };
}
