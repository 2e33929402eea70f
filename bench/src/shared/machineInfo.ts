import { execFileSync } from "node:child_process";
import os from "node:os";

export interface MachineInfo {
  readonly nproc: number;
  readonly cpuModel: string;
  readonly node: string;
  readonly platform: string;
  readonly memoryGiB: number;
  /** 1, 5 and 15-minute load averages when the run started: other work on a shared machine. */
  readonly loadAverage: readonly number[];
  readonly commit: string;
  readonly date: string;
}

/** What the numbers were measured on: they mean little without it. */
export function machineInfo(now: Date): MachineInfo {
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    // Not a git checkout: the results still stand, only their commit is unknown.
  }
  return {
    nproc: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
    commit,
    date: now.toISOString(),
  };
}
