import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ActionChannel,
  type AnyAction,
  cancel,
  cancelled,
  delay,
  fork,
  join,
  put,
  race,
  type SagaIterator,
  Store,
  type Task,
  take,
} from "../src/index";

// Re-entrancy and misuse: cancellations that land mid-step, effects that throw while starting,
// takers cancelled during a dispatch, listeners dispatching in reaction to a saga's put.

const noop = (state = 0) => state;

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("runSaga edge cases", () => {
  it("a cancel that lands just after a put settled still runs the finally's own effects", async () => {
    const store = new Store(noop);
    const actual: unknown[] = [];
    let target: Task | undefined;
    function* victim(): SagaIterator {
      try {
        yield delay(1);
        yield put({ type: "A", payload: null });
        yield delay(1000);
      } finally {
        if (yield cancelled()) actual.push(yield delay(50, "cleanup done"));
      }
    }
    function* canceller(): SagaIterator {
      yield take("A");
      yield put({ type: "B", payload: null }); // queued behind the victim's put
      yield cancel(target!);
    }
    store.runSaga(canceller);
    target = store.runSaga(victim);
    await vi.advanceTimersByTimeAsync(100);
    expect(actual).toEqual(["cleanup done"]);
    expect(target.status).toBe("cancelled");
  });

  it("a malformed effect fails inside the saga, where try/catch sees it", async () => {
    const store = new Store(noop);
    function* saga(): SagaIterator<string> {
      yield delay(5);
      try {
        yield join({} as Task);
        return "not reached";
      } catch (error) {
        return `caught: ${(error as Error).message}`;
      }
    }
    const promise = store.runSaga(saga).toPromise();
    await vi.advanceTimersByTimeAsync(5);
    expect(await promise).toMatch(/^caught: /);
  });

  it("refuses take(undefined): a mistyped action type must not match every action", () => {
    expect(() => take(undefined as unknown as string)).toThrow(/pattern is undefined/);
    expect(take()).toEqual({ type: "TAKE", pattern: "*" });
  });

  it("a child whose finally throws while being cancelled does not cut the parent's finally short", async () => {
    const store = new Store(noop);
    const actual: string[] = [];
    function* child(): SagaIterator {
      try {
        yield delay(1000);
      } finally {
        // biome-ignore lint/correctness/noUnsafeFinally: the point of the test
        throw new Error("child cleanup failed");
      }
    }
    function* parent(): SagaIterator {
      try {
        yield fork(child);
        yield delay(1000);
      } finally {
        actual.push("parent finally: start");
        yield delay(10);
        actual.push("parent finally: end");
      }
    }
    const task = store.runSaga(parent);
    const outcome = expect(task.toPromise()).rejects.toThrow("child cleanup failed");
    task.cancel();
    await vi.advanceTimersByTimeAsync(10);
    await outcome;
    expect(actual).toEqual(["parent finally: start", "parent finally: end"]);
  });

  it("a task that fails is not reported as cancelled", async () => {
    const store = new Store(noop);
    let sawCancelled: boolean | undefined;
    function* failing(): SagaIterator {
      yield delay(1);
      throw new Error("boom");
    }
    function* parent(): SagaIterator {
      try {
        yield fork(failing);
        yield delay(100);
      } finally {
        sawCancelled = yield cancelled();
      }
    }
    const task = store.runSaga(parent);
    const outcome = expect(task.toPromise()).rejects.toThrow("boom");
    await vi.advanceTimersByTimeAsync(1);
    await outcome;
    expect(task.isCancelled()).toBe(false);
    expect(sawCancelled).toBe(false);
  });

  it("race between takes leaves no taker behind", () => {
    const channel = new ActionChannel();
    const won: string[] = [];
    const cancels: (() => void)[] = [];
    // Two takers in a race: the first to match cancels the other during the same put.
    cancels.push(
      channel.take("A", (action) => {
        won.push(action.type);
        cancels[1]!();
      }),
    );
    cancels.push(channel.take("B", (action) => won.push(action.type)));
    channel.put({ type: "A", payload: null });
    channel.put({ type: "B", payload: null });
    expect(won).toEqual(["A"]);
  });

  it("a throwing take predicate fails only its own take", async () => {
    const store = new Store(noop);
    function* picky(): SagaIterator<string> {
      try {
        yield take(() => {
          throw new Error("predicate broke");
        });
        return "not reached";
      } catch (error) {
        return (error as Error).message;
      }
    }
    function* plain(): SagaIterator<string> {
      const action: AnyAction = yield take("X");
      return action.type;
    }
    const pickyTask = store.runSaga(picky);
    const plainTask = store.runSaga(plain);
    store.dispatch({ type: "X", payload: null });
    expect(await pickyTask.toPromise()).toBe("predicate broke");
    expect(await plainTask.toPromise()).toBe("X");
  });

  it("sagas see a saga's put before what a listener dispatches in reaction to it", async () => {
    const store = new Store(noop);
    store.subscribe((_state, action) => {
      if (action.type === "X") store.dispatch({ type: "Y", payload: null });
    });
    function* saga(): SagaIterator<string> {
      yield put({ type: "X", payload: null });
      const reaction: AnyAction = yield take("Y");
      return reaction.type;
    }
    expect(await store.runSaga(saga).toPromise()).toBe("Y");
  });

  it("race of take and delay in a loop keeps working", async () => {
    const store = new Store(noop);
    function* saga(): SagaIterator<number> {
      let timeouts = 0;
      for (let i = 0; i < 50; i++) {
        const winner: { tick?: unknown } = yield race({ tick: delay(1), never: take("never") });
        if (winner.tick) timeouts++;
      }
      return timeouts;
    }
    const promise = store.runSaga(saga).toPromise();
    await vi.advanceTimersByTimeAsync(50);
    expect(await promise).toBe(50);
  });
});
