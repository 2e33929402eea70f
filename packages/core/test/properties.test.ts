import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type AnyAction,
  createPipelineReducer,
  INIT,
  PHASE_COMPLETE,
  PHASE_SKIPPED,
  PHASE_START,
  type Pipeline,
  type PipelineState,
  Store,
} from "../src/index";
import { buildRandomPipeline as buildPipeline, randomDag as dag } from "./randomPipelines";

// Property-based checks of the scheduler and the reducer over random DAGs, random durations and
// random failures, under fake timers so durations are exact and nothing really sleeps.

async function record(pipeline: Pipeline, concurrency: number | undefined, failFast: boolean) {
  const store = new Store(pipeline.buildReducer());
  const actions: AnyAction[] = [];
  const progress: number[] = [];
  store.subscribe((state, action) => {
    actions.push(action);
    progress.push(state.progress);
  });
  const done = store.runSaga(pipeline.buildSaga({ concurrency, failFast })).toPromise();
  await vi.runAllTimersAsync();
  await done;
  return { store, actions, progress };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("scheduler and reducer properties", () => {
  it("keep every rule on random DAGs with random durations and failures", async () => {
    await fc.assert(
      fc.asyncProperty(
        dag({ allowFailures: true, allParallel: false }),
        fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
        fc.boolean(),
        async (specs, concurrency, failFast) => {
          const pipeline = buildPipeline(specs);
          const { store, actions, progress } = await record(pipeline, concurrency, failFast);
          const byName = new Map(pipeline.phases.map((phase) => [phase.name, phase]));
          const ended = new Set<string>();
          const running = new Set<string>();
          for (const action of actions) {
            const { name } = (action.payload ?? {}) as { name?: string };
            if (action.type === PHASE_START && name) {
              // No phase starts before its dependencies have completed or been skipped.
              for (const dependency of byName.get(name)!.dependsOn) {
                expect(ended.has(dependency)).toBe(true);
              }
              // A non-parallel phase never runs beside another.
              if (!byName.get(name)!.parallel) expect(running.size).toBe(0);
              for (const other of running) expect(byName.get(other)!.parallel).toBe(true);
              running.add(name);
              // Never more than `concurrency` running.
              if (concurrency !== undefined) {
                expect(running.size).toBeLessThanOrEqual(concurrency);
              }
            } else if (name && action.type !== "@@PHASE_LOG") {
              running.delete(name);
              if (action.type === PHASE_COMPLETE || action.type === PHASE_SKIPPED) ended.add(name);
            }
          }
          // Progress stays in [0, 1] and never goes down.
          progress.forEach((value, index) => {
            expect(value).toBeGreaterThanOrEqual(0);
            expect(value).toBeLessThanOrEqual(1);
            if (index > 0) expect(value).toBeGreaterThanOrEqual(progress[index - 1]!);
          });
          // Replaying the recorded actions through a fresh reducer rebuilds the same state.
          const reducer = createPipelineReducer(pipeline.toGraph());
          const replayed = actions.reduce(
            reducer,
            reducer(undefined, { type: INIT, payload: undefined }),
          );
          expect(replayed).toEqual(store.getState());
          const final: PipelineState = store.getState();
          expect(["completed", "failed"]).toContain(final.status);
          if (final.status === "completed") expect(final.progress).toBe(1);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("with unlimited concurrency and all phases parallel, the makespan is the critical path", async () => {
    await fc.assert(
      fc.asyncProperty(dag({ allowFailures: false, allParallel: true }), async (specs) => {
        const { store } = await record(buildPipeline(specs), undefined, false);
        const finish: number[] = [];
        specs.forEach((spec, index) => {
          const ready = Math.max(0, ...spec.deps.map((dep) => finish[dep]!));
          finish[index] = ready + spec.duration;
        });
        expect(store.getState().status).toBe("completed");
        expect(store.getState().elapsed).toBe(Math.max(...finish));
      }),
      { numRuns: 150 },
    );
  });
});
