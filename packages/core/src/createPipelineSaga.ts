import {
  action,
  PHASE_CANCELLED,
  PHASE_COMPLETE,
  PHASE_FAILED,
  PHASE_RETRY,
  PHASE_REUSED,
  PHASE_SKIPPED,
  PIPELINE_CANCELLED,
  PIPELINE_COMPLETE,
  PIPELINE_FAILED,
  PIPELINE_START,
} from "./actions";
import { Channel } from "./Channel";
import {
  call,
  cancel,
  cancelled,
  delay,
  dispatcher,
  fork,
  put,
  type SagaIterator,
  take,
} from "./effects";
import { errorMessage } from "./errorMessage";
import { errorStack } from "./errorStack";
import { inProcessExecutor } from "./inProcessExecutor";
import type { Phase } from "./Phase";
import { type AttemptRecorder, PhaseAttemptRun } from "./PhaseAttemptRun";
import { PipelineError } from "./PipelineError";
import { dependentsOf, remainingPathWeights } from "./pipelineGraph";
import { ReadyPhases } from "./ReadyPhases";
import type { Task } from "./Task";
import type {
  AnyAction,
  Clock,
  PhaseExecutor,
  PhaseHandler,
  PhasePolicy,
  PipelineGraph,
  SagaOptions,
} from "./types";

/** How a phase's run ended, as the phase reports it to the scheduler. */
type PhaseOutcome =
  | { readonly name: string; readonly status: "completed" | "skipped"; readonly value: unknown }
  | { readonly name: string; readonly status: "failed"; readonly error: string };

export interface PipelineRunResult {
  readonly status: "completed" | "failed";
  /** Each completed phase's returned value. */
  readonly results: Record<string, unknown>;
}

export const systemClock: Clock = { now: () => Date.now() };

const MAX_RETRY_DELAY_MS = 30_000;

/**
 * The saga that runs a pipeline. It starts each phase the moment its dependencies are completed
 * or skipped: parallel phases side by side (at most `concurrency`), a non-parallel phase alone,
 * and among the phases that can start the one with the longest weighted path to the end first,
 * then by name.
 *
 * A non-parallel phase can start only when nothing runs. While phases run, free slots go to
 * ready parallel phases; a non-parallel phase starts the moment the run goes idle. Stopping all
 * parallel starts to drain for it instead leaves slots empty while the running phases finish:
 * over random pipelines that made runs 5–9% longer (see bench/, scheduling quality).
 */
export function createPipelineSaga(
  graph: PipelineGraph,
  phases: readonly Phase[],
  options: SagaOptions = {},
): () => SagaIterator<PipelineRunResult> {
  const concurrency = checkConcurrency(options.concurrency);
  const failFast = options.failFast ?? false;
  const clock = options.clock ?? systemClock;
  const { priority, dependents } = analysisOf(graph);
  const byName = new Map(phases.map((phase) => [phase.name, phase]));
  const executor = options.executor ?? inProcessExecutor;
  const runId = options.runId ?? "";
  const reuse = options.reuse ?? new Map();
  const runInputs = Object.freeze({ ...options.inputs });
  const recorderOf = new Map(
    graph.phases.map((phaseGraph) => [
      phaseGraph.name,
      {
        runId,
        pipeline: graph.name,
        phase: phaseGraph,
        inputs: runInputs,
        timeoutMs: byName.get(phaseGraph.name)!.policy.timeoutMs,
        clock,
      },
    ]),
  );

  return function* pipelineSaga(): SagaIterator<PipelineRunResult> {
    const outcomes = new Channel<PhaseOutcome>();
    const running = new Map<string, Task<unknown>>();
    const ready = new ReadyPhases<Phase>(priority);
    /** Reused phases whose dependencies are done: recorded as reused instead of started. */
    const readyReused: Phase[] = [];
    const markReady = (phase: Phase) => {
      if (reuse.has(phase.name)) readyReused.push(phase);
      else ready.push(phase);
    };
    /** The phase to start now, if any may start. */
    const nextToStart = (): Phase | undefined => ready.next(running.size, concurrency);
    const waitingOn = new Map<string, number>();
    const results: Record<string, unknown> = {};
    let alone = false;
    let firstFailure: { name: string; error: string } | null = null;
    const release = (name: string) => {
      for (const dependent of dependents.get(name)!) {
        const left = waitingOn.get(dependent)! - 1;
        waitingOn.set(dependent, left);
        if (left === 0) markReady(byName.get(dependent)!);
      }
    };

    for (const phase of phases) {
      waitingOn.set(phase.name, phase.dependsOn.length);
      if (phase.dependsOn.length === 0) markReady(phase);
    }
    try {
      yield put(action(PIPELINE_START, { at: clock.now() }));
      for (;;) {
        while (firstFailure === null && readyReused.length > 0) {
          const next = readyReused.shift()!;
          const { value, fromRun } = reuse.get(next.name)!;
          yield put(action(PHASE_REUSED, { name: next.name, fromRun, at: clock.now() }));
          results[next.name] = value;
          release(next.name);
        }
        while (firstFailure === null && !alone) {
          const next = nextToStart();
          if (next === undefined) break;
          alone = !next.parallel;
          const inputs: Record<string, unknown> = {};
          for (const dependency of next.dependsOn) inputs[dependency] = results[dependency];
          const recorder = recorderOf.get(next.name)!;
          running.set(next.name, yield fork(runPhase, next, recorder, executor, inputs, outcomes));
        }
        if (running.size === 0) break;
        const outcome: PhaseOutcome = yield take(outcomes);
        if (!running.delete(outcome.name)) continue;
        if (!byName.get(outcome.name)!.parallel) alone = false;
        if (outcome.status === "failed") {
          firstFailure ??= outcome;
          if (failFast) {
            for (const task of running.values()) yield cancel(task);
            running.clear();
          }
          continue;
        }
        results[outcome.name] = outcome.value;
        release(outcome.name);
      }
      if (firstFailure) {
        const error = `Phase "${firstFailure.name}" failed: ${firstFailure.error}`;
        yield put(action(PIPELINE_FAILED, { at: clock.now(), error }));
        return { status: "failed", results };
      }
      yield put(action(PIPELINE_COMPLETE, { at: clock.now() }));
      return { status: "completed", results };
    } finally {
      if (yield cancelled()) yield put(action(PIPELINE_CANCELLED, { at: clock.now() }));
    }
  };
}

interface GraphAnalysis {
  readonly priority: ReadonlyMap<string, number>;
  readonly dependents: ReadonlyMap<string, readonly string[]>;
}

// A pipeline's graph is frozen: what the scheduler derives from it is worked out once, not per run.
const analyses = new WeakMap<PipelineGraph, GraphAnalysis>();

function analysisOf(graph: PipelineGraph): GraphAnalysis {
  let analysis = analyses.get(graph);
  if (analysis === undefined) {
    analysis = { priority: remainingPathWeights(graph), dependents: dependentsOf(graph) };
    if (Object.isFrozen(graph)) analyses.set(graph, analysis);
  }
  return analysis;
}

/** Runs one phase to its end: its attempts, retries and the report to the scheduler. */
function* runPhase(
  phase: Phase,
  recorder: Omit<AttemptRecorder, "dispatch">,
  executor: PhaseExecutor,
  results: Record<string, unknown>,
  outcomes: Channel<PhaseOutcome>,
): SagaIterator<void> {
  const { name, policy } = phase;
  const { clock } = recorder;
  const dispatch: (action: AnyAction) => unknown = yield dispatcher();
  const attemptRecorder: AttemptRecorder = { ...recorder, dispatch };
  let current: PhaseAttemptRun | null = null;
  // Set once the phase has reported how it ended: a cancellation after that changes nothing.
  let reported = false;
  try {
    for (let attempt = 1; ; attempt++) {
      current = new PhaseAttemptRun(attemptRecorder, attempt, results);
      let value: unknown;
      try {
        ({ value } = yield call(runAttempt, executor, phase.handler, current));
      } catch (thrown) {
        const error = errorMessage(thrown);
        const stack = errorStack(thrown);
        const where = stack === undefined ? {} : { stack };
        if (policy.onFail === "retry" && attempt <= policy.maxRetries) {
          const delayMs = retryDelay(policy, attempt);
          yield put(
            action(PHASE_RETRY, { name, attempt, error, ...where, delayMs, at: clock.now() }),
          );
          yield delay(delayMs);
          continue;
        }
        reported = true;
        if (policy.onFail === "skip") {
          yield put(action(PHASE_SKIPPED, { name, error, ...where, at: clock.now() }));
          yield put(outcomes, { name, status: "skipped", value: undefined });
          return;
        }
        yield put(action(PHASE_FAILED, { name, error, ...where, at: clock.now() }));
        yield put(outcomes, { name, status: "failed", error });
        return;
      }
      reported = true;
      yield put(action(PHASE_COMPLETE, { name, at: clock.now() }));
      yield put(outcomes, { name, status: "completed", value });
      return;
    }
  } finally {
    if ((yield cancelled()) && !reported) {
      current?.abort(new Error("cancelled"));
      yield put(action(PHASE_CANCELLED, { name, at: clock.now() }));
    }
  }
}

/**
 * Hands one attempt to the executor. Its value comes back boxed, so a handler that returns a
 * generator or an effect-like object is never mistaken for a saga to run. With a timeout, the
 * attempt fails when time is up, counted from its start.
 */
function runAttempt(
  executor: PhaseExecutor,
  handler: PhaseHandler,
  attempt: PhaseAttemptRun,
): { value: unknown } | Promise<{ value: unknown }> {
  let outcome: unknown;
  try {
    outcome = executor.execute(attempt, handler);
  } catch (error) {
    attempt.end();
    throw error;
  }
  if (!isPromiseLike(outcome)) {
    attempt.end();
    return { value: outcome };
  }
  return new Promise((resolve, reject) => {
    attempt.onTimeout = reject;
    Promise.resolve(outcome).then(
      (value) => {
        attempt.end();
        resolve({ value });
      },
      (error: unknown) => {
        attempt.end();
        reject(error);
      },
    );
  });
}

/** A value that looks like a promise; one whose `then` cannot even be read is left to fail as one. */
function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return false;
  try {
    return typeof (value as { then?: unknown }).then === "function";
  } catch {
    return true;
  }
}

export function retryDelay(policy: PhasePolicy, attempt: number): number {
  const delayMs =
    policy.retryBackoff === "exponential"
      ? policy.retryDelayMs * 2 ** (attempt - 1)
      : policy.retryDelayMs;
  return Math.min(delayMs, MAX_RETRY_DELAY_MS);
}

export function checkConcurrency(concurrency: number | undefined): number {
  if (concurrency === undefined) return Number.POSITIVE_INFINITY;
  if (
    concurrency === Number.POSITIVE_INFINITY ||
    (Number.isInteger(concurrency) && concurrency >= 1)
  ) {
    return concurrency;
  }
  throw new PipelineError(
    "INVALID_OPTIONS",
    `concurrency must be a whole number of 1 or more (or Infinity), not ${String(concurrency)}.`,
  );
}
