// A worker-thread module: times one engine on one graph, each sample paired with a sample of the
// floor taken beside it, and posts both series (ms per phase). The engine benchmark runs
// every engine this way, each in a fresh thread: no engine's garbage or JIT state is billed to
// another, a ratio to the floor is measured within moments (robust to the machine's drift), and
// a run too slow to finish can be stopped at a time limit.
import { parentPort, workerData } from "node:worker_threads";
import { type EngineShape, engineDag } from "../shared/engineDags";
import { timeRun } from "../shared/timeRun";
import { ENGINES_BY_NAME, type EngineName, noOp } from "./engines";
import { runFloor } from "./runFloor";

export interface EngineTimingRequest {
  readonly engine: EngineName;
  readonly shape: EngineShape;
  readonly size: number;
  /** How many samples; 1 with `warmUp: false` is a single cold run. */
  readonly samples: number;
  readonly warmUp: boolean;
}

export interface EngineTiming {
  readonly perPhaseMs: readonly number[];
  /** The floor's sample taken beside each of the engine's (just before or after). */
  readonly floorPerPhaseMs: readonly number[];
}

const request = workerData as EngineTimingRequest;
const dag = engineDag(request.shape, request.size);
const options = { concurrency: Number.POSITIVE_INFINITY };
const engineRun = ENGINES_BY_NAME[request.engine](dag, noOp);
const floorRun = runFloor(dag, noOp);

/** Warms `run` up (half a second, or 200 runs) and returns how many runs make ~100 ms. */
async function warmUp(run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  let runs = 0;
  while (runs < 200 && (runs < 2 || performance.now() - started < 500)) {
    await run();
    runs++;
  }
  return Math.max(1, Math.min(2_000, Math.round(100 / ((performance.now() - started) / runs))));
}

const sample = async (run: () => Promise<void>, batch: number) =>
  (await timeRun(async () => {
    for (let k = 0; k < batch; k++) await run();
  })) /
  (batch * request.size);

const engineBatch = request.warmUp ? await warmUp(() => engineRun(options)) : 1;
// A single cold run (a smoke run, or one too slow to repeat) is paired with a warm floor.
const floorBatch =
  request.warmUp || request.samples === 1 ? await warmUp(() => floorRun(options)) : 1;
const perPhaseMs: number[] = [];
const floorPerPhaseMs: number[] = [];
for (let index = 0; index < request.samples; index++) {
  // Alternate which goes first, so that neither always runs in the other's wake.
  if (index % 2 === 0) {
    perPhaseMs.push(await sample(() => engineRun(options), engineBatch));
    floorPerPhaseMs.push(await sample(() => floorRun(options), floorBatch));
  } else {
    floorPerPhaseMs.push(await sample(() => floorRun(options), floorBatch));
    perPhaseMs.push(await sample(() => engineRun(options), engineBatch));
  }
}
const timing: EngineTiming = { perPhaseMs, floorPerPhaseMs };
parentPort!.postMessage(timing);
