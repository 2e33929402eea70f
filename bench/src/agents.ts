import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  atMost,
  type BenchmarkOptions,
  type BenchmarkResult,
  milliseconds,
  ratio,
  type TargetCheck,
} from "./shared/report";
import { MILO_BIN, REPO_ROOT } from "./shared/startWorkerProcess";
import { summarize } from "./shared/stats";
import { stopChild } from "./shared/stopChild";

const PIPELINES = fileURLToPath(new URL("./pipelines/agentBenchPipelines.ts", import.meta.url));

type Mode = "in-process" | "2 local agents" | "2 Redis agents";
const MODES: readonly Mode[] = ["in-process", "2 local agents", "2 Redis agents"];

interface Sizes {
  readonly cpuPhases: number;
  readonly cpuMs: number;
  readonly chain: number;
}

interface ModeResult {
  readonly mode: Mode;
  readonly makespanMs: number;
  readonly health: ReturnType<typeof summarize>;
  readonly perAttempt: ReturnType<typeof summarize>;
  /** The chain's span over its length: finer than the ms-resolution gaps. */
  readonly perAttemptMean: number;
}

interface PhaseTimes {
  readonly name: string;
  readonly endedAt: number | null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts `milo ARGS` and resolves once its output contains `ready`. */
async function startMilo(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, [MILO_BIN, ...args], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env, NO_COLOR: "1" },
  });
  let output = "";
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`milo ${args[0]} did not start:\n${output}`)),
      30_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = ready.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`milo ${args[0]} exited with ${code}:\n${output}`));
    });
  });
  child.removeAllListeners("exit");
  return { child, match };
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const body = (await response.json()) as T;
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

/** Runs a pipeline to its end; while it runs, asks /api/health every 20 ms if `probe`. */
async function runOnce(
  url: string,
  pipeline: string,
  probe: boolean,
): Promise<{ makespanMs: number; health: number[]; phases: PhaseTimes[] }> {
  const health: number[] = [];
  let done = false;
  // Asking starts before the run does: a server busy in a handler answers late, and that counts.
  const prober = (async () => {
    while (probe && !done) {
      const before = performance.now();
      await fetch(`${url}/api/health`).then((response) => response.text());
      health.push(performance.now() - before);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const run = await json<{ id: string }>(`${url}/api/pipelines/${pipeline}/runs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  let detail: {
    status: string;
    state: { startedAt: number; endedAt: number; phases: unknown };
  };
  for (;;) {
    detail = await json(`${url}/api/runs/${run.id}`);
    if (detail.status !== "running" && detail.status !== "pending") break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  done = true;
  await prober;
  if (detail.status !== "completed") throw new Error(`${pipeline} ended ${detail.status}`);
  const phases = detail.state.phases as PhaseTimes[] | Record<string, PhaseTimes>;
  return {
    makespanMs: detail.state.endedAt - detail.state.startedAt,
    health,
    phases: Array.isArray(phases) ? phases : Object.values(phases),
  };
}

/** One attempt's round trip: the gaps between consecutive ends along the chain. */
function chainGaps(phases: readonly PhaseTimes[]): number[] {
  const ends = [...phases]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((phase) => phase.endedAt ?? Number.NaN);
  return ends.slice(1).map((end, index) => end - ends[index]!);
}

async function startRedis(scratchDir: string): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const pidFile = path.join(scratchDir, `redis-${port}.pid`);
  execFileSync("redis-server", [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
    "--daemonize",
    "yes",
    "--dir",
    scratchDir,
    "--pidfile",
    pidFile,
  ]);
  for (let tries = 0; ; tries++) {
    try {
      execFileSync("redis-cli", ["-p", String(port), "ping"], { stdio: "ignore" });
      break;
    } catch (error) {
      if (tries > 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => {
      try {
        process.kill(Number(readFileSync(pidFile, "utf8")), "SIGKILL");
      } catch {
        // Already gone.
      }
    },
  };
}

async function measureMode(
  mode: Mode,
  sizes: Sizes,
  options: BenchmarkOptions,
): Promise<ModeResult> {
  const env = {
    MILO_BENCH_CPU_PHASES: String(sizes.cpuPhases),
    MILO_BENCH_CPU_MS: String(sizes.cpuMs),
    MILO_BENCH_CHAIN: String(sizes.chain),
  };
  const db = path.join(options.scratchDir, `agents-${mode.replaceAll(" ", "-")}.db`);
  const children: ChildProcess[] = [];
  const redis = mode === "2 Redis agents" ? await startRedis(options.scratchDir) : null;
  try {
    const fleet =
      mode === "in-process"
        ? ["--agents", "0"]
        : redis
          ? ["--redis", redis.url]
          : ["--agents", "2"];
    const serve = await startMilo(
      ["serve", "--port", "0", "--db", db, "--pipelines", PIPELINES, ...fleet],
      env,
      /listening on (http:\/\/\S+)/,
    );
    children.push(serve.child);
    const url = serve.match[1]!.replace(/\/$/, "");
    if (redis) {
      for (const name of ["bench-a", "bench-b"]) {
        const agent = await startMilo(
          [
            "agent",
            "--redis",
            redis.url,
            "--pipelines",
            PIPELINES,
            "--name",
            name,
            "--concurrency",
            "1",
          ],
          env,
          /taking phases from/,
        );
        children.push(agent.child);
      }
    }
    // A warm-up run of each, so agents have loaded and compiled the handlers.
    await runOnce(url, "noopChain", false);
    await runOnce(url, "cpuBound", false);
    const cpu = await runOnce(url, "cpuBound", true);
    const chain = await runOnce(url, "noopChain", false);
    const result: ModeResult = {
      mode,
      makespanMs: cpu.makespanMs,
      health: summarize(cpu.health),
      perAttempt: summarize(chainGaps(chain.phases)),
      perAttemptMean: chain.makespanMs / sizes.chain,
    };
    options.log(
      `  ${mode}: makespan ${milliseconds(result.makespanMs)}, health p99 ${milliseconds(result.health.p99)}, per attempt p50 ${milliseconds(result.perAttempt.median)}`,
    );
    return result;
  } finally {
    await Promise.all(children.reverse().map(stopChild));
    redis?.stop();
  }
}

/**
 * Where handlers run: in the server's process, in 2 local agent processes, or in 2 `milo agent`s
 * behind Redis. A CPU-bound pipeline's makespan (agents use both cores; in process, one), the
 * API's responsiveness while it runs, and what each attempt costs on a chain of no-op phases.
 */
export async function runAgents(options: BenchmarkOptions): Promise<BenchmarkResult> {
  const sizes: Sizes = options.smoke
    ? { cpuPhases: 4, cpuMs: 20, chain: 10 }
    : { cpuPhases: 32, cpuMs: 250, chain: 200 };
  const results: ModeResult[] = [];
  for (const mode of MODES) results.push(await measureMode(mode, sizes, options));
  const byMode = new Map(results.map((result) => [result.mode, result]));
  const inProcess = byMode.get("in-process")!;
  const slowerAgents = Math.max(
    byMode.get("2 local agents")!.makespanMs,
    byMode.get("2 Redis agents")!.makespanMs,
  );
  const targets: TargetCheck[] = [
    atMost(
      `${sizes.cpuPhases} × ${sizes.cpuMs} ms CPU-bound phases: agents' makespan ≤ 0.6× in-process`,
      slowerAgents / inProcess.makespanMs,
      0.6,
      ratio,
    ),
  ];
  return {
    id: "agents",
    title: "Agents: handlers outside the server",
    tables: [
      {
        title: `${sizes.cpuPhases} parallel phases of ${sizes.cpuMs} ms busy work; /api/health asked every 20 ms meanwhile`,
        columns: ["mode", "makespan", "× in-process", "health p50", "health p99", "health max"],
        rows: results.map((result) => [
          result.mode,
          milliseconds(result.makespanMs),
          ratio(result.makespanMs / inProcess.makespanMs),
          milliseconds(result.health.median),
          milliseconds(result.health.p99),
          milliseconds(result.health.max),
        ]),
      },
      {
        title: `Per attempt, a chain of ${sizes.chain} no-op phases (end to next end)`,
        columns: ["mode", "p50", "p99", "mean", "mean over in-process"],
        rows: results.map((result) => [
          result.mode,
          milliseconds(result.perAttempt.median),
          milliseconds(result.perAttempt.p99),
          milliseconds(result.perAttemptMean),
          milliseconds(result.perAttemptMean - inProcess.perAttemptMean),
        ]),
      },
    ],
    targets,
    notes: [
      "In process, the handlers share the server's one thread: the run uses one core and /api/health waits behind each busy phase.",
      "Local agents are child processes of the server (IPC); Redis agents are `milo agent --concurrency 1` processes taking BullMQ jobs. Each mode has a warm-up run first.",
      "Per-attempt times are the gaps between consecutive phases' recorded ends (ms resolution), so they include the scheduler, the trip to the agent and back, and the recording.",
    ],
    data: { sizes, results },
  };
}
