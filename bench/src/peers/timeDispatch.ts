// A worker-thread module: times one store dispatching one case's actions and posts the
// milliseconds per dispatch of each sample. Each store is timed in its own fresh thread, so the
// JIT never sees the other store's dispatch at the same call sites.
import { parentPort, workerData } from "node:worker_threads";
import { collectGarbage } from "../shared/timeRun";
import {
  DISPATCH_CASES,
  DISPATCH_STORES,
  type DispatchCaseName,
  type DispatchStore,
} from "./dispatchCases";

export interface DispatchRequest {
  readonly store: DispatchStore;
  readonly dispatchCase: DispatchCaseName;
  readonly samples: number;
  /** Fresh stores each sample replays the actions through. */
  readonly replays: number;
}

const request = workerData as DispatchRequest;
const { reducer: makeReducer, actions } = DISPATCH_CASES[request.dispatchCase]();
const reducer = makeReducer();
const create = DISPATCH_STORES[request.store];

function sample(): number {
  // Fresh stores, each with one subscriber, made before the clock starts.
  const stores = Array.from({ length: request.replays }, () => {
    const store = create(reducer);
    store.subscribe(() => {
      store.getState();
    });
    return store;
  });
  collectGarbage();
  const started = performance.now();
  for (const store of stores) {
    for (const each of actions) store.dispatch(each);
  }
  return (performance.now() - started) / (request.replays * actions.length);
}

for (let i = 0; i < 3; i++) sample();
const samples = Array.from({ length: request.samples }, sample);
parentPort!.postMessage(samples);
