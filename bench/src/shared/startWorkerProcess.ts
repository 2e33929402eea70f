import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { stopChild } from "./stopChild";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
/** The `milo` command, as users run it. */
export const MILO_BIN = path.join(REPO_ROOT, "apps/worker/bin/milo.mjs");
const BENCH_PIPELINES = fileURLToPath(new URL("../pipelines/benchPipelines.ts", import.meta.url));

export interface WorkerProcess {
  /** e.g. http://127.0.0.1:43121 */
  readonly url: string;
  readonly dbFile: string;
  /** The server's process id (its RSS is in /proc/<pid>/status). */
  readonly pid: number;
  /** SIGTERM (the worker cancels live runs and closes its database), then waits for the exit. */
  stop(): Promise<void>;
}

/**
 * The real worker, as users start it (`milo serve`), in its own process so that its event loop
 * is not shared with the benchmark's clients; it serves the benchmark pipelines and the built
 * dashboard, with its history in `dbFile`.
 */
export async function startWorkerProcess(
  dbFile: string,
  /** Extra node flags for the worker, e.g. --cpu-prof to see where its time goes. */
  nodeArgs: readonly string[] = [],
  /** Extra `milo serve` options, e.g. ["--agents", "0"]. */
  serveArgs: readonly string[] = [],
): Promise<WorkerProcess> {
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      MILO_BIN,
      "serve",
      "--port",
      "0",
      "--db",
      dbFile,
      "--pipelines",
      BENCH_PIPELINES,
      ...serveArgs,
    ],
    { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } },
  );
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`milo serve did not start within 30 s. Its output:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the terminal's color codes
      const match = /listening on (http:\/\/\S+)/.exec(output.replace(/\u001b\[[0-9;]*m/g, ""));
      if (match) {
        clearTimeout(timer);
        // The printed address is the dashboard's (with a trailing slash, and a token when one
        // is required); the benchmarks need the origin.
        resolve(new URL(match[1]!).origin);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(
        new Error(`milo serve exited with code ${code} before listening. Its output:\n${output}`),
      );
    });
  });
  return { url, dbFile, pid: child.pid!, stop: () => stopChild(child) };
}
