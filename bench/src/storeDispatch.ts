import {
  type AnyAction,
  action,
  createPipelineReducer,
  PHASE_COMPLETE,
  PHASE_LOG,
  PHASE_START,
  PIPELINE_COMPLETE,
  PIPELINE_START,
  type PipelineGraph,
  type Reducer,
  Store,
} from "@milo/core";
import { legacy_createStore as createReduxStore } from "redux";
import {
  atMost,
  type BenchmarkOptions,
  type BenchmarkResult,
  microseconds,
  ratio,
} from "./shared/report";
import { median } from "./shared/stats";
import { collectGarbage } from "./shared/timeRun";

interface MinimalStore {
  dispatch(action: AnyAction): unknown;
  getState(): unknown;
  subscribe(listener: () => void): () => void;
}

interface DispatchCase {
  readonly name: string;
  readonly reducer: () => Reducer<unknown>;
  readonly actions: readonly AnyAction[];
}

/** The actions of a 100-phase run: start, a log line and the end of each phase. */
function pipelineRun(): { graph: PipelineGraph; actions: AnyAction[] } {
  const phases = Array.from({ length: 100 }, (_, i) => ({
    name: `phase-${String(i).padStart(3, "0")}`,
    dependsOn: i === 0 ? [] : [`phase-${String(i - 1).padStart(3, "0")}`],
    parallel: true,
    weight: 1,
    description: "",
  }));
  const actions: AnyAction[] = [action(PIPELINE_START, { at: 0 })];
  phases.forEach((phase, i) => {
    actions.push(action(PHASE_START, { name: phase.name, attempt: 1, at: i * 10 }));
    actions.push(
      action(PHASE_LOG, { name: phase.name, line: "working", stream: "stdout", at: i * 10 + 5 }),
    );
    actions.push(action(PHASE_COMPLETE, { name: phase.name, at: i * 10 + 9 }));
  });
  actions.push(action(PIPELINE_COMPLETE, { at: 1_000 }));
  return { graph: { name: "dispatch", phases }, actions };
}

const STORES: readonly {
  readonly name: string;
  readonly create: (reducer: Reducer<unknown>) => MinimalStore;
}[] = [
  { name: "@milo/core Store", create: (reducer) => new Store(reducer) },
  {
    name: "redux createStore",
    create: (reducer) =>
      createReduxStore(
        reducer as Parameters<typeof createReduxStore>[0],
      ) as unknown as MinimalStore,
  },
];

/** Store dispatch: the same reducer and actions through @milo/core's Store and Redux's store. */
export async function runStoreDispatch(options: BenchmarkOptions): Promise<BenchmarkResult> {
  const run = pipelineRun();
  const counterActions = Array.from({ length: 1_000 }, () => ({
    type: "increment",
    payload: undefined,
  }));
  const cases: DispatchCase[] = [
    {
      name: "pipeline reducer (a 100-phase run, 302 actions)",
      reducer: () => createPipelineReducer(run.graph) as Reducer<unknown>,
      actions: run.actions,
    },
    {
      name: "counter reducer (store overhead alone)",
      reducer: () =>
        ((state: unknown = 0, a: AnyAction) =>
          a.type === "increment" ? (state as number) + 1 : state) as Reducer<unknown>,
      actions: counterActions,
    },
  ];
  const samplesPerStore = options.smoke ? 3 : 25;
  const replaysPerSample = options.smoke ? 5 : 200;
  const rows: string[][] = [];
  const data: Record<string, Record<string, number>> = {};
  const ratios: number[] = [];

  for (const dispatchCase of cases) {
    const perAction = new Map<string, number[]>(STORES.map((store) => [store.name, []]));
    const reducer = dispatchCase.reducer();
    const sample = (store: (typeof STORES)[number]) => {
      // Fresh stores, each with one subscriber, made before the clock starts.
      const stores = Array.from({ length: replaysPerSample }, () => {
        const created = store.create(reducer);
        created.subscribe(() => {
          created.getState();
        });
        return created;
      });
      collectGarbage();
      const started = performance.now();
      for (const target of stores) {
        for (const each of dispatchCase.actions) target.dispatch(each);
      }
      return (performance.now() - started) / (replaysPerSample * dispatchCase.actions.length);
    };
    for (const store of STORES) for (let i = 0; i < 3; i++) sample(store);
    for (let round = 0; round < samplesPerStore; round++) {
      for (let i = 0; i < STORES.length; i++) {
        const store = STORES[(round + i) % STORES.length]!;
        perAction.get(store.name)!.push(sample(store));
      }
    }
    const ours = median(perAction.get(STORES[0]!.name)!);
    const theirs = median(perAction.get(STORES[1]!.name)!);
    ratios.push(ours / theirs);
    rows.push([dispatchCase.name, microseconds(ours), microseconds(theirs), ratio(ours / theirs)]);
    data[dispatchCase.name] = {
      oursMsPerAction: ours,
      reduxMsPerAction: theirs,
      ratio: ours / theirs,
    };
  }
  options.log("  store dispatch done");

  const worst = Math.max(...ratios);
  return {
    id: "dispatch",
    title: "3. Store dispatch",
    tables: [
      {
        title: "Time per dispatch (median of samples), one subscriber",
        columns: ["reducer", STORES[0]!.name, STORES[1]!.name, "ours / redux"],
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
      `Each sample replays the actions through ${replaysPerSample} fresh stores of each kind (made before timing); ${samplesPerStore} samples each, alternating, after a warm-up.`,
    ],
    data,
  };
}
