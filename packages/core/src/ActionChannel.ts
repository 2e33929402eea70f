import type { ActionPattern } from "./effects";
import type { AnyAction } from "./types";

interface Taker {
  readonly matches: (action: AnyAction) => boolean;
  readonly callback: (action: AnyAction) => void;
}

/** Every dispatched action goes out to the sagas waiting on a `take` that matches it, once. */
export class ActionChannel {
  private takers: Taker[] = [];

  put(action: AnyAction): void {
    if (this.takers.length === 0) return;
    const takers = this.takers;
    this.takers = [];
    for (const taker of takers) {
      if (taker.matches(action)) taker.callback(action);
      else this.takers.push(taker);
    }
  }

  take(pattern: ActionPattern, callback: (action: AnyAction) => void): () => void {
    const taker: Taker = { matches: matcherFor(pattern), callback };
    this.takers.push(taker);
    return () => {
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
    `take(pattern): pattern must be "*", an action type, a list of types or a predicate.`,
  );
}
