// The pipelines of the re-run benchmark (`milo serve --pipelines <this file>`).
import { existsSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { Phase, Pipeline } from "@milo/core";
import { large } from "../../../examples/large";

/** While the file this names exists, the failing phase fails; without it, it completes. */
export const FAIL_FILE_VARIABLE = "MILO_BENCH_FAIL_FILE";

/**
 * The "large" example's 2,000 phases (40 levels of 50, each on 1–3 of the level before, 5–50 ms
 * each), or its first `levels` levels, where `failing` fails while the flag file exists. It
 * fails only after `failAfterMs`, so that every phase not downstream of it has completed by
 * then: a re-run from the failure then runs exactly the failed phase and its downstream.
 */
function failingLarge(name: string, levels: number, failing: string, failAfterMs: number) {
  const levelOf = (phase: string) => Number(phase.slice(1, 3));
  return new Pipeline(
    name,
    large
      .toGraph()
      .phases.filter((phase) => levelOf(phase.name) < levels)
      .map((phase, index) => {
        const durationMs = 5 + ((index * 31) % 46);
        return new Phase(phase.name, {
          dependsOn: phase.dependsOn,
          parallel: true,
          weight: phase.weight,
          handler: async (ctx) => {
            const flag = process.env[FAIL_FILE_VARIABLE];
            if (phase.name === failing && flag !== undefined && existsSync(flag)) {
              await sleep(failAfterMs, undefined, { signal: ctx.signal });
              throw new Error(`${phase.name} fails while ${flag} exists`);
            }
            await sleep(durationMs, undefined, { signal: ctx.signal });
            return index;
          },
        });
      }),
  );
}

export const BENCH_RERUN_FAILING = { full: "l35-p25", smoke: "l02-p07" } as const;

/** "bench-rerun": 2,000 phases; `l35-p25` fails 2 s after it starts while the flag file exists. */
export const benchRerun = failingLarge("bench-rerun", 40, BENCH_RERUN_FAILING.full, 2_000);

/** "bench-rerun-smoke": the first 4 levels (200 phases); `l02-p07` fails after 300 ms. */
export const benchRerunSmoke = failingLarge("bench-rerun-smoke", 4, BENCH_RERUN_FAILING.smoke, 300);
