import type { ActionChannel } from "./ActionChannel";
import {
  ALL,
  type AllEffect,
  type AnyFunction,
  CALL,
  CANCEL,
  CANCELLED,
  DELAY,
  DISPATCHER,
  type Effect,
  FORK,
  JOIN,
  PUT,
  RACE,
  type RaceEffect,
  type SagaIterator,
  SELECT,
  TAKE,
} from "./effects";
import { asap, immediately } from "./scheduler";
import type { Task, TaskStatus } from "./Task";
import type { AnyAction } from "./types";

/** What a saga may touch: the store's dispatch and state, and its stream of actions. */
export interface SagaEnvironment<S = unknown> {
  readonly dispatch: (action: AnyAction) => unknown;
  readonly getState: () => S;
  readonly channel: ActionChannel;
}

type Callback = (value: unknown, isError?: boolean) => void;
type Cancel = () => void;
type EffectRunner = (effect: never, callback: Callback, task: SagaTask) => Cancel | undefined;

const noop: Cancel = () => {};

/** Starts `saga(...args)` in `env`; returns its Task. */
export function runSaga<Args extends unknown[], R>(
  env: SagaEnvironment,
  saga: (...args: Args) => SagaIterator<R>,
  ...args: Args
): Task<R> {
  const iterator = toIterator(saga as AnyFunction, args);
  return immediately(() => {
    const task = new SagaTask(env, undefined);
    task.start(iterator);
    return task as Task<R>;
  });
}

class SagaTask implements Task<unknown> {
  status: TaskStatus = "running";
  error: unknown = undefined;
  private result: unknown = undefined;
  private cancelling = false;
  private mainDone = false;
  private readonly children = new Set<SagaTask>();
  private cancelMain: Cancel = noop;
  private promise: Promise<unknown> | undefined;
  private settle: { resolve: (value: unknown) => void; reject: (error: unknown) => void } | null =
    null;
  private readonly joiners: Callback[] = [];

  constructor(
    readonly env: SagaEnvironment,
    private readonly parent: SagaTask | undefined,
  ) {}

  start(iterator: SagaIterator): void {
    this.cancelMain = runMain(this, iterator, (value, isError) => {
      this.mainDone = true;
      if (isError) this.abort(value);
      else {
        this.result = value;
        this.checkEnd();
      }
    });
  }

  fork(iterator: SagaIterator): SagaTask {
    const child = new SagaTask(this.env, this);
    this.children.add(child);
    child.start(iterator);
    return child;
  }

  toPromise(): Promise<unknown> {
    if (!this.promise) {
      this.promise = new Promise((resolve, reject) => {
        this.settle = { resolve, reject };
      });
      if (this.status !== "running") this.notifyPromise();
    }
    return this.promise;
  }

  isRunning(): boolean {
    return this.status === "running";
  }

  isCancelled(): boolean {
    return this.cancelling;
  }

  cancel(): void {
    if (this.status !== "running" || this.cancelling) return;
    this.cancelling = true;
    // Children first, so what they report on cancellation comes before what the parent does.
    for (const child of [...this.children]) child.cancel();
    if (!this.mainDone) this.cancelMain();
    else this.checkEnd();
  }

  /** Wait for the task to end; `callback` gets its result, or its error as an error. */
  join(callback: Callback): Cancel {
    if (this.status !== "running") {
      if (this.status === "failed") callback(this.error, true);
      else callback(this.status === "done" ? this.result : undefined);
      return noop;
    }
    this.joiners.push(callback);
    return () => {
      const index = this.joiners.indexOf(callback);
      if (index >= 0) this.joiners.splice(index, 1);
    };
  }

  /** An error in the saga or one of its children: cancel everything else, then fail. */
  private abort(error: unknown): void {
    if (this.status !== "running") return;
    if (this.error === undefined) this.error = error ?? new Error("saga failed");
    for (const child of [...this.children]) child.cancel();
    // The main generator is stopped (its `finally` runs) but `cancelled()` stays false there:
    // the task is failing, not being cancelled.
    if (!this.mainDone) this.cancelMain();
    else this.checkEnd();
  }

  private childEnded(child: SagaTask): void {
    this.children.delete(child);
    if (child.status === "failed") this.abort(child.error);
    else this.checkEnd();
  }

  private checkEnd(): void {
    if (this.status !== "running" || !this.mainDone || this.children.size > 0) return;
    this.status = this.error !== undefined ? "failed" : this.cancelling ? "cancelled" : "done";
    this.notifyPromise();
    for (const joiner of this.joiners.splice(0)) {
      if (this.status === "failed") joiner(this.error, true);
      else joiner(this.status === "done" ? this.result : undefined);
    }
    this.parent?.childEnded(this);
  }

  private notifyPromise(): void {
    if (!this.settle) return;
    if (this.status === "failed") this.settle.reject(this.error);
    else this.settle.resolve(this.status === "done" ? this.result : undefined);
  }
}

/**
 * Drives one generator: runs each yielded effect and resumes the generator with its result.
 * Effects that finish at once are looped over rather than recursed into, so a long run of
 * synchronous steps uses no stack. Returns a function that cancels the generator: the pending
 * effect is cancelled and the generator is returned, running its `finally` blocks.
 */
function runMain(task: SagaTask, iterator: SagaIterator, onEnd: Callback): Cancel {
  let pendingCancel: Cancel = noop;
  let currentToken = { live: false };
  let ended = false;
  // True while the generator body runs or an effect is being started: a cancel then is deferred
  // to the step loop, which must not be re-entered.
  let stepping = false;
  let inEffect = false;
  let returning = false;
  let returnRequested = false;

  const step = (input: unknown, mode: "next" | "throw" | "return") => {
    let value = input;
    let how = mode;
    for (;;) {
      let result: IteratorResult<unknown, unknown>;
      stepping = true;
      try {
        result =
          how === "throw"
            ? iterator.throw
              ? iterator.throw(value)
              : (() => {
                  throw value;
                })()
            : how === "return"
              ? iterator.return
                ? iterator.return(value)
                : { done: true, value: undefined }
              : iterator.next(value);
      } catch (error) {
        ended = true;
        onEnd(error, true);
        return;
      } finally {
        stepping = false;
      }
      if (result.done) {
        ended = true;
        onEnd(result.value);
        return;
      }
      if (returnRequested && how !== "return") {
        // Cancelled while the generator body ran: do not start what it just yielded.
        returnRequested = false;
        value = undefined;
        how = "return";
        continue;
      }

      let settledNow = false;
      let settledValue: unknown;
      let settledAsError = false;
      let sync = true;
      const token = { live: true };
      currentToken = token;
      const callback: Callback = (outcome, isError = false) => {
        if (!token.live) return;
        token.live = false;
        pendingCancel = noop;
        if (sync) {
          settledNow = true;
          settledValue = outcome;
          settledAsError = isError;
        } else step(outcome, isError ? "throw" : "next");
      };
      let cancelEffect: Cancel | undefined;
      inEffect = true;
      try {
        cancelEffect = runEffect(result.value, callback, task);
      } catch (error) {
        // A malformed effect (a bad pattern, a task that is not one) fails here, in the saga.
        callback(error, true);
      } finally {
        inEffect = false;
      }
      sync = false;
      if (ended) return;
      if (returnRequested && !settledNow) {
        // Cancelled while the effect was being started: cancel it and return the generator.
        returnRequested = false;
        token.live = false;
        cancelEffect?.();
        value = undefined;
        how = "return";
        continue;
      }
      // Settled, then cancelled: resume with the value; the next yield becomes a return.
      if (!settledNow) {
        if (token.live) {
          pendingCancel = () => {
            token.live = false;
            cancelEffect?.();
          };
        }
        return;
      }
      value = settledValue;
      how = settledAsError ? "throw" : "next";
    }
  };

  step(undefined, "next");

  return () => {
    if (ended || returning) return;
    returning = true;
    if (stepping || inEffect) {
      returnRequested = true;
      return;
    }
    const cancelEffect = pendingCancel;
    pendingCancel = noop;
    currentToken.live = false;
    cancelEffect();
    step(undefined, "return");
  };
}

/** Runs one yielded value: an effect, a promise, a nested iterator, or a plain value. */
function runEffect(value: unknown, callback: Callback, task: SagaTask): Cancel | undefined {
  if (isEffect(value)) {
    const runner = effectRunners[value.type] as EffectRunner;
    return runner(value as never, callback, task);
  }
  if (isPromise(value)) {
    value.then(callback, (error) => callback(error, true));
    return undefined;
  }
  if (isIterator(value)) return runSubTask(value, callback, task);
  callback(value);
  return undefined;
}

function runSubTask(iterator: SagaIterator, callback: Callback, task: SagaTask): Cancel {
  const sub = new SagaTask(task.env, undefined);
  sub.start(iterator);
  const stopJoining = sub.join(callback);
  return () => {
    stopJoining();
    sub.cancel();
  };
}

const effectRunners: { [K in Effect["type"]]: EffectRunner } = {
  [PUT]: ((effect: Extract<Effect, { type: "PUT" }>, callback: Callback, task: SagaTask) => {
    asap(() => {
      let result: unknown;
      try {
        if (effect.channel) effect.channel.put(effect.action);
        else result = task.env.dispatch(effect.action as AnyAction);
      } catch (error) {
        callback(error, true);
        return;
      }
      callback(result ?? effect.action);
    });
    return undefined;
  }) as EffectRunner,

  [CALL]: ((effect: Extract<Effect, { type: "CALL" }>, callback: Callback, task: SagaTask) => {
    let result: unknown;
    try {
      result = effect.fn(...effect.args);
    } catch (error) {
      callback(error, true);
      return undefined;
    }
    if (isPromise(result)) {
      result.then(callback, (error) => callback(error, true));
      return undefined;
    }
    if (isIterator(result)) return runSubTask(result, callback, task);
    callback(result);
    return undefined;
  }) as EffectRunner,

  [FORK]: ((effect: Extract<Effect, { type: "FORK" }>, callback: Callback, task: SagaTask) => {
    let iterator: SagaIterator;
    try {
      iterator = toIterator(effect.saga, effect.args);
    } catch (error) {
      callback(error, true);
      return undefined;
    }
    const child = immediately(() => task.fork(iterator));
    callback(child);
    return undefined;
  }) as EffectRunner,

  [ALL]: ((effect: AllEffect, callback: Callback, task: SagaTask) =>
    runCombinator(effect, callback, task, "all")) as EffectRunner,

  [RACE]: ((effect: RaceEffect, callback: Callback, task: SagaTask) =>
    runCombinator(effect, callback, task, "race")) as EffectRunner,

  [DELAY]: ((effect: Extract<Effect, { type: "DELAY" }>, callback: Callback) => {
    const timer = setTimeout(() => callback(effect.value ?? true), Math.max(0, effect.ms));
    return () => clearTimeout(timer);
  }) as EffectRunner,

  [SELECT]: ((effect: Extract<Effect, { type: "SELECT" }>, callback: Callback, task: SagaTask) => {
    try {
      const state = task.env.getState();
      callback(effect.selector ? effect.selector(state, ...effect.args) : state);
    } catch (error) {
      callback(error, true);
    }
    return undefined;
  }) as EffectRunner,

  [TAKE]: ((effect: Extract<Effect, { type: "TAKE" }>, callback: Callback, task: SagaTask) => {
    if (effect.channel) return effect.channel.take((message) => callback(message));
    return task.env.channel.take(effect.pattern ?? "*", (action, error) =>
      error === undefined ? callback(action) : callback(error, true),
    );
  }) as EffectRunner,

  [CANCELLED]: ((_effect: unknown, callback: Callback, task: SagaTask) => {
    callback(task.isCancelled());
    return undefined;
  }) as EffectRunner,

  [CANCEL]: ((effect: Extract<Effect, { type: "CANCEL" }>, callback: Callback, task: SagaTask) => {
    const target = effect.task ?? task;
    if (target === task) {
      // Cancelling oneself: let the current step finish first.
      asap(() => task.cancel());
      callback(undefined);
      return undefined;
    }
    target.cancel();
    callback(undefined);
    return undefined;
  }) as EffectRunner,

  [JOIN]: ((effect: Extract<Effect, { type: "JOIN" }>, callback: Callback) => {
    const target = effect.task as unknown as SagaTask;
    return target.join(callback);
  }) as EffectRunner,

  [DISPATCHER]: ((_effect: unknown, callback: Callback, task: SagaTask) => {
    callback(task.env.dispatch);
    return undefined;
  }) as EffectRunner,
};

function runCombinator(
  effect: AllEffect | RaceEffect,
  callback: Callback,
  task: SagaTask,
  mode: "all" | "race",
): Cancel {
  const keys = Object.keys(effect.effects);
  const isArray = Array.isArray(effect.effects);
  const results: Record<string, unknown> = {};
  const cancels = new Map<string, Cancel>();
  let remaining = keys.length;
  let finished = false;

  const shape = () =>
    isArray
      ? keys.map((key) => results[key])
      : Object.fromEntries(keys.map((k) => [k, results[k]]));
  const cancelOthers = () => {
    for (const cancelOne of cancels.values()) cancelOne();
    cancels.clear();
  };

  if (keys.length === 0) {
    callback(isArray ? [] : {});
    return noop;
  }
  for (const key of keys) {
    if (finished) break;
    const child = (effect.effects as Record<string, Effect>)[key];
    const cancelChild = runEffect(
      child,
      (value, isError) => {
        if (finished) return;
        cancels.delete(key);
        if (isError) {
          finished = true;
          cancelOthers();
          callback(value, true);
          return;
        }
        results[key] = value;
        if (mode === "race") {
          finished = true;
          cancelOthers();
          callback(shape());
          return;
        }
        if (--remaining === 0) {
          finished = true;
          callback(shape());
        }
      },
      task,
    );
    if (!finished && cancelChild) cancels.set(key, cancelChild);
  }
  return () => {
    finished = true;
    cancelOthers();
  };
}

function toIterator(fn: AnyFunction, args: readonly unknown[]): SagaIterator {
  const result = fn(...args);
  if (isIterator(result)) return result;
  // A plain function: wrap its result (a value or a promise) as a one-step saga.
  return (function* wrapped() {
    return yield result;
  })();
}

function isEffect(value: unknown): value is Effect {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { type?: unknown }).type === "string" &&
    Object.hasOwn(effectRunners, (value as { type: string }).type)
  );
}

function isPromise(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

function isIterator(value: unknown): value is SagaIterator {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { next?: unknown }).next === "function" &&
    typeof (value as { throw?: unknown }).throw === "function" &&
    // An async generator's steps are promises: it is a value here, not a saga to drive.
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== "function"
  );
}
