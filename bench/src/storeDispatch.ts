import {
  DISPATCH_CASES,
  DISPATCH_STORES,
  type DispatchCaseName,
  type DispatchStore,
} from "./peers/dispatchCases";
import type { DispatchRequest } from "./peers/timeDispatch";
import {
  atMost,
  type BenchmarkOptions,
  type BenchmarkResult,
  microseconds,
  ratio,
} from "./shared/report";
import { runInWorker } from "./shared/runInWorker";
import { median } from "./shared/stats";

const STORE_NAMES = Object.keys(DISPATCH_STORES) as DispatchStore[];
const CASE_NAMES = Object.keys(DISPATCH_CASES) as DispatchCaseName[];

/** Fresh stores per sample: about 100 ms of dispatching each (the counter is 20× cheaper). */
const replaysFor = (dispatchCase: DispatchCaseName) =>
  dispatchCase.startsWith("counter") ? 1_000 : 100;

/** Store dispatch: the same reducer and actions through @milo/core's Store and Redux's store. */
export async function runStoreDispatch(options: BenchmarkOptions): Promise<BenchmarkResult> {
  // A fresh thread's JIT can settle on a faster or a slower dispatch (runs differ by up to 2×
  // for the same store), so many short-lived threads are pooled rather than a few long ones.
  const rounds = options.smoke ? 1 : 8;
  const samples = options.smoke ? 2 : 5;
  const perDispatch = new Map<string, number[]>();
  const key = (store: DispatchStore, dispatchCase: DispatchCaseName) => `${store}|${dispatchCase}`;
  // Rounds of fresh threads, the stores' order alternating, so drift spreads over both.
  for (let round = 0; round < rounds; round++) {
    for (const dispatchCase of CASE_NAMES) {
      for (let i = 0; i < STORE_NAMES.length; i++) {
        const store = STORE_NAMES[(round + i) % STORE_NAMES.length]!;
        const request: DispatchRequest = {
          store,
          dispatchCase,
          samples,
          replays: options.smoke ? 5 : replaysFor(dispatchCase),
        };
        const result = await runInWorker<number[]>(
          new URL("./peers/timeDispatch.ts", import.meta.url),
          request,
          60_000,
        );
        if (result === null) throw new Error(`${store} did not finish ${dispatchCase} within 60 s`);
        perDispatch.set(key(store, dispatchCase), [
          ...(perDispatch.get(key(store, dispatchCase)) ?? []),
          ...result,
        ]);
      }
    }
  }
  options.log("  store dispatch done");

  const [ours, theirs] = STORE_NAMES as [DispatchStore, DispatchStore];
  const rows: string[][] = [];
  const data: Record<string, Record<string, number>> = {};
  const ratios: number[] = [];
  for (const dispatchCase of CASE_NAMES) {
    const oursMs = median(perDispatch.get(key(ours, dispatchCase))!);
    const theirsMs = median(perDispatch.get(key(theirs, dispatchCase))!);
    ratios.push(oursMs / theirsMs);
    rows.push([
      dispatchCase,
      microseconds(oursMs),
      microseconds(theirsMs),
      ratio(oursMs / theirsMs),
    ]);
    data[dispatchCase] = {
      oursMsPerAction: oursMs,
      reduxMsPerAction: theirsMs,
      ratio: oursMs / theirsMs,
    };
  }
  const worst = Math.max(...ratios);
  return {
    id: "dispatch",
    title: "3. Store dispatch",
    tables: [
      {
        title: "Time per dispatch (median of samples), one subscriber",
        columns: ["reducer", ours, theirs, "ours / redux"],
        rows,
      },
    ],
    targets: [
      {
        ...atMost(
          "Store: dispatch within 1.3× of redux (worst of the two reducers)",
          worst,
          1.3,
          ratio,
        ),
        measured: rows.map((row) => `${row[0]!.split(" (")[0]} ${row[3]}`).join(", "),
      },
    ],
    notes: [
      `Each store is timed in its own fresh worker thread, ${rounds} round(s) alternating the order; each thread warms up, then takes ${samples} samples, each replaying the actions through fresh stores made before timing (100 for the pipeline run, 1,000 for the counter).`,
    ],
    data,
  };
}
