import {
  INIT,
  type PayloadByType,
  PHASE_CANCELLED,
  PHASE_COMPLETE,
  PHASE_FAILED,
  PHASE_LOG,
  PHASE_RETRY,
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
import { StartStack } from "./StartStack";
import type {
  AnyAction,
  PhaseStatus,
  PhaseStatusName,
  PipelineGraph,
  PipelineState,
  Reducer,
} from "./types";

const FINISHED_PIPELINE = new Set(["completed", "failed", "cancelled"]);
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
    startSeq: 0,
  };
}

export function initialPipelineState(graph: PipelineGraph): PipelineState {
  return {
    name: graph.name,
    status: "pending",
    progress: graph.phases.length === 0 ? 1 : 0,
    currentPhase: "",
    startedAt: null,
    endedAt: null,
    elapsed: 0,
    error: null,
    failedPhase: null,
    phases: PhaseTable.of(graph.phases.map((phase) => initialPhaseStatus(phase.name))),
    doneWeight: 0,
    startCount: 0,
    startStack: null,
  };
}

/**
 * The pure reducer of a pipeline's run state. Every timestamp comes from the actions' `at`, so
 * replaying a run's recorded actions through a fresh reducer rebuilds its state exactly.
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
    phase: PhaseStatus,
    status: PhaseStatusName,
    at: number,
    error: string | null,
  ): PipelineState => {
    const ended: PhaseStatus = {
      ...phase,
      status,
      endedAt: status === "retrying" ? null : at,
      elapsed: phase.startedAt === null ? 0 : Math.max(0, at - phase.startedAt),
      error,
      attempts: closeAttempt(phase, status, at, error),
    };
    const phases = state.phases.set(ended);
    const startStack =
      state.currentPhase === phase.name ? dropEnded(state.startStack, phases) : state.startStack;
    const countsAsDone = DONE_PHASE.has(status) && !DONE_PHASE.has(phase.status);
    const doneWeight = countsAsDone
      ? state.doneWeight + weightOf.get(phase.name)!
      : state.doneWeight;
    return {
      ...state,
      phases,
      doneWeight,
      progress: progressOf(state, doneWeight),
      failedPhase:
        status === "failed" && state.failedPhase === null ? phase.name : state.failedPhase,
      startStack,
      currentPhase: startStack?.name ?? "",
    };
  };

  /** Ends the run: active phases are cancelled, elapsed is set. */
  const endPipeline = (
    state: PipelineState,
    status: "completed" | "failed" | "cancelled",
    at: number,
    error: string | null,
  ): PipelineState => {
    let phases = state.phases;
    for (const phase of state.phases) {
      if (ACTIVE_PHASE.has(phase.status)) {
        phases = phases.set({
          ...phase,
          status: "cancelled",
          endedAt: at,
          elapsed: phase.startedAt === null ? 0 : Math.max(0, at - phase.startedAt),
          attempts: closeAttempt(phase, "cancelled", at, phase.error),
        });
      }
    }
    return {
      ...state,
      status,
      phases,
      error,
      startStack: null,
      currentPhase: "",
      endedAt: at,
      elapsed: state.startedAt === null ? 0 : Math.max(0, at - state.startedAt),
      progress: status === "completed" ? 1 : state.progress,
    };
  };

  return function pipelineReducer(state = initial, action: AnyAction): PipelineState {
    switch (action.type) {
      case INIT:
        return state;
      case PIPELINE_START: {
        const { at } = action.payload as PayloadByType[typeof PIPELINE_START];
        if (state.status !== "pending") return state;
        return { ...state, status: "running", startedAt: at, endedAt: null, elapsed: 0 };
      }
      case PIPELINE_COMPLETE: {
        const { at } = action.payload as PayloadByType[typeof PIPELINE_COMPLETE];
        if (FINISHED_PIPELINE.has(state.status)) return state;
        if (state.failedPhase !== null) {
          const failed = state.phases.get(state.failedPhase)!;
          return endPipeline(state, "failed", at, `Phase "${failed.name}" failed: ${failed.error}`);
        }
        return endPipeline(state, "completed", at, null);
      }
      case PIPELINE_FAILED: {
        const { at, error } = action.payload as PayloadByType[typeof PIPELINE_FAILED];
        if (FINISHED_PIPELINE.has(state.status)) return state;
        return endPipeline(state, "failed", at, error);
      }
      case PIPELINE_CANCELLED: {
        const { at, reason } = action.payload as PayloadByType[typeof PIPELINE_CANCELLED];
        if (FINISHED_PIPELINE.has(state.status)) return state;
        return endPipeline(state, "cancelled", at, reason ?? "cancelled");
      }
      case PHASE_START: {
        const { name, attempt, at } = action.payload as PayloadByType[typeof PHASE_START];
        const phase = state.phases.get(name);
        if (!phase) return state;
        const startSeq = state.startCount + 1;
        const started: PhaseStatus = {
          ...phase,
          status: "running",
          startedAt: at,
          endedAt: null,
          elapsed: 0,
          error: null,
          attempt,
          startSeq,
          attempts: [...phase.attempts, { attempt, startedAt: at, endedAt: null, error: null }],
        };
        return {
          ...state,
          status: state.status === "pending" ? "running" : state.status,
          startedAt: state.startedAt ?? at,
          phases: state.phases.set(started),
          startCount: startSeq,
          startStack: new StartStack(name, startSeq, state.startStack),
          currentPhase: name,
        };
      }
      case PHASE_COMPLETE: {
        const { name, at } = action.payload as PayloadByType[typeof PHASE_COMPLETE];
        const phase = state.phases.get(name);
        return phase ? endPhase(state, phase, "completed", at, null) : state;
      }
      case PHASE_FAILED: {
        const { name, at, error } = action.payload as PayloadByType[typeof PHASE_FAILED];
        const phase = state.phases.get(name);
        return phase ? endPhase(state, phase, "failed", at, error) : state;
      }
      case PHASE_SKIPPED: {
        const { name, at, error } = action.payload as PayloadByType[typeof PHASE_SKIPPED];
        const phase = state.phases.get(name);
        return phase ? endPhase(state, phase, "skipped", at, error) : state;
      }
      case PHASE_RETRY: {
        const { name, at, error } = action.payload as PayloadByType[typeof PHASE_RETRY];
        const phase = state.phases.get(name);
        return phase ? endPhase(state, phase, "retrying", at, error) : state;
      }
      case PHASE_CANCELLED: {
        const { name, at } = action.payload as PayloadByType[typeof PHASE_CANCELLED];
        const phase = state.phases.get(name);
        // Only a phase under way can be cancelled; one that already ended keeps its outcome.
        if (!phase || !ACTIVE_PHASE.has(phase.status)) return state;
        return endPhase(state, phase, "cancelled", at, phase.error);
      }
      case PHASE_LOG: {
        const { name, line, stream, at } = action.payload as PayloadByType[typeof PHASE_LOG];
        const phase = state.phases.get(name);
        if (!phase) return state;
        const max = maxLogLinesOf.get(name)!;
        const kept =
          phase.logs.length >= max ? phase.logs.slice(phase.logs.length - max + 1) : phase.logs;
        return {
          ...state,
          phases: state.phases.set({
            ...phase,
            logs: [...kept, { line, stream, at }],
            logCount: phase.logCount + 1,
          }),
        };
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
): PhaseStatus["attempts"] {
  const last = phase.attempts[phase.attempts.length - 1];
  if (!last || last.endedAt !== null) return phase.attempts;
  return [...phase.attempts.slice(0, -1), { ...last, endedAt: at, error, outcome: status }];
}

/** The stack without the ended starts on its top: its head is the current phase. */
function dropEnded(stack: StartStack | null, phases: PhaseTable): StartStack | null {
  let top = stack;
  while (top !== null) {
    const phase = phases.get(top.name);
    if (phase?.status === "running" && phase.startSeq === top.seq) return top;
    top = top.below;
  }
  return null;
}
