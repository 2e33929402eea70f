import {
  type AnyAction,
  PHASE_COMPLETE,
  PHASE_FAILED,
  PHASE_SKIPPED,
  type PipelineState,
} from "@milo/core";
import { createLogUpdate } from "log-update";
import picocolors from "picocolors";
import { describeAction } from "./terminal/describeAction";
import { renderRunView, renderSummary } from "./terminal/renderRun";
import { type EtaSource, runEta } from "./terminal/runEta";

/** Shows one run in the terminal as its actions arrive. */
export interface RunView {
  onAction(dispatched: AnyAction, state: PipelineState): void;
  /** Called once with the final state; prints what the run came to. */
  finish(state: PipelineState): void;
}

export type RunViewMode = "live" | "plain" | "json";

const FRAME_MS = 100;
const ETA_MS = 1000;

/**
 * `live` redraws in place (a TTY), `plain` prints a line per transition, `json` one per action.
 * Given `eta`, live and plain say when the run is expected to end (json stays actions only).
 */
export function createRunView(
  mode: RunViewMode,
  stdout: NodeJS.WriteStream,
  now: () => number = Date.now,
  eta?: EtaSource,
): RunView {
  if (mode === "json") return jsonView(stdout);
  if (mode === "plain") return plainView(stdout, eta);
  return liveView(stdout, now, eta);
}

/** The transitions after which plain output says the new expected end. */
const PHASE_ENDS: ReadonlySet<string> = new Set([PHASE_COMPLETE, PHASE_FAILED, PHASE_SKIPPED]);

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

function plainView(stdout: NodeJS.WriteStream, eta: EtaSource | undefined): RunView {
  const colors = picocolors.createColors(false);
  return {
    onAction(dispatched, state) {
      const line = describeAction(dispatched, state);
      if (line === null) return;
      // Estimated as of the action's own time, so the same run always prints the same lines.
      const at = (dispatched.payload as { at?: unknown }).at;
      const ends =
        eta !== undefined && PHASE_ENDS.has(dispatched.type) && typeof at === "number"
          ? runEta(eta, state, at)
          : null;
      stdout.write(ends === null ? `${line}\n` : `${line} · ${ends}\n`);
    },
    finish(state) {
      stdout.write(`${renderSummary(state, colors)}\n`);
    },
  };
}

function liveView(
  stdout: NodeJS.WriteStream,
  now: () => number,
  eta: EtaSource | undefined,
): RunView {
  const colors = picocolors.createColors(true);
  const logUpdate = createLogUpdate(stdout);
  let latest: PipelineState | null = null;
  // Estimated once a second (and when the run's status changes), not every frame: on a big
  // pipeline an estimate takes milliseconds.
  let estimated: { at: number; status: string; text: string | null } | null = null;
  const etaAt = (state: PipelineState, time: number) => {
    if (eta === undefined) return null;
    if (estimated === null || time - estimated.at >= ETA_MS || estimated.status !== state.status) {
      estimated = { at: time, status: state.status, text: runEta(eta, state, time) };
    }
    return estimated.text;
  };
  const render = () => {
    if (latest === null) return;
    const time = now();
    logUpdate(
      renderRunView(latest, time, {
        colors,
        columns: stdout.columns || 80,
        rows: stdout.rows || 24,
        eta: etaAt(latest, time),
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
