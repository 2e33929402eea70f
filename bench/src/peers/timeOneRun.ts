// Times one run of one engine on one graph, alone in this process, and prints {"ms": N}. The
// engine benchmark starts it as a child process for runs that may take too long, so it can stop
// them at a time limit (a run is synchronous-heavy and cannot be interrupted in process).
import { ENGINE_SHAPES, type EngineShape, engineDag } from "../shared/engineDags";
import { timeRun } from "../shared/timeRun";
import { ENGINE_NAMES, ENGINES_BY_NAME, type EngineName, noOp } from "./engines";

const [engineName, shape, sizeText] = process.argv.slice(2);
if (
  !ENGINE_NAMES.includes(engineName as EngineName) ||
  !ENGINE_SHAPES.includes(shape as EngineShape) ||
  !(Number(sizeText) > 0)
) {
  console.error(
    `usage: timeOneRun.ts <engine> <shape> <size>; engines: ${ENGINE_NAMES.join(", ")}; shapes: ${ENGINE_SHAPES.join(", ")}`,
  );
  process.exit(2);
}
const run = ENGINES_BY_NAME[engineName as EngineName](
  engineDag(shape as EngineShape, Number(sizeText)),
  noOp,
);
const ms = await timeRun(() => run({ concurrency: Number.POSITIVE_INFINITY }));
console.log(JSON.stringify({ ms }));
