import { Phase, Pipeline } from "@milo/core";

/** Pipelines for the agents benchmark; sizes come from the environment so the smoke run is small. */

const cpuPhases = Number(process.env.MILO_BENCH_CPU_PHASES ?? 32);
const cpuMs = Number(process.env.MILO_BENCH_CPU_MS ?? 250);
const chainLength = Number(process.env.MILO_BENCH_CHAIN ?? 200);

/** Busy work: the CPU is held for `ms`, as a compile or a compression would. */
function burn(ms: number): number {
  const until = performance.now() + ms;
  let spins = 0;
  while (performance.now() < until) spins += 1;
  return spins;
}

export const cpuBound = new Pipeline(
  "cpuBound",
  ...Array.from(
    { length: cpuPhases },
    (_, index) =>
      new Phase(`burn-${String(index).padStart(2, "0")}`, {
        parallel: true,
        handler: () => burn(cpuMs),
      }),
  ),
);

/** A chain of no-op phases: the gap between two ends is one attempt's whole round trip. */
export const noopChain = new Pipeline(
  "noopChain",
  ...Array.from(
    { length: chainLength },
    (_, index) =>
      new Phase(`step-${String(index).padStart(3, "0")}`, {
        dependsOn: index === 0 ? [] : [`step-${String(index - 1).padStart(3, "0")}`],
        handler: () => index,
      }),
  ),
);
