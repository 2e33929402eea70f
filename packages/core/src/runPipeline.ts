import { action, PIPELINE_FAILED } from "./actions";
import type { PipelineRunResult } from "./createPipelineSaga";
import { systemClock } from "./createPipelineSaga";
import { errorMessage } from "./errorMessage";
import type { Pipeline } from "./Pipeline";
import { Store, type StoreOptions } from "./Store";
import { isFinished } from "./statuses";
import type { Task } from "./Task";
import type { AnyAction, Clock, PipelineState, SagaOptions } from "./types";

export interface RunPipelineOptions extends SagaOptions {
  /**
   * Called with the new state after every action of the run, from the first (@@PIPELINE_START)
   * on: it is subscribed before the saga starts. What it throws goes to `onListenerError`.
   */
  readonly onAction?: (state: PipelineState, action: AnyAction) => void;
  readonly onListenerError?: StoreOptions["onListenerError"];
  /**
   * Hears what the saga itself threw (a bug, not a phase's failure) after the run has been
   * ended with @@PIPELINE_FAILED "internal error: ...". Default: nothing more.
   */
  readonly onCrash?: (error: unknown) => void;
}

export interface PipelineRun {
  readonly store: Store<PipelineState>;
  /** The running saga: `task.cancel()` cancels the run (recorded as @@PIPELINE_CANCELLED). */
  readonly task: Task<PipelineRunResult>;
  /** The final state once the run has ended, however it ended; it never rejects. */
  readonly done: Promise<PipelineState>;
}

/**
 * The one way to run a pipeline: a Store over its reducer, its saga on that store, and a
 * crashed saga turned into @@PIPELINE_FAILED so that no run stays "running".
 */
export function runPipeline(pipeline: Pipeline, options: RunPipelineOptions = {}): PipelineRun {
  const { onAction, onListenerError, onCrash, ...sagaOptions } = options;
  const saga = pipeline.buildSaga(sagaOptions);
  const store = new Store(
    pipeline.buildReducer(),
    undefined,
    onListenerError === undefined ? {} : { onListenerError },
  );
  if (onAction !== undefined) store.subscribe(onAction);
  const task = store.runSaga(saga);
  const clock = sagaOptions.clock ?? systemClock;
  const done = task.toPromise().then(
    () => store.getState(),
    (error: unknown) => {
      if (!isFinished(store.getState().status)) {
        store.dispatch(
          action(PIPELINE_FAILED, {
            at: safeNow(clock),
            error: `internal error: ${errorMessage(error)}`,
          }),
        );
      }
      onCrash?.(error);
      return store.getState();
    },
  );
  return { store, task: task as Task<PipelineRunResult>, done };
}

/** The clock's time, or the system's when the clock itself is what broke. */
function safeNow(clock: Clock): number {
  try {
    return clock.now();
  } catch {
    return systemClock.now();
  }
}
