import {
  type AnyAction,
  createPipelineReducer,
  estimateRun,
  INIT,
  Phase,
  Pipeline,
  type PipelineGraph,
  type PipelineState,
  Store,
} from "@milo/core";
import { large } from "../../examples/large";
import { wide } from "../../examples/wide";
import { createRandom, logNormal, type Random } from "./shared/createRandom";
import { randomDag } from "./shared/dagShapes";
import type { BenchmarkOptions, BenchmarkResult, Table } from "./shared/report";
import { median } from "./shared/stats";
import { VirtualClock } from "./shared/VirtualClock";

const SEED = 20_261_202;
/** Where in each run the estimate is taken, as a share of the run's real duration. */
const POINTS = [0.25, 0.5, 0.75] as const;
/** Runs before the first estimate, so that every phase has some history. */
const WARM_UP = 3;
/** History is the median of a phase's last this-many runs. */
const HISTORY = 10;

interface Shape {
  readonly label: string;
  readonly graph: PipelineGraph;
  readonly concurrency: number;
  /** Each phase's typical duration; every run varies around it. */
  readonly typicalMs: ReadonlyMap<string, number>;
}

interface RecordedRun {
  readonly actions: readonly AnyAction[];
  readonly durations: ReadonlyMap<string, number>;
  readonly startedAt: number;
  readonly endedAt: number;
}

/** Runs `graph` through the real saga on a virtual clock, each phase taking its drawn duration. */
async function simulate(shape: Shape, random: Random): Promise<RecordedRun> {
  const clock = new VirtualClock();
  const durations = new Map<string, number>();
  for (const [name, typical] of shape.typicalMs) {
    // Most runs near the typical duration, some far slower: run-to-run noise.
    durations.set(name, Math.max(1, Math.round(logNormal(random, typical, 0.35))));
  }
  const pipeline = new Pipeline(
    shape.graph.name,
    shape.graph.phases.map(
      (phase) =>
        new Phase(phase.name, {
          dependsOn: phase.dependsOn,
          parallel: phase.parallel,
          weight: phase.weight,
          handler: () => clock.sleep(durations.get(phase.name)!),
        }),
    ),
  );
  const store = new Store(pipeline.buildReducer());
  const actions: AnyAction[] = [];
  store.subscribe((_state, action) => actions.push(action));
  await clock.run(
    store.runSaga(pipeline.buildSaga({ concurrency: shape.concurrency, clock })).toPromise(),
  );
  const state = store.getState();
  return { actions, durations, startedAt: state.startedAt!, endedAt: state.endedAt! };
}

/** The state a viewer had at `time`: every action up to it, replayed by the core's reducer. */
function stateAt(graph: PipelineGraph, actions: readonly AnyAction[], time: number): PipelineState {
  const reducer = createPipelineReducer(graph);
  let state = reducer(undefined, { type: INIT, payload: undefined });
  for (const action of actions) {
    const at = (action.payload as { at?: number } | undefined)?.at;
    if (typeof at === "number" && at > time) break;
    state = reducer(state, action);
  }
  return state;
}

function typicalDurations(graph: PipelineGraph, random: Random): Map<string, number> {
  return new Map(
    graph.phases.map((phase) => [
      phase.name,
      Math.max(1, Math.round((1 + phase.weight) * logNormal(random, 40, 0.5))),
    ]),
  );
}

function shapes(smoke: boolean, random: Random): Shape[] {
  const fromGraph = (label: string, graph: PipelineGraph, concurrency: number): Shape => ({
    label,
    graph,
    concurrency,
    typicalMs: typicalDurations(graph, random),
  });
  const randomShapes = Array.from({ length: smoke ? 2 : 8 }, (_, index) => {
    const dag = randomDag(random, index, 20, smoke ? 40 : 150);
    const graph: PipelineGraph = {
      name: dag.name,
      phases: dag.phases.map((phase) => ({
        name: phase.name,
        dependsOn: phase.dependsOn,
        parallel: phase.parallel,
        weight: Math.max(1, Math.round(phase.duration / 100)),
        description: "",
      })),
    };
    return fromGraph(`random (${dag.phases.length} phases, concurrency 4)`, graph, 4);
  });
  const list = [fromGraph("examples/wide.ts, concurrency 4", wide.toGraph(), 4), ...randomShapes];
  if (!smoke) list.push(fromGraph("examples/large.ts, concurrency 16", large.toGraph(), 16));
  return list;
}

/**
 * ETA accuracy: `estimateRun` at 25, 50 and 75% of simulated runs, with the median of earlier
 * runs as each phase's expected duration, against the true remaining time.
 */
export async function runEta(options: BenchmarkOptions): Promise<BenchmarkResult> {
  const random = createRandom(SEED);
  const runsPerShape = options.smoke ? WARM_UP + 2 : WARM_UP + 20;
  const errorsByGroup = new Map<string, number[][]>();
  for (const shape of shapes(options.smoke, random)) {
    const group = shape.label.startsWith("random")
      ? `random DAGs (20–${options.smoke ? 40 : 150} phases, concurrency 4)`
      : shape.label;
    const errors = errorsByGroup.get(group) ?? POINTS.map(() => []);
    errorsByGroup.set(group, errors);
    const history = new Map<string, number[]>(shape.graph.phases.map((phase) => [phase.name, []]));
    for (let run = 0; run < runsPerShape; run++) {
      const recorded = await simulate(shape, random);
      if (run >= WARM_UP) {
        const durations = Object.fromEntries(
          [...history].map(([name, samples]) => [name, median(samples.slice(-HISTORY))]),
        );
        const length = recorded.endedAt - recorded.startedAt;
        POINTS.forEach((point, index) => {
          const now = recorded.startedAt + Math.round(point * length);
          const state = stateAt(shape.graph, recorded.actions, now);
          const estimate = estimateRun(shape.graph, state, {
            now,
            durations,
            concurrency: shape.concurrency,
          });
          const trueRemaining = recorded.endedAt - now;
          errors[index]!.push(
            Math.abs(estimate.expectedEnd - recorded.endedAt) / Math.max(1, trueRemaining),
          );
        });
      }
      for (const [name, ms] of recorded.durations) history.get(name)!.push(ms);
    }
    options.log(`  eta: ${shape.label}: ${runsPerShape} runs`);
  }
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  const table: Table = {
    title: "Median absolute error of the ETA, relative to the true remaining time",
    columns: ["shape", "estimates per point", ...POINTS.map((point) => `at ${point * 100}%`)],
    rows: [...errorsByGroup].map(([group, errors]) => [
      group,
      String(errors[0]!.length),
      ...errors.map((samples) => percent(median(samples))),
    ]),
  };
  return {
    id: "eta",
    title: "ETA accuracy (estimateRun against simulated runs)",
    tables: [table],
    targets: [],
    notes: [
      "Each phase's duration varies from run to run (log-normal, σ 0.35 around its typical time); the estimate's expected durations are the medians of the phase's last 10 earlier runs.",
      "Runs go through the real saga on a virtual clock; the state at each point is the recorded actions up to it, replayed by the core's reducer, as a dashboard would hold it.",
    ],
    data: Object.fromEntries(
      [...errorsByGroup].map(([group, errors]) => [
        group,
        Object.fromEntries(POINTS.map((point, index) => [String(point), median(errors[index]!)])),
      ]),
    ),
  };
}
