// A worker-thread module: times one run of one engine on one graph and posts the milliseconds.
// The engine benchmark uses it for runs that may take too long, so it can stop them at a time
// limit (those runs are synchronous-heavy and cannot be interrupted on the main thread).
import { parentPort, workerData } from "node:worker_threads";
import { type EngineShape, engineDag } from "../shared/engineDags";
import { timeRun } from "../shared/timeRun";
import { ENGINES_BY_NAME, type EngineName, noOp } from "./engines";

export interface OneRunRequest {
  readonly engine: EngineName;
  readonly shape: EngineShape;
  readonly size: number;
}

const request = workerData as OneRunRequest;
const run = ENGINES_BY_NAME[request.engine](engineDag(request.shape, request.size), noOp);
const ms = await timeRun(() => run({ concurrency: Number.POSITIVE_INFINITY }));
parentPort!.postMessage(ms);
