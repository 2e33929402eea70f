// A worker-thread module: times one engine on a small and a large graph of the same shape,
// alternately, and posts both series (ms per phase). How the cost per phase grows is then a
// ratio of samples taken side by side, not of numbers measured minutes apart.
import { parentPort, workerData } from "node:worker_threads";
import { type EngineShape, engineDag } from "../shared/engineDags";
import { timeRun } from "../shared/timeRun";
import { ENGINES_BY_NAME, type EngineName, noOp } from "./engines";

export interface GrowthRequest {
  readonly engine: EngineName;
  readonly shape: EngineShape;
  readonly small: number;
  readonly large: number;
  readonly pairs: number;
  /** False in a smoke run: one run per sample, no warm-up. */
  readonly warmUp: boolean;
}

export interface GrowthTiming {
  readonly smallPerPhaseMs: readonly number[];
  readonly largePerPhaseMs: readonly number[];
}

const request = workerData as GrowthRequest;
const options = { concurrency: Number.POSITIVE_INFINITY };
const prepare = (size: number) => {
  const run = ENGINES_BY_NAME[request.engine](engineDag(request.shape, size), noOp);
  return { size, run: () => run(options), batch: 1 };
};
const small = prepare(request.small);
const large = prepare(request.large);

for (const graph of request.warmUp ? [small, large] : []) {
  // Warm up (half a second, at least two runs), then size samples to about 100 ms of runs.
  const started = performance.now();
  let runs = 0;
  while (runs < 200 && (runs < 2 || performance.now() - started < 500)) {
    await graph.run();
    runs++;
  }
  graph.batch = Math.max(
    1,
    Math.min(2_000, Math.round(100 / ((performance.now() - started) / runs))),
  );
}
const sample = async (graph: typeof small) =>
  (await timeRun(async () => {
    for (let k = 0; k < graph.batch; k++) await graph.run();
  })) /
  (graph.batch * graph.size);

const smallPerPhaseMs: number[] = [];
const largePerPhaseMs: number[] = [];
for (let index = 0; index < request.pairs; index++) {
  // Alternate which goes first, so that neither always runs in the other's wake.
  if (index % 2 === 0) {
    smallPerPhaseMs.push(await sample(small));
    largePerPhaseMs.push(await sample(large));
  } else {
    largePerPhaseMs.push(await sample(large));
    smallPerPhaseMs.push(await sample(small));
  }
}
const timing: GrowthTiming = { smallPerPhaseMs, largePerPhaseMs };
parentPort!.postMessage(timing);
