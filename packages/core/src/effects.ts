import type { Channel } from "./Channel";
import type { Task } from "./Task";
import type { AnyAction } from "./types";

// Effects are plain data: a saga yields them, the runner interprets them. A saga can thus be
// tested step by step (`gen.next().value` deep-equals `put(...)`) without running anything.

export const PUT = "PUT";
export const CALL = "CALL";
export const FORK = "FORK";
export const ALL = "ALL";
export const RACE = "RACE";
export const DELAY = "DELAY";
export const SELECT = "SELECT";
export const TAKE = "TAKE";
export const CANCELLED = "CANCELLED";
export const CANCEL = "CANCEL";
export const JOIN = "JOIN";
export const DISPATCHER = "DISPATCHER";

// biome-ignore lint/suspicious/noExplicitAny: a saga's `next` value depends on the effect it yielded; its result type is free unless given
export type SagaIterator<R = any> = Iterator<unknown, R, any>;
// biome-ignore lint/suspicious/noExplicitAny: sagas take whatever arguments their author chose
export type Saga<Args extends any[] = any[], R = unknown> = (...args: Args) => SagaIterator<R>;
// biome-ignore lint/suspicious/noExplicitAny: `call` and `fork` accept any function
export type AnyFunction = (...args: any[]) => unknown;

export type ActionPattern = "*" | string | readonly string[] | ((action: AnyAction) => boolean);

export interface PutEffect {
  readonly type: typeof PUT;
  readonly action: unknown;
  readonly channel?: Channel<unknown>;
}
export interface CallEffect {
  readonly type: typeof CALL;
  readonly fn: AnyFunction;
  readonly args: readonly unknown[];
}
export interface ForkEffect {
  readonly type: typeof FORK;
  readonly saga: AnyFunction;
  readonly args: readonly unknown[];
}
export interface AllEffect {
  readonly type: typeof ALL;
  readonly effects: readonly Effect[] | Readonly<Record<string, Effect>>;
}
export interface RaceEffect {
  readonly type: typeof RACE;
  readonly effects: readonly Effect[] | Readonly<Record<string, Effect>>;
}
export interface DelayEffect {
  readonly type: typeof DELAY;
  readonly ms: number;
  readonly value?: unknown;
}
export interface SelectEffect {
  readonly type: typeof SELECT;
  readonly selector?: AnyFunction;
  readonly args: readonly unknown[];
}
export interface TakeEffect {
  readonly type: typeof TAKE;
  readonly pattern?: ActionPattern;
  readonly channel?: Channel<unknown>;
}
export interface CancelledEffect {
  readonly type: typeof CANCELLED;
}
export interface CancelEffect {
  readonly type: typeof CANCEL;
  readonly task?: Task<unknown>;
}
export interface JoinEffect {
  readonly type: typeof JOIN;
  readonly task: Task<unknown>;
}
export interface DispatcherEffect {
  readonly type: typeof DISPATCHER;
}

export type Effect =
  | PutEffect
  | CallEffect
  | ForkEffect
  | AllEffect
  | RaceEffect
  | DelayEffect
  | SelectEffect
  | TakeEffect
  | CancelledEffect
  | CancelEffect
  | JoinEffect
  | DispatcherEffect;

/** Dispatch `action` to the store, or put a message into `channel` when it is given. */
export function put(action: unknown): PutEffect;
export function put<T>(channel: Channel<T>, message: T): PutEffect;
export function put(target: unknown, message?: unknown): PutEffect {
  if (isChannel(target)) return { type: PUT, action: message, channel: target };
  return { type: PUT, action: target };
}

/** Call `fn(...args)` and resume with its result: a value, a promise's value, or a saga's return. */
export function call<F extends AnyFunction>(fn: F, ...args: Parameters<F>): CallEffect {
  assertFunction("call", fn);
  return { type: CALL, fn, args };
}

/** Start `saga(...args)` beside the current saga, attached to it; resume at once with its Task. */
export function fork<F extends AnyFunction>(saga: F, ...args: Parameters<F>): ForkEffect {
  assertFunction("fork", saga);
  return { type: FORK, saga, args };
}

/** Run effects together; resume with all their results, or fail (cancelling the rest). */
export function all(effects: readonly Effect[] | Readonly<Record<string, Effect>>): AllEffect {
  return { type: ALL, effects };
}

/** Run effects together; resume with the first to finish, cancelling the others. */
export function race(effects: readonly Effect[] | Readonly<Record<string, Effect>>): RaceEffect {
  return { type: RACE, effects };
}

export function delay(ms: number, value?: unknown): DelayEffect {
  return value === undefined ? { type: DELAY, ms } : { type: DELAY, ms, value };
}

/** Resume with the store's state, or with `selector(state, ...args)`. */
export function select(selector?: AnyFunction, ...args: unknown[]): SelectEffect {
  return selector ? { type: SELECT, selector, args } : { type: SELECT, args };
}

/** Wait for the next dispatched action matching `pattern`, or the next message of a channel. */
export function take(pattern?: ActionPattern): TakeEffect;
export function take<T>(channel: Channel<T>): TakeEffect;
export function take(...args: unknown[]): TakeEffect {
  if (args.length === 0) return { type: TAKE, pattern: "*" };
  const [target] = args;
  if (isChannel(target)) return { type: TAKE, channel: target };
  if (target === undefined || target === null) {
    // Most often a mistyped action-type constant: refuse rather than match every action.
    throw new TypeError(
      `take(pattern): pattern is ${String(target)}. Pass an action type, a list of types, a predicate or "*".`,
    );
  }
  return { type: TAKE, pattern: target as ActionPattern };
}

/** Resume with true when the current saga is being cancelled (use it in `finally`). */
export function cancelled(): CancelledEffect {
  return { type: CANCELLED };
}

/** Cancel a task (the current one when none is given). */
export function cancel(task?: Task<unknown>): CancelEffect {
  return task ? { type: CANCEL, task } : { type: CANCEL };
}

/** Wait for a forked task to end; resume with its result, or throw its error. */
export function join(task: Task<unknown>): JoinEffect {
  return { type: JOIN, task };
}

/** Resume with the store's `dispatch`, for handing to callback-style code (like a phase's log). */
export function dispatcher(): DispatcherEffect {
  return { type: DISPATCHER };
}

function isChannel(value: unknown): value is Channel<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Channel<unknown>).take === "function" &&
    typeof (value as Channel<unknown>).put === "function"
  );
}

function assertFunction(effect: string, fn: unknown): void {
  if (typeof fn !== "function") {
    throw new TypeError(`${effect}(fn, ...args): fn must be a function, got ${typeof fn}.`);
  }
}
