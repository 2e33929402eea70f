import { resolve } from "node:path";
import type { Pipeline } from "@milo/core";
import pc from "picocolors";
import type { AgentFleet } from "../agents/AgentFleet";
import { RedisUnreachableError } from "../agents/connectRedis";
import { LocalAgentPool } from "../agents/LocalAgentPool";
import { RedisAgentFleet } from "../agents/RedisAgentFleet";
import { DEFAULT_DB_FILE, DEFAULT_HOST, DEFAULT_PORT } from "../defaults";
import { LoadError, loadPipelines } from "../loadPipelines";
import { resolveUserPath } from "../resolveUserPath";
import { isLoopbackHost } from "../security/isLoopbackHost";
import { tokenProblem } from "../security/resolveToken";
import { startWorker, type Worker } from "../startWorker";
import { UsageError } from "../UsageError";

export interface ServeOptions {
  readonly pipelines?: readonly string[];
  readonly host?: string;
  /** More host names the worker answers to (--allow-host, repeatable). */
  readonly allowHost?: readonly string[];
  /** The token every request must carry (--token; default MILO_TOKEN). */
  readonly token?: string;
  readonly port?: number;
  readonly db?: string;
  /** How many local agent processes run the phases (default: one per core). */
  readonly agents?: number;
  /** Phases go to `milo agent`s through this Redis instead of local agents. */
  readonly redis?: string;
  readonly stallMs?: number;
  /** A completed phase's value is kept for re-runs when its JSON is at most this long. */
  readonly maxResultBytes?: number;
  /** Event streams one client address may hold open at once. */
  readonly maxStreamsPerClient?: number;
}

/** `milo serve`: the HTTP API and dashboard until Ctrl-C; returns the exit code. */
export async function serveCommand(options: ServeOptions): Promise<number> {
  const paths = (options.pipelines ?? []).map(resolveUserPath);
  let pipelines: Pipeline[];
  try {
    const loaded = await loadPipelines(paths);
    for (const warning of loaded.warnings) console.error(pc.yellow(`warning: ${warning}`));
    pipelines = loaded.pipelines;
  } catch (error) {
    if (error instanceof LoadError) throw new UsageError(error.message);
    throw error;
  }
  if (pipelines.length === 0) {
    console.error(
      pc.yellow(
        "warning: no pipelines loaded: pass --pipelines FILE_OR_FOLDER (or try `milo demo`).",
      ),
    );
  }
  const worker = await listen({ ...options, pipelines, pipelineFiles: paths });
  console.log(`Milo worker listening on ${pc.bold(worker.dashboardUrl)}`);
  const names = pipelines.map((pipeline) => pipeline.name).join(", ") || "none";
  console.log(pc.dim(`Pipelines: ${names}. History in ${worker.db.file}. Ctrl-C stops.`));
  console.log(pc.dim(describeFleet(worker.agents)));
  await untilStopped(worker);
  return 0;
}

/** Starts the worker, turning the usual failures to listen into usage errors. */
export async function listen(
  options: Omit<ServeOptions, "pipelines"> & {
    readonly pipelines: readonly Pipeline[];
    /** The modules the pipelines came from, for the agents to load. */
    readonly pipelineFiles: readonly string[];
  },
): Promise<Worker> {
  const port = options.port ?? DEFAULT_PORT;
  const host = options.host ?? DEFAULT_HOST;
  const envToken = process.env.MILO_TOKEN || undefined;
  const envProblem = envToken === undefined ? null : tokenProblem(envToken, "MILO_TOKEN");
  if (options.token === undefined && envProblem !== null) throw new UsageError(envProblem);
  const agents = await startFleet(options);
  try {
    const worker = await startWorker({
      agents,
      pipelines: options.pipelines,
      dbFile: resolve(options.db ?? DEFAULT_DB_FILE),
      host,
      port,
      allowHosts: options.allowHost,
      token: options.token ?? envToken,
      maxResultBytes: options.maxResultBytes,
      sse: { maxStreamsPerClient: options.maxStreamsPerClient },
      // A dashboard built elsewhere (e.g. `vite build --outDir DIR`) instead of apps/web/dist.
      webRoot: process.env.MILO_WEB_ROOT ? resolve(process.env.MILO_WEB_ROOT) : undefined,
    });
    if (!isLoopbackHost(host)) {
      console.error(
        pc.yellow(
          `warning: listening on ${host}, reachable from other machines: every request needs the token${worker.tokenGenerated ? " in the URL below" : ""}; use --host 127.0.0.1 to keep the worker to this machine.`,
        ),
      );
    }
    return worker;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "EADDRINUSE") {
      throw new UsageError(
        `Port ${port} is already in use: pick another with --port N (or --port 0 for any free port).`,
      );
    }
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") {
      throw new UsageError(
        `Cannot listen on host ${options.host}: use an address of this machine.`,
      );
    }
    const db = options.db ?? DEFAULT_DB_FILE;
    if (code === "EEXIST" || code === "ENOTDIR") {
      const path = (error as { path?: string }).path ?? "a parent";
      throw new UsageError(
        `Cannot use ${db} as the history database: ${path} is a file, not a folder. Pass --db a path in a folder you can write to.`,
      );
    }
    const syscall = (error as { syscall?: string }).syscall;
    if (syscall === "listen" && code === "EACCES") {
      throw new UsageError(
        `Not allowed to listen on port ${port}: pick one above 1023 with --port N.`,
      );
    }
    if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
      throw new UsageError(
        `Cannot create the folder of the history database ${db} (${(error as Error).message}). Pass --db a path in a folder you can write to.`,
      );
    }
    if (code?.startsWith("SQLITE_")) {
      throw new UsageError(
        `Cannot use ${db} as the history database (${(error as Error).message}). Pass --db a SQLite file you can read and write, or a new path.`,
      );
    }
    throw error;
  }
}

/** Local agent processes, or agents behind Redis when a URL is given. */
async function startFleet(options: {
  readonly pipelineFiles: readonly string[];
  readonly agents?: number;
  readonly redis?: string;
  readonly stallMs?: number;
}): Promise<AgentFleet | undefined> {
  if (options.redis === undefined) {
    // --agents 0: handlers in this process, unguarded (for comparison, or fully trusted code).
    if (options.agents === 0) return undefined;
    return new LocalAgentPool({ pipelineFiles: options.pipelineFiles, agents: options.agents });
  }
  try {
    return await RedisAgentFleet.connect({ url: options.redis, stallMs: options.stallMs });
  } catch (error) {
    if (error instanceof RedisUnreachableError) throw new UsageError(error.message);
    throw error;
  }
}

/** One line saying where phases run. */
function describeFleet(fleet: AgentFleet | undefined): string {
  if (fleet === undefined) return "Phases run in this process.";
  const { mode, agents } = fleet.status();
  if (mode === "redis") return "Phases run on agents that take them from Redis (`milo agent`).";
  return `Phases run in ${agents.length} local agent process${agents.length === 1 ? "" : "es"} (--agents N).`;
}

/** Waits for Ctrl-C or SIGTERM, then cancels live runs and closes cleanly. */
export function untilStopped(worker: Worker): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      // A second signal while closing ends the process at once.
      const force = () => process.exit(130);
      process.once("SIGINT", force);
      console.error(pc.dim("Stopping: cancelling live runs…"));
      worker.close().then(done, (error: unknown) => {
        console.error(error);
        done();
      });
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
