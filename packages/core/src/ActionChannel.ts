import type { ActionPattern } from "./effects";
import type { AnyAction } from "./types";

type TakeCallback = (action: AnyAction, error?: unknown) => void;

interface Taker {
  readonly matches: (action: AnyAction) => boolean;
  readonly callback: TakeCallback;
  cancelled: boolean;
}

/** Every dispatched action goes out to the sagas waiting on a `take` that matches it, once. */
export class ActionChannel {
  private takers: Taker[] = [];

  put(action: AnyAction): void {
    if (this.takers.length === 0) return;
    const takers = this.takers;
    this.takers = [];
    for (const taker of takers) {
      // A taker cancelled by an earlier one in this round (a race's loser) is dropped here.
      if (taker.cancelled) continue;
      let matches: boolean;
      try {
        matches = taker.matches(action);
      } catch (error) {
        // A throwing predicate fails its own take, not everyone else's.
        taker.cancelled = true;
        taker.callback(action, error ?? new Error("take predicate threw"));
        continue;
      }
      if (matches) {
        taker.cancelled = true;
        taker.callback(action);
      } else this.takers.push(taker);
    }
  }

  /** Calls `callback` with the next action matching `pattern`; returns a canceller. */
  take(pattern: ActionPattern, callback: TakeCallback): () => void {
    const taker: Taker = { matches: matcherFor(pattern), callback, cancelled: false };
    this.takers.push(taker);
    return () => {
      if (taker.cancelled) return;
      taker.cancelled = true;
      this.takers = this.takers.filter((other) => other !== taker);
    };
  }
}

export function matcherFor(pattern: ActionPattern): (action: AnyAction) => boolean {
  if (pattern === "*") return () => true;
  if (typeof pattern === "string") return (action) => action.type === pattern;
  if (typeof pattern === "function") return pattern;
  if (Array.isArray(pattern)) return (action) => pattern.includes(action.type);
  throw new TypeError(
    `take(pattern): pattern must be "*", an action type, a list of types or a predicate, got ${pattern === null ? "null" : typeof pattern}.`,
  );
}
