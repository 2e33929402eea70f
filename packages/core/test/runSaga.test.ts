import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type AnyAction,
  all,
  CALL,
  Channel,
  call,
  cancel,
  cancelled,
  delay,
  FORK,
  fork,
  join,
  PUT,
  put,
  race,
  type SagaIterator,
  Store,
  select,
  type Task,
  take,
} from "../src/index";

const log = (state: string[] = [], action: AnyAction) =>
  action.type.startsWith("@@") ? state : [...state, action.type];

function storeWithLog() {
  return new Store(log);
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("effects are plain data", () => {
  it("builds tagged objects", () => {
    const fn = (x?: number) => x;
    expect(put({ type: "a", payload: 1 })).toEqual({
      type: PUT,
      action: { type: "a", payload: 1 },
    });
    expect(call(fn, 2)).toEqual({ type: CALL, fn, args: [2] });
    expect(fork(fn)).toEqual({ type: FORK, saga: fn, args: [] });
    expect(delay(5)).toEqual({ type: "DELAY", ms: 5 });
    expect(take("x")).toEqual({ type: "TAKE", pattern: "x" });
    expect(cancelled()).toEqual({ type: "CANCELLED" });
    expect(select()).toEqual({ type: "SELECT", args: [] });
    expect(all([delay(1)])).toEqual({ type: "ALL", effects: [{ type: "DELAY", ms: 1 }] });
    expect(race({ a: delay(1) })).toEqual({
      type: "RACE",
      effects: { a: { type: "DELAY", ms: 1 } },
    });
  });

  it("says what is wrong when call or fork get no function", () => {
    expect(() => call(undefined as unknown as () => void)).toThrow(/fn must be a function/);
    expect(() => fork(3 as unknown as () => void)).toThrow(/fn must be a function/);
  });
});

describe("runSaga", () => {
  it("runs put, select and call with sync values, promises and generators", async () => {
    const store = storeWithLog();
    const actual: unknown[] = [];
    function* child(value: number): SagaIterator<number> {
      yield put({ type: "child", payload: value });
      return value * 2;
    }
    function* saga(): SagaIterator<string> {
      yield put({ type: "first", payload: undefined });
      actual.push(yield select());
      actual.push(yield select((state: string[], suffix: string) => state.join() + suffix, "!"));
      actual.push(yield call((x: number) => x + 1, 1));
      actual.push(yield call(async (x: number) => x + 10, 1));
      actual.push(yield call(child, 21));
      return "done";
    }
    const task = store.runSaga(saga);
    expect(await task.toPromise()).toBe("done");
    expect(actual).toEqual([["first"], "first!", 2, 11, 42]);
    expect(store.getState()).toEqual(["first", "child"]);
    expect(task.isRunning()).toBe(false);
  });

  it("throws a call's error into the saga, where try/catch can handle it", async () => {
    const store = storeWithLog();
    function* saga(): SagaIterator<string> {
      try {
        yield call(async () => {
          throw new Error("boom");
        });
        return "not reached";
      } catch (error) {
        return (error as Error).message;
      }
    }
    expect(await store.runSaga(saga).toPromise()).toBe("boom");
  });

  it("rejects the task's promise with an uncaught error", async () => {
    const store = storeWithLog();
    function* saga(): SagaIterator {
      yield call(() => {
        throw new Error("uncaught");
      });
    }
    const task = store.runSaga(saga);
    await expect(task.toPromise()).rejects.toThrow("uncaught");
    expect(task.status).toBe("failed");
  });

  it("waits for attached forks before it ends", async () => {
    const store = storeWithLog();
    const actual: string[] = [];
    function* slow(): SagaIterator {
      yield delay(100);
      actual.push("child done");
    }
    function* parent(): SagaIterator<string> {
      yield fork(slow);
      actual.push("parent body done");
      return "result";
    }
    const promise = store.runSaga(parent).toPromise();
    await vi.advanceTimersByTimeAsync(100);
    expect(await promise).toBe("result");
    expect(actual).toEqual(["parent body done", "child done"]);
  });

  it("aborts the parent and cancels siblings when a fork fails", async () => {
    const store = storeWithLog();
    const actual: string[] = [];
    function* failing(): SagaIterator {
      yield delay(10);
      throw new Error("child failed");
    }
    function* sibling(): SagaIterator {
      try {
        yield delay(1000);
      } finally {
        actual.push(`sibling cancelled: ${yield cancelled()}`);
      }
    }
    function* parent(): SagaIterator {
      try {
        yield fork(failing);
        yield fork(sibling);
        yield delay(1000);
      } finally {
        actual.push("parent finally");
      }
    }
    const promise = store.runSaga(parent).toPromise();
    const outcome = expect(promise).rejects.toThrow("child failed");
    await vi.advanceTimersByTimeAsync(10);
    await outcome;
    expect(actual).toEqual(["sibling cancelled: true", "parent finally"]);
  });

  it("cancels children first, then the parent, running every finally with cancelled() true", async () => {
    const store = storeWithLog();
    function* child(): SagaIterator {
      try {
        yield delay(1000);
      } finally {
        if (yield cancelled()) yield put({ type: "child cancelled", payload: undefined });
      }
    }
    function* parent(): SagaIterator {
      try {
        yield fork(child);
        yield take("never");
      } finally {
        if (yield cancelled()) yield put({ type: "parent cancelled", payload: undefined });
      }
    }
    const task = store.runSaga(parent);
    expect(task.isRunning()).toBe(true);
    task.cancel();
    expect(await task.toPromise()).toBeUndefined();
    expect(task.isCancelled()).toBe(true);
    expect(task.status).toBe("cancelled");
    expect(store.getState()).toEqual(["child cancelled", "parent cancelled"]);
  });

  it("all: collects results; one error cancels the rest", async () => {
    const store = storeWithLog();
    function* ok(): SagaIterator {
      return yield all({ a: call(async () => 1), b: delay(50, "slow") });
    }
    const first = store.runSaga(ok).toPromise();
    await vi.advanceTimersByTimeAsync(50);
    expect(await first).toEqual({ a: 1, b: "slow" });

    const actual: string[] = [];
    function* loser(): SagaIterator {
      try {
        yield delay(1000);
      } finally {
        if (yield cancelled()) actual.push("loser cancelled");
      }
    }
    function* failing(): SagaIterator {
      yield all([
        call(loser),
        call(async () => {
          throw new Error("all failed");
        }),
      ]);
    }
    await expect(store.runSaga(failing).toPromise()).rejects.toThrow("all failed");
    expect(actual).toEqual(["loser cancelled"]);
  });

  it("race: the first to finish wins and the others are cancelled", async () => {
    const store = storeWithLog();
    const actual: string[] = [];
    function* slow(): SagaIterator {
      try {
        yield delay(1000);
        return "slow";
      } finally {
        if (yield cancelled()) actual.push("slow cancelled");
      }
    }
    function* saga(): SagaIterator {
      return yield race({ slow: call(slow), fast: delay(10, "fast") });
    }
    const promise = store.runSaga(saga).toPromise();
    await vi.advanceTimersByTimeAsync(10);
    expect(await promise).toEqual({ slow: undefined, fast: "fast" });
    expect(actual).toEqual(["slow cancelled"]);
  });

  it("take resolves on the next matching action only", async () => {
    const store = storeWithLog();
    const taken: AnyAction[] = [];
    function* saga(): SagaIterator {
      taken.push(yield take("b"));
      taken.push(yield take(["c", "d"]));
      taken.push(yield take((action: AnyAction) => action.payload === 3));
    }
    store.dispatch({ type: "b", payload: 0 }); // before the saga: never seen
    const task = store.runSaga(saga);
    store.dispatch({ type: "a", payload: 1 });
    store.dispatch({ type: "b", payload: 1 });
    store.dispatch({ type: "d", payload: 2 });
    store.dispatch({ type: "x", payload: 3 });
    await task.toPromise();
    expect(taken).toEqual([
      { type: "b", payload: 1 },
      { type: "d", payload: 2 },
      { type: "x", payload: 3 },
    ]);
  });

  it("take on a channel gets buffered messages in order; put(channel, message) fills it", async () => {
    const store = storeWithLog();
    const channel = new Channel<number>();
    channel.put(1);
    function* producer(): SagaIterator {
      yield delay(5);
      yield put(channel, 2);
    }
    function* consumer(): SagaIterator<number[]> {
      yield fork(producer);
      return [yield take(channel), yield take(channel)];
    }
    const promise = store.runSaga(consumer).toPromise();
    await vi.advanceTimersByTimeAsync(5);
    expect(await promise).toEqual([1, 2]);
  });

  it("cancel(task) and join(task)", async () => {
    const store = storeWithLog();
    function* worker(): SagaIterator<string> {
      yield delay(20);
      return "joined";
    }
    function* forever(): SagaIterator {
      yield take("never");
    }
    function* saga(): SagaIterator {
      const stuck: Task = yield fork(forever);
      yield cancel(stuck);
      const done: Task = yield fork(worker);
      return [stuck.isCancelled(), yield join(done)];
    }
    const promise = store.runSaga(saga).toPromise();
    await vi.advanceTimersByTimeAsync(20);
    expect(await promise).toEqual([true, "joined"]);
  });

  it("runs a long synchronous loop without growing the stack", async () => {
    const store = storeWithLog();
    function* saga(): SagaIterator<number> {
      let sum = 0;
      for (let i = 0; i < 100_000; i++) sum += yield call(() => 1);
      return sum;
    }
    expect(await store.runSaga(saga).toPromise()).toBe(100_000);
  });

  it("orders puts made while a dispatch is running after that dispatch", async () => {
    const store = storeWithLog();
    const seen: string[] = [];
    store.subscribe((_state, action) => seen.push(action.type));
    function* echo(): SagaIterator {
      const action: AnyAction = yield take("ping");
      yield put({ type: `pong after ${action.type}`, payload: undefined });
    }
    const task = store.runSaga(echo);
    store.dispatch({ type: "ping", payload: undefined });
    await task.toPromise();
    expect(seen).toEqual(["ping", "pong after ping"]);
  });
});
