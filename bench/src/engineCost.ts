import { ENGINE_NAMES, ENGINES_BY_NAME, type EngineName, noOp } from "./peers/engines";
import type { OneRunRequest } from "./peers/timeOneRun";
import { ENGINE_SHAPES, type EngineShape, engineDag } from "./shared/engineDags";
import {
  atMost,
  type BenchmarkOptions,
  type BenchmarkResult,
  microseconds,
  ratio,
  type TargetCheck,
} from "./shared/report";
import { runInWorker } from "./shared/runInWorker";
import { median } from "./shared/stats";
import { timeRun } from "./shared/timeRun";

const MILO: EngineName = "@milo/core";
const FLOOR: EngineName = "floor (hand-written)";
const REDUX_SAGA: EngineName = "redux + redux-saga";
/** A run predicted to take longer than this goes to a worker thread with a time limit. */
const WORKER_ABOVE_MS = 5_000;
const WORKER_LIMIT_MS = 20_000;

interface Cell {
  /** Median milliseconds per phase; null when the run hit the time limit. */
  readonly perPhaseMs: number | null;
  readonly runs: number;
}

/**
 * Engine cost: the same graphs of no-op phases through each engine, timed end to end (from a
 * defined graph to a finished run, state kept as each engine keeps it).
 */
export async function runEngineCost(options: BenchmarkOptions): Promise<BenchmarkResult> {
  const sizes = options.smoke ? [50, 200] : [100, 1_000, 10_000];
  const cells = new Map<string, Cell>();
  const key = (engine: EngineName, shape: EngineShape, size: number) =>
    `${engine}|${shape}|${size}`;

  for (const size of sizes) {
    const repeats = options.smoke ? 2 : size <= 100 ? 15 : size <= 1_000 ? 7 : 3;
    for (const shape of ENGINE_SHAPES) {
      const dag = engineDag(shape, size);
      const inProcess: EngineName[] = [];
      for (const engine of ENGINE_NAMES) {
        const previous = cells.get(key(engine, shape, size / 10))?.perPhaseMs;
        // Predict from the smaller size, allowing the cost per phase to double.
        const predictedMs = previous === undefined || previous === null ? 0 : previous * size * 2;
        if (!options.smoke && (previous === null || predictedMs > WORKER_ABOVE_MS)) {
          const ms = previous === null ? null : await timeInWorker(engine, shape, size);
          cells.set(key(engine, shape, size), {
            perPhaseMs: ms === null ? null : ms / size,
            runs: 1,
          });
        } else inProcess.push(engine);
      }
      const runs = new Map(inProcess.map((engine) => [engine, ENGINES_BY_NAME[engine](dag, noOp)]));
      const samples = new Map<EngineName, number[]>(inProcess.map((engine) => [engine, []]));
      const batches = new Map<EngineName, number>();
      const runOnce = (engine: EngineName) =>
        runs.get(engine)!({ concurrency: Number.POSITIVE_INFINITY });
      for (const engine of inProcess) {
        // Warm up until the JIT has settled (half a second, or 200 runs), then size each sample
        // to about 100 ms of runs so that timer noise and one-off pauses average out.
        const started = performance.now();
        let warmRuns = 0;
        while (warmRuns < 200 && (warmRuns < 2 || performance.now() - started < 500)) {
          await runOnce(engine);
          warmRuns++;
        }
        const runMs = (performance.now() - started) / warmRuns;
        batches.set(
          engine,
          options.smoke ? 1 : Math.max(1, Math.min(100, Math.round(100 / runMs))),
        );
      }
      // Round-robin, starting with a different engine each round, so drift hits all alike.
      for (let round = 0; round < repeats; round++) {
        for (let i = 0; i < inProcess.length; i++) {
          const engine = inProcess[(round + i) % inProcess.length]!;
          const batch = batches.get(engine)!;
          const ms = await timeRun(async () => {
            for (let k = 0; k < batch; k++) await runOnce(engine);
          });
          samples.get(engine)!.push(ms / (batch * size));
        }
      }
      for (const engine of inProcess) {
        cells.set(key(engine, shape, size), {
          perPhaseMs: median(samples.get(engine)!),
          runs: repeats,
        });
      }
      options.log(`  engine: ${shape}, ${size} phases done`);
    }
  }

  const perPhase = (engine: EngineName, shape: EngineShape, size: number) =>
    cells.get(key(engine, shape, size))?.perPhaseMs ?? null;
  const show = (value: number | null, size: number) =>
    value === null ? `> ${microseconds(WORKER_LIMIT_MS / size)}` : microseconds(value);
  const costRows: string[][] = [];
  for (const size of sizes) {
    for (const shape of ENGINE_SHAPES) {
      const floor = perPhase(FLOOR, shape, size)!;
      costRows.push([
        `${shape}, ${size.toLocaleString("en-US")}`,
        ...ENGINE_NAMES.map((engine) => {
          const value = perPhase(engine, shape, size);
          return value === null
            ? show(value, size)
            : `${show(value, size)} (${ratio(value / floor)})`;
        }),
      ]);
    }
  }
  const first = sizes[0]!;
  const last = sizes[sizes.length - 1]!;
  const growthRows = ENGINE_SHAPES.map((shape) => [
    shape,
    ...ENGINE_NAMES.map((engine) => {
      const small = perPhase(engine, shape, first);
      const large = perPhase(engine, shape, last);
      return small === null || large === null ? "n/a (time limit)" : ratio(large / small);
    }),
  ]);

  const targets: TargetCheck[] = [];
  // The targets speak of 1,000 phases; a smoke run checks the same things at its largest size.
  const at = sizes.includes(1_000) ? 1_000 : last;
  const worst = (values: [EngineShape, number][]) => values.reduce((a, b) => (b[1] > a[1] ? b : a));
  const floorRatios = ENGINE_SHAPES.map((shape): [EngineShape, number] => [
    shape,
    perPhase(MILO, shape, at)! / perPhase(FLOOR, shape, at)!,
  ]);
  const [worstShape, worstRatio] = worst(floorRatios);
  targets.push({
    ...atMost(
      `Engine: within 3× of the floor at ${at.toLocaleString("en-US")} phases (worst shape: ${worstShape})`,
      worstRatio,
      3,
      ratio,
    ),
    measured: floorRatios.map(([shape, value]) => `${shape} ${ratio(value)}`).join(", "),
  });
  const sagaRatios = ENGINE_SHAPES.map((shape): [EngineShape, number] => {
    const theirs = perPhase(REDUX_SAGA, shape, at);
    return [shape, theirs === null ? 0 : perPhase(MILO, shape, at)! / theirs];
  });
  const [sagaShape, sagaWorst] = worst(sagaRatios);
  targets.push({
    ...atMost(
      `Engine: ahead of redux-saga at ${at.toLocaleString("en-US")} phases (ours / theirs < 1; worst: ${sagaShape})`,
      sagaWorst,
      1,
      ratio,
    ),
    met: sagaWorst < 1,
    measured: sagaRatios.map(([shape, value]) => `${shape} ${ratio(value)}`).join(", "),
  });
  const growth = ENGINE_SHAPES.map((shape): [EngineShape, number] => [
    shape,
    perPhase(MILO, shape, last)! / perPhase(MILO, shape, first)!,
  ]);
  const [growthShape, growthWorst] = worst(growth);
  targets.push({
    ...atMost(
      `Engine: cost per phase at ${last.toLocaleString("en-US")} phases ≤ 2× that at ${first} (worst: ${growthShape})`,
      growthWorst,
      2,
      ratio,
    ),
    measured: growth.map(([shape, value]) => `${shape} ${ratio(value)}`).join(", "),
  });

  return {
    id: "engine",
    title: "2. Engine cost (no-op phases, end to end)",
    tables: [
      {
        title: "Time per phase, median of repeats (× the floor)",
        columns: ["graph, phases", ...ENGINE_NAMES],
        rows: costRows,
      },
      {
        title: `Growth of the cost per phase from ${first} to ${last.toLocaleString("en-US")} phases (1.00× = flat)`,
        columns: ["graph", ...ENGINE_NAMES],
        rows: growthRows,
      },
    ],
    targets,
    notes: [
      "Each run goes from a defined graph to a finished run: @milo/core builds its reducer and saga, makes a Store and runs the saga; redux-saga makes its store and middleware; p-graph builds its PGraph; the floor only counts dependencies. Phases are async no-ops; concurrency unlimited.",
      "@milo/core keeps phase statuses in a PhaseTable, a √n-chunked persistent table, so an action copies O(√n) pointers rather than the O(n) keys of a spread record (what the idiomatic redux reducer here does, hence its quadratic growth).",
      `Runs predicted to exceed ${WORKER_ABOVE_MS / 1000} s run once in a worker thread of the same process, stopped at ${WORKER_LIMIT_MS / 1000} s ("> …" marks a stopped one); the others are warmed up (0.5 s), then timed round-robin in samples of about 100 ms of runs (median of the samples).`,
    ],
    data: Object.fromEntries(cells),
  };
}

/** One run in a worker thread; null when it hits the time limit. */
function timeInWorker(
  engine: EngineName,
  shape: EngineShape,
  size: number,
): Promise<number | null> {
  const request: OneRunRequest = { engine, shape, size };
  return runInWorker<number>(
    new URL("./peers/timeOneRun.ts", import.meta.url),
    request,
    WORKER_LIMIT_MS,
  );
}
