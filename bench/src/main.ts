import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runAgents } from "./agents";
import { runDashboard } from "./dashboard";
import { runEngineCost } from "./engineCost";
import { runEta } from "./eta";
import { runLayoutQuality } from "./layoutQuality";
import { runRerun } from "./rerun";
import { runRunOpening } from "./runOpening";
import { runScheduling } from "./scheduling";
import { runSeek } from "./seek";
import { machineInfo } from "./shared/machineInfo";
import {
  type BenchmarkOptions,
  type BenchmarkResult,
  formatTable,
  markdownTable,
  type TargetCheck,
} from "./shared/report";
import { runStoreDispatch } from "./storeDispatch";
import { runWorkerThroughput } from "./workerThroughput";

const BENCHMARKS: Record<string, (options: BenchmarkOptions) => Promise<BenchmarkResult>> = {
  scheduling: runScheduling,
  engine: runEngineCost,
  dispatch: runStoreDispatch,
  worker: runWorkerThroughput,
  dashboard: runDashboard,
  opening: runRunOpening,
  agents: runAgents,
  eta: runEta,
  seek: runSeek,
  layout: runLayoutQuality,
  rerun: runRerun,
};

const USAGE = `usage: node --import tsx src/main.ts [--smoke] [--only=${Object.keys(BENCHMARKS).join(",")}] [--out=DIR]
  --smoke  a small, fast run of every benchmark that checks the harness, not the speed; writes to a temp dir
  --only   run only these benchmarks (comma-separated)
  --out    where to write latest.json and latest.md (default: bench/results, or a temp dir with --smoke)`;

function parseArguments(argv: readonly string[]): {
  smoke: boolean;
  only: string[];
  out: string | null;
} {
  let smoke = false;
  let only = Object.keys(BENCHMARKS);
  let out: string | null = null;
  for (const argument of argv) {
    if (argument === "--smoke") smoke = true;
    else if (argument.startsWith("--only=")) {
      only = argument.slice("--only=".length).split(",").filter(Boolean);
      const unknown = only.filter((name) => !(name in BENCHMARKS));
      if (unknown.length > 0 || only.length === 0) {
        throw new Error(
          `--only: unknown benchmark(s) ${unknown.join(", ") || "(none given)"}.\n${USAGE}`,
        );
      }
    } else if (argument.startsWith("--out=")) out = argument.slice("--out=".length);
    else if (argument === "--help" || argument === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${JSON.stringify(argument)}.\n${USAGE}`);
  }
  return { smoke, only, out };
}

function targetLines(targets: readonly TargetCheck[]): string[] {
  return targets.map(
    (check) =>
      `${check.met ? "MET   " : "MISSED"}  ${check.target}: ${check.measured} (${check.margin})`,
  );
}

function markdown(
  results: readonly BenchmarkResult[],
  machine: ReturnType<typeof machineInfo>,
  smoke: boolean,
): string {
  const lines = [
    `# Benchmark results${smoke ? " (smoke run: checks the harness, the numbers mean nothing)" : ""}`,
    "",
    `Measured ${machine.date} on ${machine.nproc} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}, commit ${machine.commit}, load average ${machine.loadAverage.join(" / ")} at the start. Ratios compare engines measured side by side in the same run; absolute times drift on shared machines.`,
    "",
    "## Targets",
    "",
    "| | target | measured | margin |",
    "|---|---|---|---|",
    ...results.flatMap((result) =>
      result.targets.map(
        (check) =>
          `| ${check.met ? "✅ met" : "❌ missed"} | ${check.target} | ${check.measured.replaceAll("|", "\\|")} | ${check.margin} |`,
      ),
    ),
  ];
  for (const result of results) {
    lines.push("", `## ${result.title}`, "");
    for (const table of result.tables) lines.push(markdownTable(table), "");
    for (const note of result.notes) lines.push(`- ${note}`);
  }
  return `${lines.join("\n")}\n`;
}

async function main(): Promise<void> {
  const { smoke, only, out } = parseArguments(process.argv.slice(2));
  const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  // Scratch files (databases, the floor page's build) go in their own temp dir, removed at the end.
  const scratchDir = await mkdtemp(path.join(os.tmpdir(), "milo-bench-scratch-"));
  const outDir =
    out ??
    (smoke
      ? await mkdtemp(path.join(os.tmpdir(), "milo-bench-smoke-"))
      : path.join(benchDir, "results"));
  const machine = machineInfo(new Date());
  console.log(
    `Milo benchmarks${smoke ? " (smoke)" : ""}: ${machine.nproc} × ${machine.cpuModel}, Node ${machine.node}, commit ${machine.commit}`,
  );
  const options: BenchmarkOptions = { smoke, scratchDir, log: (line) => console.log(line) };
  const results: BenchmarkResult[] = [];
  const started = performance.now();
  try {
    for (const name of only) {
      const benchmarkStarted = performance.now();
      console.log(`\n▶ ${name}`);
      const result = await BENCHMARKS[name]!(options);
      results.push(result);
      console.log(
        `\n${result.title}  (${((performance.now() - benchmarkStarted) / 1000).toFixed(1)} s)`,
      );
      for (const table of result.tables) console.log(`\n${formatTable(table)}`);
      for (const note of result.notes) console.log(`  · ${note}`);
    }
  } finally {
    await rm(scratchDir, { recursive: true, force: true });
  }
  const targets = results.flatMap((result) => result.targets);
  console.log(
    `\nTargets${smoke ? " (smoke run: sizes are too small for these to mean anything)" : ""}`,
  );
  for (const line of targetLines(targets)) console.log(`  ${line}`);
  await mkdir(outDir, { recursive: true });
  const json = {
    smoke,
    machine,
    seconds: (performance.now() - started) / 1000,
    targets,
    results: results.map(({ id, title, tables, notes, targets: checks, data }) => ({
      id,
      title,
      tables,
      notes,
      targets: checks,
      data,
    })),
  };
  await writeFile(path.join(outDir, "latest.json"), `${JSON.stringify(json, null, 2)}\n`);
  await writeFile(path.join(outDir, "latest.md"), markdown(results, machine, smoke));
  console.log(
    `\n${targets.filter((check) => check.met).length}/${targets.length} targets met; results in ${path.join(outDir, "latest.{json,md}")} (${json.seconds.toFixed(0)} s)`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
