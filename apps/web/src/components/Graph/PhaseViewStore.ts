import {
  isFinished,
  type PhaseGraph,
  type PhaseStatus,
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
 *
 * An update costs what changed, not the size of the graph: the reducer keeps an unchanged phase's
 * `PhaseStatus` object identical, so a phase whose status object is the one seen last time (and
 * whose dependencies' are too) keeps its view without being looked at again.
 */
export class PhaseViewStore {
  private views = new Map<string, PhaseView>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly anyListeners = new Set<(changed: readonly string[]) => void>();
  /** What the last update saw, to tell what changed since. */
  private seen: SeenRun | null = null;
  private graph: PipelineGraph | null = null;

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

  /** Called once per update that changed any phase, with the names of those that did. */
  subscribeAll(listener: (changed: readonly string[]) => void): () => void {
    this.anyListeners.add(listener);
    return () => {
      this.anyListeners.delete(listener);
    };
  }

  /** Takes the run's latest state; tells only the listeners of phases whose look changed. */
  update(graph: PipelineGraph, state: PipelineState | null): void {
    const seen = this.seen;
    const whole =
      state === null ||
      seen === null ||
      seen.graph !== graph ||
      seen.runStatus !== state.status ||
      seen.failedPhase !== state.failedPhase;
    const candidates = whole ? null : seen.changedSince(state);
    if (candidates !== null && candidates.size === 0) return;
    const run = state === null ? null : SeenRun.of(graph, state, whole ? null : seen);
    const changed: string[] = [];
    const look = (phase: PhaseGraph) => {
      const view = run === null ? IDLE_VIEW : run.viewOf(phase);
      const previous = this.views.get(phase.name);
      if (previous && sameView(previous, view)) return;
      this.views.set(phase.name, view);
      changed.push(phase.name);
    };
    if (candidates === null || run?.wholeGraph) {
      if (this.graph !== graph) this.views = new Map();
      for (const phase of graph.phases) look(phase);
    } else {
      for (const name of candidates) {
        const phase = run!.phaseNamed(name);
        if (phase) look(phase);
      }
    }
    this.seen = run;
    this.graph = graph;
    for (const name of changed) {
      for (const listener of [...(this.listeners.get(name) ?? [])]) listener();
    }
    if (changed.length > 0) for (const listener of [...this.anyListeners]) listener(changed);
  }
}

/** The graph's phases by name and who depends on whom: built once per graph. */
interface GraphIndex {
  readonly byName: ReadonlyMap<string, PhaseGraph>;
  readonly dependents: ReadonlyMap<string, readonly string[]>;
}

const indexes = new WeakMap<PipelineGraph, GraphIndex>();

function indexOf(graph: PipelineGraph): GraphIndex {
  let index = indexes.get(graph);
  if (!index) {
    const dependents = new Map<string, string[]>(graph.phases.map((phase) => [phase.name, []]));
    for (const phase of graph.phases) {
      for (const dependency of phase.dependsOn) dependents.get(dependency)?.push(phase.name);
    }
    index = { byName: new Map(graph.phases.map((phase) => [phase.name, phase])), dependents };
    indexes.set(graph, index);
  }
  return index;
}

const BLOCKING = new Set(["failed", "cancelled"]);

/** One state as the store saw it: each phase's status object, and the blocked phases. */
class SeenRun {
  private constructor(
    readonly graph: PipelineGraph,
    private readonly state: PipelineState,
    private readonly index: GraphIndex,
    private readonly statuses: Map<string, PhaseStatus | undefined>,
    private readonly blocked: ReadonlyMap<string, string>,
    /** The failed and cancelled phases, whose set decides what is blocked. */
    private readonly blockers: ReadonlySet<string>,
  ) {}

  get runStatus() {
    return this.state.status;
  }

  get failedPhase() {
    return this.state.failedPhase;
  }

  /**
   * From the state last seen (`previous`, same graph, run status and first failure) when given,
   * copying what did not change; from scratch otherwise.
   */
  static of(graph: PipelineGraph, state: PipelineState, previous: SeenRun | null): SeenRun {
    const index = indexOf(graph);
    if (previous === null) {
      const statuses = new Map<string, PhaseStatus | undefined>();
      const blockers = new Set<string>();
      for (const phase of graph.phases) {
        const status = phaseStatus(state, phase.name);
        statuses.set(phase.name, status);
        if (status && BLOCKING.has(status.status)) blockers.add(phase.name);
      }
      return new SeenRun(graph, state, index, statuses, blockedBy(graph, state), blockers);
    }
    // Updated in place: the previous one is dropped by the store right after.
    const statuses = previous.statuses;
    let blockers = previous.blockers;
    let blockersChanged = false;
    for (const name of previous.lastChanged) {
      const status = phaseStatus(state, name);
      statuses.set(name, status);
      const blocking = status !== undefined && BLOCKING.has(status.status);
      if (blocking !== blockers.has(name)) {
        if (!blockersChanged) blockers = new Set(blockers);
        blockersChanged = true;
        if (blocking) (blockers as Set<string>).add(name);
        else (blockers as Set<string>).delete(name);
      }
    }
    const blocked = blockersChanged ? blockedBy(graph, state) : previous.blocked;
    const run = new SeenRun(graph, state, index, statuses, blocked, blockers);
    if (blockersChanged) run.everything = true;
    return run;
  }

  /** The phases whose status object changed since this state was seen. */
  private lastChanged: readonly string[] = [];
  /** A change of blockers can reach any phase downstream: every phase is then looked at. */
  private everything = false;

  /**
   * The phases whose look may differ in `state` from this one: those whose status changed and
   * the phases that depend on them (whether they are ready to run follows their dependencies).
   * Null when every phase must be looked at.
   */
  changedSince(state: PipelineState): Set<string> | null {
    const changed: string[] = [];
    for (const [name, status] of this.statuses) {
      if (phaseStatus(state, name) !== status) changed.push(name);
    }
    this.lastChanged = changed;
    const candidates = new Set<string>();
    for (const name of changed) {
      candidates.add(name);
      for (const dependent of this.index.dependents.get(name) ?? []) candidates.add(dependent);
    }
    return candidates;
  }

  /** Whether the update built from this one must look at every phase. */
  get wholeGraph(): boolean {
    return this.everything;
  }

  phaseNamed(name: string): PhaseGraph | undefined {
    return this.index.byName.get(name);
  }

  viewOf(phase: PhaseGraph): PhaseView {
    const { state } = this;
    const status = this.statuses.get(phase.name);
    if (!status) return IDLE_VIEW;
    return {
      status: status.status,
      label: phaseStatusLabel(status.status, isFinished(state.status)),
      idle: false,
      attempt: status.attempt,
      agent: status.attempts.at(-1)?.agent ?? null,
      elapsed: status.endedAt !== null ? status.elapsed : null,
      blockedBy: status.status === "pending" ? (this.blocked.get(phase.name) ?? null) : null,
      firstFailure: state.failedPhase === phase.name,
      waiting:
        status.status === "pending" &&
        state.status === "running" &&
        phase.dependsOn.every((dependency) => {
          const done = this.statuses.get(dependency)?.status;
          return done === "completed" || done === "skipped";
        }),
    };
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
