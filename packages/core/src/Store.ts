import { ActionChannel } from "./ActionChannel";
import { INIT } from "./actions";
import type { SagaIterator } from "./effects";
import { runSaga } from "./runSaga";
import { asap, immediately } from "./scheduler";
import type { Task } from "./Task";
import type { AnyAction, Reducer } from "./types";

export type Listener<S> = (state: S, action: AnyAction) => void;

export interface StoreOptions {
  /** Where a listener's error goes; it never breaks the dispatch (default: console.error). */
  readonly onListenerError?: (error: unknown, action: AnyAction) => void;
}

/** A Redux-style store: state changes only by dispatching actions through the reducer. */
export class Store<S> {
  private state: S;
  // Replaced (never mutated) on subscribe and unsubscribe, so a dispatch walks a stable array
  // without copying it every time.
  private listeners: readonly Listener<S>[] = [];
  private dispatching = false;
  private readonly channel = new ActionChannel();
  private readonly onListenerError: (error: unknown, action: AnyAction) => void;

  constructor(
    private readonly reducer: Reducer<S>,
    initialState?: S,
    options: StoreOptions = {},
  ) {
    if (typeof reducer !== "function") {
      throw new TypeError(
        `new Store(reducer): reducer must be a function, got ${typeof reducer}. ` +
          `Pass pipeline.buildReducer() or createPipelineReducer(graph).`,
      );
    }
    this.onListenerError =
      options.onListenerError ??
      ((error, action) => console.error(`A store listener threw on ${action.type}:`, error));
    this.state = initialState as S;
    this.dispatch = this.dispatch.bind(this);
    this.getState = this.getState.bind(this);
    this.dispatch({ type: INIT, payload: undefined });
  }

  getState(): S {
    if (this.dispatching) {
      throw new Error(
        "store.getState() was called while the reducer was running. " +
          "A reducer gets the state as its first argument: use that instead.",
      );
    }
    return this.state;
  }

  dispatch<A extends AnyAction>(action: A): A {
    if (typeof action !== "object" || action === null || Array.isArray(action)) {
      throw new TypeError(
        `dispatch(action): an action must be a plain object like { type, payload }, got ${describe(action)}.`,
      );
    }
    if (typeof action.type !== "string") {
      throw new TypeError(
        `dispatch(action): action.type must be a string, got ${describe(action.type)}. ` +
          "Use the action type constants (PHASE_START, ...) exported by @milo/core.",
      );
    }
    if (this.dispatching) {
      throw new Error(
        `Reducers may not dispatch actions (tried to dispatch ${action.type} from inside the ` +
          "reducer). Dispatch from a saga or a listener instead.",
      );
    }
    try {
      this.dispatching = true;
      this.state = this.reducer(this.state, action);
    } finally {
      this.dispatching = false;
    }
    const state = this.state;
    immediately(() => {
      // Queued before the listeners run, so sagas see this action before any action a listener
      // dispatches in reaction to it.
      this.queueForSagas(action);
      for (const listener of this.listeners) {
        try {
          listener(state, action);
        } catch (error) {
          this.onListenerError(error, action);
        }
      }
    });
    return action;
  }

  /**
   * A closure made here holds only the action. Made inside `dispatch`, it would share the scope
   * that holds the new state, and a handler that dispatches in a loop without yielding (each put
   * waits until it returns) would keep every intermediate state alive: kilobytes per log line.
   */
  private queueForSagas(action: AnyAction): void {
    asap(() => this.channel.put(action));
  }

  /** Calls `listener(state, action)` after every dispatch; returns the unsubscribe. */
  subscribe(listener: Listener<S>): () => void {
    if (typeof listener !== "function") {
      throw new TypeError(
        `subscribe(listener): listener must be a function, got ${typeof listener}.`,
      );
    }
    this.listeners = [...this.listeners, listener];
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      const index = this.listeners.indexOf(listener);
      this.listeners = [...this.listeners.slice(0, index), ...this.listeners.slice(index + 1)];
    };
  }

  /** Runs a saga against this store: its `put`s dispatch here, `select` reads this state. */
  runSaga<Args extends unknown[], R>(
    saga: (...args: Args) => SagaIterator<R>,
    ...args: Args
  ): Task<R> {
    if (typeof saga !== "function") {
      throw new TypeError(
        `store.runSaga(saga): saga must be a generator function, got ${typeof saga}. ` +
          "Pass pipeline.buildSaga(options).",
      );
    }
    return runSaga(
      { dispatch: this.dispatch, getState: () => this.state, channel: this.channel },
      saga,
      ...args,
    );
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? JSON.stringify(value) : typeof value;
}
