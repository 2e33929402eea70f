// A worker-thread module: times `repeats` layouts of one graph with one engine and posts the
// milliseconds of each. The dashboard benchmark runs every engine this way, each in a fresh
// thread, so that a layout taking minutes can be stopped at a time limit.
import { parentPort, workerData } from "node:worker_threads";
import { dashboardDag } from "../shared/dashboardDag";
import { type LayoutEngine, layOut } from "./layoutEngines";

export interface LayoutRequest {
  readonly engine: LayoutEngine;
  readonly size: number;
  readonly repeats: number;
}

const request = workerData as LayoutRequest;
const dag = dashboardDag(request.size);
const samples: number[] = [];
// A first run warms the JIT when it is quick; one over a second is the only sample (a run that
// long is dominated by the algorithm, not by warming up, and repeating it costs the budget).
const started = performance.now();
await layOut(request.engine, dag);
const firstMs = performance.now() - started;
if (firstMs > 1_000) samples.push(firstMs);
while (samples.length < (firstMs > 1_000 ? 1 : request.repeats)) {
  const begin = performance.now();
  await layOut(request.engine, dag);
  samples.push(performance.now() - begin);
}
parentPort!.postMessage(samples);
