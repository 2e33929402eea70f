import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const MILO = fileURLToPath(new URL("../bin/milo.mjs", import.meta.url));

export interface AgentProcess {
  readonly child: ChildProcess;
  readonly name: string;
  output(): string;
  /** Resolves with the exit code once it has ended. */
  readonly exited: Promise<number | null>;
}

/** Runs the `milo` CLI in a child process. */
export function spawnMilo(args: readonly string[], env: NodeJS.ProcessEnv = {}): AgentProcess {
  const child = spawn(process.execPath, [MILO, ...args], {
    env: { ...process.env, ...env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  const name = args[args.indexOf("--name") + 1] ?? "";
  return { child, name, output: () => output, exited };
}

/** `milo agent --redis URL --pipelines FILE --name NAME`, resolved once it takes phases. */
export async function startAgentProcess(
  url: string,
  pipelineFile: string,
  name: string,
  extra: readonly string[] = [],
): Promise<AgentProcess> {
  const agent = spawnMilo([
    "agent",
    "--redis",
    url,
    "--pipelines",
    pipelineFile,
    "--name",
    name,
    ...extra,
  ]);
  const deadline = Date.now() + 15_000;
  while (!agent.output().includes("taking phases from")) {
    if (agent.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`agent ${name} did not start:\n${agent.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return agent;
}

/** Ends agents that are still running and waits for them. */
export async function stopAgents(agents: readonly AgentProcess[]): Promise<void> {
  await Promise.all(
    agents.map(async (agent) => {
      if (agent.child.exitCode !== null || agent.child.signalCode !== null) return;
      agent.child.kill("SIGTERM");
      const timer = setTimeout(() => agent.child.kill("SIGKILL"), 3_000);
      await agent.exited;
      clearTimeout(timer);
    }),
  );
}
