import fc from "fast-check";
import { type OnFail, Phase, Pipeline } from "../src/index";
import { sleep } from "./helpers";

// Random pipelines for the property tests: random DAGs, durations, failures and log lines.

export interface PhaseSpec {
  readonly deps: number[];
  readonly parallel: boolean;
  readonly weight: number;
  readonly duration: number;
  /** The first `failures` attempts throw. */
  readonly failures: number;
  readonly onFail: OnFail;
  /** Lines each attempt logs before it ends. */
  readonly logs: number;
}

const phaseSpec = (index: number, allowFailures: boolean, allParallel: boolean) =>
  fc.record({
    deps: fc.uniqueArray(fc.nat({ max: Math.max(0, index - 1) }), {
      maxLength: index === 0 ? 0 : Math.min(3, index),
    }),
    parallel: allParallel ? fc.constant(true) : fc.boolean(),
    weight: fc.integer({ min: 0, max: 5 }),
    duration: fc.integer({ min: 0, max: 50 }),
    failures: allowFailures
      ? fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 }))
      : fc.constant(0),
    onFail: fc.constantFrom<OnFail>("stop", "skip", "retry"),
    logs: fc.integer({ min: 0, max: 3 }),
  });

/** 1 to 24 phases, each depending only on earlier ones. */
export const randomDag = (options: { allowFailures: boolean; allParallel: boolean }) =>
  fc
    .integer({ min: 1, max: 24 })
    .chain((size) =>
      fc.tuple(
        ...Array.from({ length: size }, (_, index) =>
          phaseSpec(index, options.allowFailures, options.allParallel),
        ),
      ),
    );

export function buildRandomPipeline(specs: readonly PhaseSpec[]): Pipeline {
  return new Pipeline(
    "random",
    ...specs.map(
      (spec, index) =>
        new Phase(`p${index}`, {
          dependsOn: spec.deps.map((dep) => `p${dep}`),
          parallel: spec.parallel,
          weight: spec.weight,
          // Two log lines kept, so some are dropped from `logs` but still counted.
          maxLogLines: 2,
          policy: { onFail: spec.onFail, maxRetries: 2, retryDelayMs: 5 },
          handler: async (ctx) => {
            for (let line = 0; line < spec.logs; line++) {
              ctx.log(`p${index} line ${line}`, line % 2 === 0 ? "stdout" : "stderr");
            }
            await sleep(spec.duration);
            if (ctx.attempt <= spec.failures) throw new Error(`p${index} attempt ${ctx.attempt}`);
            return index;
          },
        }),
    ),
  );
}
