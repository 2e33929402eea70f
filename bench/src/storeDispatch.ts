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

/** Store dispatch: the same reducer and actions through @milo/core's Store and Redux's store. */
export async function runStoreDispatch(options: BenchmarkOptions): Promise<BenchmarkResult> {
  const rounds = options.smoke ? 1 : 4;
  const samples = options.smoke ? 2 : 5;
  const replays = options.smoke ? 5 : 100;
  const perDispatch = new Map<string, number[]>();
  const key = (store: DispatchStore, dispatchCase: DispatchCaseName) => `${store}|${dispatchCase}`;
  // Rounds of fresh threads, the stores' order alternating, so drift spreads over both.
  for (let round = 0; round < rounds; round++) {
    for (const dispatchCase of CASE_NAMES) {
      for (let i = 0; i < STORE_NAMES.length; i++) {
        const store = STORE_NAMES[(round + i) % STORE_NAMES.length]!;
        const request: DispatchRequest = { store, dispatchCase, samples, replays };
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
      `Each store is timed in its own fresh worker thread, ${rounds} round(s) alternating the order; each thread warms up, then takes ${samples} samples, each replaying the actions through ${replays} fresh stores (made before timing).`,
    ],
    data,
  };
}
