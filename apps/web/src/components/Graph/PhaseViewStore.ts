import {
  isFinished,
  type PhaseStatusName,
  type PipelineGraph,
  type PipelineState,
  phaseStatus,
} from "@milo/core";
import { createContext, useCallback, useContext, useSyncExternalStore } from "react";
import { phaseStatusLabel } from "../Status/phaseStatusLabel";
import { blockedBy } from "./blockedBy";

/** What a phase looks like in the current run. */
export interface PhaseView {
  readonly status: PhaseStatusName;
  /** The status as a word, "Not run" for a phase left pending by an ended run. */
  readonly label: string;
  /** No run is shown: draw the phase alone, without a status. */
  readonly idle: boolean;
  readonly attempt: number;
  /** The agent running (or that ran) the current attempt; null in process or before it starts. */
  readonly agent: string | null;
  /** How long the phase took, once it has ended; null before. */
  readonly elapsed: number | null;
  /** The failed or cancelled phase that keeps this pending phase from ever running. */
  readonly blockedBy: string | null;
  /** The run's first failure: the one to look at first. */
  readonly firstFailure: boolean;
  /**
   * Its dependencies are done but it has not started: waiting for a free agent (the attempt
   * starts when an agent takes it) or for a slot under the run's concurrency.
   */
  readonly waiting: boolean;
}

const IDLE_VIEW: PhaseView = {
  status: "pending",
  label: "Pending",
  idle: true,
  attempt: 0,
  agent: null,
  elapsed: null,
  blockedBy: null,
  firstFailure: false,
  waiting: false,
};

/**
 * Each phase's look in the current run, with one subscription per phase. Nodes, edges and the
 * minimap read it from here rather than from React Flow's node and edge arrays, so a run's
 * hundreds of updates a second re-render only the phases that changed and never make React Flow
 * re-index thousands of nodes and edges. Those arrays change only with the graph or selection.
 */
export class PhaseViewStore {
  private views = new Map<string, PhaseView>();
  private readonly listeners = new Map<string, Set<() => void>>();

  get(name: string): PhaseView {
    return this.views.get(name) ?? IDLE_VIEW;
  }

  subscribe(name: string, listener: () => void): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  /** Takes the run's latest state; tells only the listeners of phases whose look changed. */
  update(graph: PipelineGraph, state: PipelineState | null): void {
    const blocked = state ? blockedBy(graph, state) : null;
    const next = new Map<string, PhaseView>();
    const changed: string[] = [];
    for (const phase of graph.phases) {
      const status = state ? phaseStatus(state, phase.name) : undefined;
      const view: PhaseView = status
        ? {
            status: status.status,
            label: phaseStatusLabel(status.status, state !== null && isFinished(state.status)),
            idle: false,
            attempt: status.attempt,
            agent: status.attempts.at(-1)?.agent ?? null,
            elapsed: status.endedAt !== null ? status.elapsed : null,
            blockedBy: blocked?.get(phase.name) ?? null,
            firstFailure: state?.failedPhase === phase.name,
            waiting:
              status.status === "pending" &&
              state?.status === "running" &&
              phase.dependsOn.every((dependency) => {
                const done = phaseStatus(state, dependency)?.status;
                return done === "completed" || done === "skipped";
              }),
          }
        : IDLE_VIEW;
      const previous = this.views.get(phase.name);
      if (previous && sameView(previous, view)) {
        next.set(phase.name, previous);
      } else {
        next.set(phase.name, view);
        changed.push(phase.name);
      }
    }
    this.views = next;
    for (const name of changed) {
      for (const listener of [...(this.listeners.get(name) ?? [])]) listener();
    }
  }
}

function sameView(a: PhaseView, b: PhaseView): boolean {
  return (
    a.status === b.status &&
    a.label === b.label &&
    a.idle === b.idle &&
    a.attempt === b.attempt &&
    a.agent === b.agent &&
    a.elapsed === b.elapsed &&
    a.blockedBy === b.blockedBy &&
    a.firstFailure === b.firstFailure &&
    a.waiting === b.waiting
  );
}

export const PhaseViewContext = createContext<PhaseViewStore>(new PhaseViewStore());

/** One phase's look, re-rendering the caller only when that phase changes. */
export function usePhaseView(name: string): PhaseView {
  const store = useContext(PhaseViewContext);
  const subscribe = useCallback(
    (listener: () => void) => store.subscribe(name, listener),
    [store, name],
  );
  return useSyncExternalStore(subscribe, () => store.get(name));
}
