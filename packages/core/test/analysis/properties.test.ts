import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  criticalPath,
  estimateRun,
  INIT,
  PHASE_COMPLETE,
  type Pipeline,
  type PipelineState,
  queueWaits,
} from "../../src/index";
import { runWithFakeTime } from "../helpers";
import { buildRandomPipeline, randomDag } from "../randomPipelines";

// The analysis checked against the real saga on random pipelines, under fake timers so that
// every duration is exact.

/** A run of `pipeline` to its end, with the state after each of its actions. */
async function record(pipeline: Pipeline, concurrency: number | undefined) {
  const { store, actions } = await runWithFakeTime(pipeline, { concurrency });
  const reducer = pipeline.buildReducer();
  let state = reducer(undefined, { type: INIT, payload: undefined });
  const states: PipelineState[] = actions.map((action) => {
    state = reducer(state, action);
    return state;
  });
  return { state: store.getState(), actions, states };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("analysis properties", () => {
  it("with unlimited concurrency and every phase parallel, the critical path is the makespan", async () => {
    await fc.assert(
      fc.asyncProperty(randomDag({ allowFailures: false, allParallel: true }), async (specs) => {
        const pipeline = buildRandomPipeline(specs);
        const { state } = await record(pipeline, undefined);
        const path = criticalPath(pipeline.toGraph(), state);
        const makespan = state.endedAt! - state.startedAt!;
        expect(path.durationMs).toBe(makespan);
        expect(path.steps.reduce((sum, step) => sum + step.durationMs, 0)).toBe(makespan);
        for (const step of path.steps) expect(step.waitMs).toBe(0);
        // Steps follow dependencies only, and every phase on the path has no slack.
        for (const step of path.steps.slice(1)) expect(step.waitedOn).toBe("dependency");
        const slack = new Map(path.slack.map((entry) => [entry.name, entry.slackMs]));
        for (const step of path.steps) expect(slack.get(step.name)).toBe(0);
        for (const entry of path.slack) expect(entry.slackMs).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 60 },
    );
  });

  it("given the true durations, the estimate from the run's start is its real end", async () => {
    await fc.assert(
      fc.asyncProperty(
        randomDag({ allowFailures: false, allParallel: false }),
        fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
        async (specs, concurrency) => {
          const pipeline = buildRandomPipeline(specs);
          const { state, actions, states } = await record(pipeline, concurrency);
          const durations = Object.fromEntries(
            specs.map((spec, index) => [`p${index}`, spec.duration]),
          );
          // The state right after the run's start, before any phase started.
          const atStart =
            states[actions.findIndex((action) => action.type === "@@PIPELINE_START")]!;
          const estimate = estimateRun(pipeline.toGraph(), atStart, {
            now: atStart.startedAt!,
            durations,
            concurrency,
          });
          expect(estimate.expectedEnd).toBe(state.endedAt);
          // And at each phase's end, with what has run so far recorded.
          actions.forEach((action, index) => {
            if (action.type !== PHASE_COMPLETE) return;
            const now = (action.payload as { at: number }).at;
            const partial = estimateRun(pipeline.toGraph(), states[index]!, {
              now,
              durations,
              concurrency,
            });
            expect(partial.expectedEnd).toBe(state.endedAt);
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it("queue waits: nothing waits without a limit; with one, a phase waits only while slots are full", async () => {
    await fc.assert(
      fc.asyncProperty(
        randomDag({ allowFailures: false, allParallel: true }),
        fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
        async (specs, concurrency) => {
          const pipeline = buildRandomPipeline(specs);
          const { actions } = await record(pipeline, concurrency);
          const waits = queueWaits(pipeline.toGraph(), actions);
          if (concurrency === undefined) expect(waits.totalWaitMs).toBe(0);
          for (const step of waits.steps) {
            expect(step.running).toBeLessThanOrEqual(concurrency ?? Number.POSITIVE_INFINITY);
            if (step.ready > 0) expect(step.running).toBe(concurrency);
          }
          expect(waits.steps.at(-1)).toMatchObject({ ready: 0, running: 0 });
          // Each phase's intervals add up to its wait.
          const fromIntervals = new Map<string, number>();
          for (const wait of waits.intervals) {
            expect(wait.end).toBeGreaterThan(wait.start);
            fromIntervals.set(
              wait.name,
              (fromIntervals.get(wait.name) ?? 0) + wait.end - wait.start,
            );
          }
          for (const phase of waits.phases) {
            expect(fromIntervals.get(phase.name) ?? 0).toBe(phase.waitMs);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
