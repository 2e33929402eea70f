import {
  PHASE_CANCELLED,
  PHASE_COMPLETE,
  PHASE_FAILED,
  PHASE_RETRY,
  PHASE_REUSED,
  PHASE_SKIPPED,
  PHASE_START,
  PIPELINE_CANCELLED,
  PIPELINE_FAILED,
  PIPELINE_START,
} from "../actions";
import { dependentsOf } from "../pipelineGraph";
import type { AnyAction, PipelineGraph } from "../types";

export interface PhaseQueueWait {
  readonly name: string;
  /** Time the phase was ready (or its back-off was over) but had not started, over all attempts. */
  readonly waitMs: number;
}

/** One stretch of time a phase spent ready but not started (one per attempt that waited). */
export interface QueueWaitInterval {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

export interface QueueStep {
  /** From this time on, until the next step... */
  readonly at: number;
  /** ...this many phases were ready but not started... */
  readonly ready: number;
  /** ...and this many were running. */
  readonly running: number;
}

export interface QueueWaits {
  /** Every phase, in pipeline order. */
  readonly phases: readonly PhaseQueueWait[];
  readonly totalWaitMs: number;
  /** Each wait of more than nothing, in the order it ended, so a chart can draw it where it was. */
  readonly intervals: readonly QueueWaitInterval[];
  /**
   * The phases still ready but not started after the last action (a run under way), with when
   * each became ready: waits not yet over, left out of the totals above.
   */
  readonly waiting: readonly { readonly name: string; readonly since: number }[];
  /** How the ready and running counts changed over the run, oldest first. */
  readonly steps: readonly QueueStep[];
}

/**
 * How long each phase waited for a slot, to run alone or for an agent: from the moment it was
 * ready (every dependency completed, reused or skipped; for a retry, the end of its back-off)
 * to its start, or to the failure that stopped the run (nothing starts after it).
 */
export function queueWaits(graph: PipelineGraph, actions: readonly AnyAction[]): QueueWaits {
  const dependents = dependentsOf(graph);
  const waitingOn = new Map(graph.phases.map((phase) => [phase.name, phase.dependsOn.length]));
  const waitMs = new Map(graph.phases.map((phase) => [phase.name, 0]));
  const readySince = new Map<string, number>();
  /** Retries whose back-off ends at a known time: they become ready then. */
  const backingOff = new Map<string, number>();
  const running = new Set<string>();
  const steps: QueueStep[] = [];
  const intervals: QueueWaitInterval[] = [];
  const waited = (name: string, since: number, at: number) => {
    waitMs.set(name, waitMs.get(name)! + Math.max(0, at - since));
    if (at > since) intervals.push({ name, start: since, end: at });
  };
  let stopped = false;

  const record = (at: number) => {
    const step = { at, ready: readySince.size, running: running.size };
    const same = (other: QueueStep | undefined) =>
      other !== undefined && other.ready === step.ready && other.running === step.running;
    // Changes at one instant make one step; a step that changes nothing is none.
    if (steps[steps.length - 1]?.at === at) steps.pop();
    if (!same(steps[steps.length - 1])) steps.push(step);
  };
  /** Back-offs over by `time` make their phases ready, in time order. */
  const endBackOffs = (time: number) => {
    const due = [...backingOff].filter(([, at]) => at <= time).sort((a, b) => a[1] - b[1]);
    for (const [name, at] of due) {
      backingOff.delete(name);
      if (stopped) continue;
      readySince.set(name, at);
      record(at);
    }
  };
  /** What waited until the run stopped still waited that long. */
  const stop = (at: number) => {
    stopped = true;
    for (const [name, since] of readySince) waited(name, since, at);
    readySince.clear();
    backingOff.clear();
  };

  for (const action of actions) {
    const payload = (action.payload ?? {}) as { name?: string; at?: number; delayMs?: number };
    const at = payload.at;
    if (typeof at !== "number") continue;
    endBackOffs(at);
    const name = payload.name;
    switch (action.type) {
      case PIPELINE_START:
        for (const phase of graph.phases) {
          if (phase.dependsOn.length === 0) readySince.set(phase.name, at);
        }
        break;
      case PHASE_START: {
        if (name === undefined || !waitMs.has(name)) continue;
        const since = readySince.get(name);
        if (since !== undefined) waited(name, since, at);
        readySince.delete(name);
        backingOff.delete(name);
        running.add(name);
        break;
      }
      case PHASE_RETRY:
        if (name === undefined) continue;
        running.delete(name);
        backingOff.set(name, at + Math.max(0, payload.delayMs ?? 0));
        break;
      case PHASE_COMPLETE:
      case PHASE_REUSED:
      case PHASE_SKIPPED:
        if (name === undefined) continue;
        running.delete(name);
        readySince.delete(name);
        for (const dependent of dependents.get(name) ?? []) {
          const left = waitingOn.get(dependent)! - 1;
          waitingOn.set(dependent, left);
          if (left === 0 && !stopped) readySince.set(dependent, at);
        }
        break;
      case PHASE_FAILED:
      case PHASE_CANCELLED:
        if (name !== undefined) running.delete(name);
        stop(at);
        break;
      case PIPELINE_FAILED:
      case PIPELINE_CANCELLED:
        stop(at);
        break;
      default:
        continue;
    }
    record(at);
  }
  const phases = graph.phases.map((phase) => ({
    name: phase.name,
    waitMs: waitMs.get(phase.name)!,
  }));
  return {
    phases,
    totalWaitMs: phases.reduce((sum, phase) => sum + phase.waitMs, 0),
    intervals,
    waiting: [...readySince].map(([name, since]) => ({ name, since })),
    steps,
  };
}
