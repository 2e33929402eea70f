// The pipelines the worker serves during the benchmarks (`milo serve --pipelines <this file>`).
import { setTimeout as sleep } from "node:timers/promises";
import { Phase, Pipeline } from "@milo/core";
import { dashboardDag } from "../shared/dashboardDag";

const numbered = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, index) => `${prefix}-${String(index).padStart(3, "0")}`);

const WORK = numbered("work", 100);
const CHECK = numbered("check", 100);

/** Uniform in [min, max) ms, drawn per run: runs started together do not move in lockstep. */
const between = (min: number, max: number) => min + Math.random() * (max - min);

/**
 * "bench-steady": plan → 100 phases of 0.2–2 s that log a line → 100 checks of 0.1–0.5 s → merge.
 * About 500 actions over 2.5 s, some 200 a second per run: busier than the "wide" example (about
 * 100 a second). The plan takes 1.5–2 s, so that viewers opened when the run starts are
 * connected before the stream gets busy.
 */
export const benchSteady = new Pipeline(
  "bench-steady",
  new Phase("plan", {
    parallel: true,
    handler: async (ctx) => {
      await sleep(between(1_500, 2_000), undefined, { signal: ctx.signal });
      return "planned";
    },
  }),
  WORK.map(
    (name) =>
      new Phase(name, {
        dependsOn: ["plan"],
        parallel: true,
        handler: async (ctx) => {
          await sleep(between(200, 2_000), undefined, { signal: ctx.signal });
          ctx.log(`${name} done`);
        },
      }),
  ),
  CHECK.map(
    (name, index) =>
      new Phase(name, {
        dependsOn: [WORK[index]!],
        parallel: true,
        handler: (ctx) => sleep(between(100, 500), undefined, { signal: ctx.signal }),
      }),
  ),
  new Phase("merge", { dependsOn: CHECK, parallel: true, handler: () => "merged" }),
);

const BURST = numbered("burst", 500);

/** "bench-burst": 500 phases that return at once, between a source and a sink: as fast as it goes. */
export const benchBurst = new Pipeline(
  "bench-burst",
  new Phase("source", { parallel: true, handler: () => undefined }),
  BURST.map(
    (name) => new Phase(name, { dependsOn: ["source"], parallel: true, handler: () => undefined }),
  ),
  new Phase("sink", { dependsOn: BURST, parallel: true, handler: () => undefined }),
);

/**
 * "bench-2000": the 2,000-phase graph of the dashboard benchmark; each phase takes 400–600 ms, so
 * a run with concurrency 50 changes about 200 statuses a second (100 starts, 100 ends).
 */
export const bench2000 = new Pipeline(
  "bench-2000",
  dashboardDag(2_000).phases.map(
    (phase) =>
      new Phase(phase.name, {
        dependsOn: phase.dependsOn,
        parallel: true,
        handler: (ctx) => sleep(between(400, 600), undefined, { signal: ctx.signal }),
      }),
  ),
);

/** The worker's "wide" example (about 100 actions a second per run), as a team's everyday run. */
export { wide } from "../../../examples/wide";

const logBurst = (name: string, lines: number) =>
  new Pipeline(
    name,
    new Phase("chatty", {
      handler: (ctx) => {
        for (let line = 0; line < lines; line++) ctx.log(`line ${line} of the burst`);
      },
    }),
  );

/** "bench-log-burst": one phase that calls `ctx.log` 200,000 times in a loop (smoke: 2,000). */
export const benchLogBurst = logBurst("bench-log-burst", 200_000);
export const benchLogBurstSmoke = logBurst("bench-log-burst-smoke", 2_000);
