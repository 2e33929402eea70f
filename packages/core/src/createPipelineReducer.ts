import {
  INIT,
  type PayloadByType,
  PHASE_CANCELLED,
  PHASE_COMPLETE,
  PHASE_FAILED,
  PHASE_LOG,
  PHASE_RETRY,
  PHASE_REUSED,
  PHASE_SKIPPED,
  PHASE_START,
  PIPELINE_CANCELLED,
  PIPELINE_COMPLETE,
  PIPELINE_FAILED,
  PIPELINE_START,
} from "./actions";
import { DEFAULT_MAX_LOG_LINES } from "./Phase";
import { PhaseTable } from "./PhaseTable";
import { validateGraph } from "./pipelineGraph";
import {
  adoptInternals,
  internalsOf,
  isLive,
  makeState,
  type StateInternals,
  withFields,
} from "./pipelineState";
import { StartStack } from "./StartStack";
import { isFinished } from "./statuses";
import type {
  AnyAction,
  AttemptRecord,
  PhaseStatus,
  PhaseStatusName,
  PipelineGraph,
  PipelineState,
  Reducer,
} from "./types";
import { withLogLine } from "./withLogLine";

const DONE_PHASE = new Set<PhaseStatusName>(["completed", "skipped"]);
const ACTIVE_PHASE = new Set<PhaseStatusName>(["running", "retrying"]);

export function initialPhaseStatus(name: string): PhaseStatus {
  return {
    name,
    status: "pending",
    startedAt: null,
    endedAt: null,
    elapsed: 0,
    error: null,
    attempt: 0,
    attempts: [],
    logs: [],
    logCount: 0,
  };
}

export function initialPipelineState(graph: PipelineGraph): PipelineState {
  return makeState(
    {
      name: graph.name,
      status: "pending",
      progress: graph.phases.length === 0 ? 1 : 0,
      currentPhase: "",
      startedAt: null,
      endedAt: null,
      elapsed: 0,
      error: null,
      failedPhase: null,
    },
    {
      table: PhaseTable.of(graph.phases.map((phase) => initialPhaseStatus(phase.name))),
      doneWeight: 0,
      starts: null,
    },
  );
}

/**
 * The pure reducer of a pipeline's run state. Every timestamp comes from the actions' `at`, so
 * replaying a run's recorded actions through a fresh reducer rebuilds its state exactly. It
 * continues as well from a state that went through JSON, `structuredClone` or a spread.
 */
export function createPipelineReducer(graph: PipelineGraph): Reducer<PipelineState> {
  validateGraph(graph);
  const weightOf = new Map(graph.phases.map((phase) => [phase.name, phase.weight]));
  const maxLogLinesOf = new Map(
    graph.phases.map((phase) => [phase.name, phase.maxLogLines ?? DEFAULT_MAX_LOG_LINES]),
  );
  const totalWeight = graph.phases.reduce((sum, phase) => sum + phase.weight, 0);
  const initial = initialPipelineState(graph);

  const progressOf = (state: PipelineState, doneWeight: number) =>
    // An all-zero-weight pipeline has no measure of progress until it ends.
    Math.max(state.progress, totalWeight > 0 ? Math.min(1, doneWeight / totalWeight) : 0);

  /** Ends a phase's current attempt; keeps the run's weighted progress and current phase. */
  const endPhase = (
    state: PipelineState,
    internals: StateInternals,
    phase: PhaseStatus,
    status: PhaseStatusName,
    at: number,
    error: string | null,
    stack?: string,
  ): PipelineState => {
    const ended: PhaseStatus = {
      ...phase,
      status,
      endedAt: status === "retrying" ? null : at,
      elapsed: phase.startedAt === null ? 0 : Math.max(0, at - phase.startedAt),
      error,
      attempts: closeAttempt(phase, status, at, error, stack),
    };
    const table = internals.table.set(ended);
    const starts =
      state.currentPhase === phase.name ? dropEnded(internals.starts, table) : internals.starts;
    const countsAsDone = DONE_PHASE.has(status) && !DONE_PHASE.has(phase.status);
    const doneWeight = countsAsDone
      ? internals.doneWeight + weightOf.get(phase.name)!
      : internals.doneWeight;
    return withFields(
      state,
      { table, doneWeight, starts },
      {
        progress: progressOf(state, doneWeight),
        failedPhase:
          status === "failed" && state.failedPhase === null ? phase.name : state.failedPhase,
        currentPhase: starts?.name ?? "",
      },
    );
  };

  /** Ends the run: active phases are cancelled, elapsed is set. */
  const endPipeline = (
    state: PipelineState,
    internals: StateInternals,
    status: "completed" | "failed" | "cancelled",
    at: number,
    error: string | null,
  ): PipelineState => {
    let table = internals.table;
    for (const phase of internals.table) {
      if (ACTIVE_PHASE.has(phase.status)) {
        table = table.set({
          ...phase,
          status: "cancelled",
          endedAt: at,
          elapsed: phase.startedAt === null ? 0 : Math.max(0, at - phase.startedAt),
          attempts: closeAttempt(phase, "cancelled", at, phase.error),
        });
      }
    }
    return withFields(
      state,
      { table, doneWeight: internals.doneWeight, starts: null },
      {
        status,
        error,
        currentPhase: "",
        endedAt: at,
        elapsed: state.startedAt === null ? 0 : Math.max(0, at - state.startedAt),
        progress: status === "completed" ? 1 : state.progress,
      },
    );
  };

  /** The internals of a state that has none (it went through JSON, a clone or a spread). */
  const rebuildInternals = (state: PipelineState): StateInternals => {
    const given = new Map<string, PhaseStatus>();
    // States saved before `phases` became an array held a record keyed by name.
    const phases: readonly PhaseStatus[] = Array.isArray(state.phases)
      ? state.phases
      : Object.values(state.phases ?? {});
    for (const phase of phases) given.set(phase.name, phase);
    const table = PhaseTable.of(
      graph.phases.map((phase) => given.get(phase.name) ?? initialPhaseStatus(phase.name)),
    );
    let doneWeight = 0;
    for (const phase of graph.phases) {
      if (DONE_PHASE.has(table.get(phase.name)!.status)) doneWeight += phase.weight;
    }
    let starts: StartStack | null = null;
    for (const name of state.running ?? []) {
      const phase = table.get(name);
      if (phase?.status === "running") starts = new StartStack(name, phase.attempts.length, starts);
    }
    const internals = { table, doneWeight, starts };
    adoptInternals(state, internals);
    return internals;
  };

  return function pipelineReducer(state = initial, action: AnyAction): PipelineState {
    if (action.type === INIT) return state;
    const internals = internalsOf(state) ?? rebuildInternals(state);
    switch (action.type) {
      case PIPELINE_START: {
        const { at } = action.payload as PayloadByType[typeof PIPELINE_START];
        if (state.status !== "pending") return state;
        return withFields(state, internals, {
          status: "running",
          startedAt: at,
          endedAt: null,
          elapsed: 0,
        });
      }
      case PIPELINE_COMPLETE: {
        const { at } = action.payload as PayloadByType[typeof PIPELINE_COMPLETE];
        if (isFinished(state.status)) return state;
        if (state.failedPhase !== null) {
          const failed = internals.table.get(state.failedPhase)!;
          return endPipeline(
            state,
            internals,
            "failed",
            at,
            `Phase "${failed.name}" failed: ${failed.error}`,
          );
        }
        return endPipeline(state, internals, "completed", at, null);
      }
      case PIPELINE_FAILED: {
        const { at, error } = action.payload as PayloadByType[typeof PIPELINE_FAILED];
        if (isFinished(state.status)) return state;
        return endPipeline(state, internals, "failed", at, error);
      }
      case PIPELINE_CANCELLED: {
        const { at, reason } = action.payload as PayloadByType[typeof PIPELINE_CANCELLED];
        if (isFinished(state.status)) return state;
        return endPipeline(state, internals, "cancelled", at, reason ?? "cancelled");
      }
      case PHASE_START: {
        const { name, attempt, at, agent } = action.payload as PayloadByType[typeof PHASE_START];
        const phase = internals.table.get(name);
        if (!phase) return state;
        const record: AttemptRecord =
          agent === undefined
            ? { attempt, startedAt: at, endedAt: null, error: null }
            : { attempt, startedAt: at, endedAt: null, error: null, agent };
        const started: PhaseStatus = {
          ...phase,
          status: "running",
          startedAt: at,
          endedAt: null,
          elapsed: 0,
          error: null,
          attempt,
          attempts: [...phase.attempts, record],
        };
        return withFields(
          state,
          {
            table: internals.table.set(started),
            doneWeight: internals.doneWeight,
            starts: new StartStack(name, started.attempts.length, internals.starts),
          },
          {
            status: state.status === "pending" ? "running" : state.status,
            startedAt: state.startedAt ?? at,
            currentPhase: name,
          },
        );
      }
      case PHASE_COMPLETE: {
        const { name, at } = action.payload as PayloadByType[typeof PHASE_COMPLETE];
        const phase = internals.table.get(name);
        return phase ? endPhase(state, internals, phase, "completed", at, null) : state;
      }
      case PHASE_FAILED: {
        const { name, at, error, stack } = action.payload as PayloadByType[typeof PHASE_FAILED];
        const phase = internals.table.get(name);
        return phase ? endPhase(state, internals, phase, "failed", at, error, stack) : state;
      }
      case PHASE_SKIPPED: {
        const { name, at, error, stack } = action.payload as PayloadByType[typeof PHASE_SKIPPED];
        const phase = internals.table.get(name);
        return phase ? endPhase(state, internals, phase, "skipped", at, error, stack) : state;
      }
      case PHASE_RETRY: {
        const { name, at, error, stack } = action.payload as PayloadByType[typeof PHASE_RETRY];
        const phase = internals.table.get(name);
        return phase ? endPhase(state, internals, phase, "retrying", at, error, stack) : state;
      }
      case PHASE_CANCELLED: {
        const { name, at } = action.payload as PayloadByType[typeof PHASE_CANCELLED];
        const phase = internals.table.get(name);
        // Only a phase under way can be cancelled; one that already ended keeps its outcome.
        if (!phase || !ACTIVE_PHASE.has(phase.status)) return state;
        return endPhase(state, internals, phase, "cancelled", at, phase.error);
      }
      case PHASE_REUSED: {
        const { name, fromRun, at } = action.payload as PayloadByType[typeof PHASE_REUSED];
        const phase = internals.table.get(name);
        if (phase?.status !== "pending") return state;
        const reused: PhaseStatus = {
          ...phase,
          startedAt: at,
          reusedFrom: fromRun,
        };
        return endPhase(state, internals, reused, "completed", at, null);
      }
      case PHASE_LOG: {
        const { name, line, stream, at } = action.payload as PayloadByType[typeof PHASE_LOG];
        const phase = internals.table.get(name);
        if (!phase) return state;
        const max = maxLogLinesOf.get(name)!;
        const table = internals.table.set(withLogLine(phase, { line, stream, at }, max));
        return withFields(
          state,
          { table, doneWeight: internals.doneWeight, starts: internals.starts },
          {},
        );
      }
      default:
        return state;
    }
  };
}

function closeAttempt(
  phase: PhaseStatus,
  status: PhaseStatusName,
  at: number,
  error: string | null,
  stack?: string,
): PhaseStatus["attempts"] {
  const last = phase.attempts[phase.attempts.length - 1];
  if (!last || last.endedAt !== null) return phase.attempts;
  const ended = { ...last, endedAt: at, error, outcome: status };
  return [...phase.attempts.slice(0, -1), typeof stack === "string" ? { ...ended, stack } : ended];
}

/** The stack without the ended starts on its top: its head is the current phase. */
function dropEnded(stack: StartStack | null, table: PhaseTable): StartStack | null {
  let top = stack;
  while (top !== null && !isLive(top, table)) top = top.below;
  return top;
}
