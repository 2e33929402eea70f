import { ENGINE_NAMES, type EngineName } from "./peers/engines";
import type { EngineTiming, EngineTimingRequest } from "./peers/timeEngine";
import type { GrowthRequest, GrowthTiming } from "./peers/timeGrowth";
import { ENGINE_SHAPES, type EngineShape } from "./shared/engineDags";
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

const MILO: EngineName = "@milo/core";
const REDUX_SAGA: EngineName = "redux + redux-saga";
/** A run predicted to take longer than this is timed once, cold, and stopped at a limit. */
const SINGLE_RUN_ABOVE_MS = 5_000;
const SINGLE_RUN_LIMIT_MS = 20_000;
/** Warm-up and samples of one engine on one graph must fit in this. */
const CELL_LIMIT_MS = 120_000;

interface Cell {
  /** Median milliseconds per phase; null when the run hit the time limit. */
  readonly perPhaseMs: number | null;
  /** Median of the ratios of each sample to the floor's sample taken beside it. */
  readonly toFloor: number | null;
  readonly samples: number;
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
    const samples = options.smoke ? 2 : size <= 100 ? 15 : size <= 1_000 ? 7 : 3;
    for (const shape of ENGINE_SHAPES) {
      for (const engine of ENGINE_NAMES) {
        const previous = cells.get(key(engine, shape, size / 10))?.perPhaseMs;
        // Predict from the smaller size, allowing the cost per phase to double.
        const predictedMs = previous === undefined || previous === null ? 0 : previous * size * 2;
        const single = !options.smoke && (previous === null || predictedMs > SINGLE_RUN_ABOVE_MS);
        const request: EngineTimingRequest = single
          ? { engine, shape, size, samples: 1, warmUp: false }
          : { engine, shape, size, samples, warmUp: !options.smoke };
        const timing =
          previous === null
            ? null
            : await runInWorker<EngineTiming>(
                new URL("./peers/timeEngine.ts", import.meta.url),
                request,
                single ? SINGLE_RUN_LIMIT_MS : CELL_LIMIT_MS,
              );
        if (timing === null && !single) {
          throw new Error(
            `${engine} on ${shape} (${size} phases) did not finish its samples within ${CELL_LIMIT_MS / 1000} s`,
          );
        }
        cells.set(key(engine, shape, size), {
          perPhaseMs: timing === null ? null : median(timing.perPhaseMs),
          toFloor:
            timing === null
              ? null
              : median(timing.perPhaseMs.map((ms, index) => ms / timing.floorPerPhaseMs[index]!)),
          samples: timing?.perPhaseMs.length ?? 0,
        });
      }
      options.log(`  engine: ${shape}, ${size} phases done`);
    }
  }

  // Growth of the cost per phase, from samples of the smallest and largest graphs taken side by
  // side in one thread (an engine stopped at the time limit on the largest has none).
  const first = sizes[0]!;
  const last = sizes[sizes.length - 1]!;
  const growthOf = new Map<string, number | null>();
  for (const shape of ENGINE_SHAPES) {
    for (const engine of ENGINE_NAMES) {
      const largeCell = cells.get(key(engine, shape, last))!;
      if (largeCell.perPhaseMs === null || largeCell.samples < 2) {
        growthOf.set(`${engine}|${shape}`, null);
        continue;
      }
      const request: GrowthRequest = {
        engine,
        shape,
        small: first,
        large: last,
        pairs: options.smoke ? 2 : 5,
        warmUp: !options.smoke,
      };
      const timing = await runInWorker<GrowthTiming>(
        new URL("./peers/timeGrowth.ts", import.meta.url),
        request,
        CELL_LIMIT_MS,
      );
      growthOf.set(
        `${engine}|${shape}`,
        timing === null
          ? null
          : median(timing.largePerPhaseMs.map((ms, index) => ms / timing.smallPerPhaseMs[index]!)),
      );
    }
    options.log(`  engine: growth on ${shape} done`);
  }

  const perPhase = (engine: EngineName, shape: EngineShape, size: number) =>
    cells.get(key(engine, shape, size))?.perPhaseMs ?? null;
  const toFloor = (engine: EngineName, shape: EngineShape, size: number) =>
    cells.get(key(engine, shape, size))?.toFloor ?? null;
  const show = (value: number | null, size: number) =>
    value === null ? `> ${microseconds(SINGLE_RUN_LIMIT_MS / size)}` : microseconds(value);
  const costRows: string[][] = [];
  for (const size of sizes) {
    for (const shape of ENGINE_SHAPES) {
      costRows.push([
        `${shape}, ${size.toLocaleString("en-US")}`,
        ...ENGINE_NAMES.map((engine) => {
          const value = perPhase(engine, shape, size);
          const times = toFloor(engine, shape, size);
          return value === null || times === null
            ? show(value, size)
            : `${show(value, size)} (${ratio(times)})`;
        }),
      ]);
    }
  }
  const growthRows = ENGINE_SHAPES.map((shape) => [
    shape,
    ...ENGINE_NAMES.map((engine) => {
      const growth = growthOf.get(`${engine}|${shape}`);
      return growth === null || growth === undefined ? "n/a (time limit)" : ratio(growth);
    }),
  ]);

  const targets: TargetCheck[] = [];
  // The targets speak of 1,000 phases; a smoke run checks the same things at its largest size.
  const at = sizes.includes(1_000) ? 1_000 : last;
  const worst = (values: [EngineShape, number][]) => values.reduce((a, b) => (b[1] > a[1] ? b : a));
  const floorRatios = ENGINE_SHAPES.map((shape): [EngineShape, number] => [
    shape,
    toFloor(MILO, shape, at)!,
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
  // Each engine's ratio to the floor sampled beside it, compared: robust to drift between them.
  const sagaRatios = ENGINE_SHAPES.map((shape): [EngineShape, number] => {
    const theirs = toFloor(REDUX_SAGA, shape, at);
    return [shape, theirs === null ? 0 : toFloor(MILO, shape, at)! / theirs];
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
    growthOf.get(`${MILO}|${shape}`) ?? Number.NaN,
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
        title: "Time per phase, median of samples (× the floor, sampled beside each sample)",
        columns: ["graph, phases", ...ENGINE_NAMES],
        rows: costRows,
      },
      {
        title: `Growth of the cost per phase from ${first} to ${last.toLocaleString("en-US")} phases (1.00× = flat), median of paired samples`,
        columns: ["graph", ...ENGINE_NAMES],
        rows: growthRows,
      },
    ],
    targets,
    notes: [
      "Each run goes from a defined graph to a finished run: @milo/core builds its reducer and saga, makes a Store and runs the saga; redux-saga makes its store and middleware; p-graph builds its PGraph; the floor only counts dependencies. Phases are async no-ops; concurrency unlimited.",
      "@milo/core's state shows its phases as a plain frozen array, built only when read; behind it the reducer keeps the statuses in a private √n-chunked persistent table, so an action copies O(√n) pointers rather than the O(n) keys of a spread record (what the idiomatic redux reducer here does, hence its quadratic growth).",
      `Each engine is timed on each graph in a fresh worker thread of this process (so no engine's garbage or JIT state is billed to another): warmed up for 0.5 s, then ${options.smoke ? 2 : "15 (100 phases), 7 (1,000) or 3 (10,000)"} samples of about 100 ms of runs each, median shown; each sample is paired with one of the floor taken just before or after it in the same thread, and "× the floor" is the median of those paired ratios (so the machine's drift between engines cancels out). A run predicted to exceed ${SINGLE_RUN_ABOVE_MS / 1000} s is timed once, cold, and stopped at ${SINGLE_RUN_LIMIT_MS / 1000} s ("> …").`,
    ],
    data: Object.fromEntries(cells),
  };
}
