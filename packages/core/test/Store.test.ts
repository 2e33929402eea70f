import { describe, expect, it, vi } from "vitest";
import { type AnyAction, INIT, Store } from "../src/index";

const counter = (state = 0, action: AnyAction) => (action.type === "add" ? state + 1 : state);

describe("Store", () => {
  it("dispatches @@INIT at construction so the reducer gives the initial state", () => {
    const seen: string[] = [];
    const store = new Store((state: number | undefined, action: AnyAction) => {
      seen.push(action.type);
      return state ?? 7;
    });
    expect(seen).toEqual([INIT]);
    expect(store.getState()).toBe(7);
  });

  it("takes an initial state", () => {
    expect(new Store(counter, 41).getState()).toBe(41);
  });

  it("notifies listeners with the new state and the action; unsubscribe stops them", () => {
    const store = new Store(counter);
    const calls: [number, string][] = [];
    const unsubscribe = store.subscribe((state, action) => calls.push([state, action.type]));
    store.dispatch({ type: "add", payload: undefined });
    unsubscribe();
    store.dispatch({ type: "add", payload: undefined });
    expect(calls).toEqual([[1, "add"]]);
    expect(store.getState()).toBe(2);
  });

  it("keeps dispatching when a listener throws, and reports the error", () => {
    const errors: unknown[] = [];
    const store = new Store(counter, undefined, { onListenerError: (error) => errors.push(error) });
    const after = vi.fn();
    store.subscribe(() => {
      throw new Error("listener broke");
    });
    store.subscribe(after);
    store.dispatch({ type: "add", payload: undefined });
    expect(store.getState()).toBe(1);
    expect(after).toHaveBeenCalledTimes(1);
    expect(errors).toEqual([new Error("listener broke")]);
  });

  it("refuses a dispatch from inside the reducer, saying what to do instead", () => {
    let store: Store<number> | undefined;
    store = new Store((state = 0, action: AnyAction) => {
      if (action.type === "nested") store!.dispatch({ type: "add", payload: undefined });
      return state;
    });
    expect(() => store!.dispatch({ type: "nested", payload: undefined })).toThrow(
      /Reducers may not dispatch actions/,
    );
    // The store still works after the refused dispatch.
    store.dispatch({ type: "other", payload: undefined });
  });

  it("rejects malformed actions and reducers with helpful errors", () => {
    const store = new Store(counter);
    expect(() => store.dispatch(null as unknown as AnyAction)).toThrow(/plain object/);
    expect(() => store.dispatch({ payload: 1 } as unknown as AnyAction)).toThrow(
      /action.type must be a string/,
    );
    expect(() => new Store(undefined as unknown as typeof counter)).toThrow(/buildReducer/);
    expect(() => store.subscribe(3 as unknown as () => void)).toThrow(/must be a function/);
  });

  it("lets a listener unsubscribe another during a dispatch without skipping anyone this round", () => {
    const store = new Store(counter);
    const second = vi.fn();
    let unsubscribeSecond = () => {};
    store.subscribe(() => unsubscribeSecond());
    unsubscribeSecond = store.subscribe(second);
    store.dispatch({ type: "add", payload: undefined });
    store.dispatch({ type: "add", payload: undefined });
    expect(second).toHaveBeenCalledTimes(1);
  });
});
