import pc from "picocolors";
import { agentStoppedMessage } from "../agents/agentMessages";
import { RedisUnreachableError } from "../agents/connectRedis";
import { guardProcess } from "../agents/guardProcess";
import { startRedisAgent } from "../agents/startRedisAgent";
import { LoadError, loadPipelines } from "../loadPipelines";
import { resolveUserPath } from "../resolveUserPath";
import { UsageError } from "../UsageError";

export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

export interface AgentOptions {
  readonly pipelines?: readonly string[];
  readonly redis?: string;
  readonly concurrency?: number;
  readonly name?: string;
  readonly stallMs?: number;
}

/** `milo agent`: runs phase attempts from Redis until Ctrl-C; returns the exit code. */
export async function agentCommand(options: AgentOptions): Promise<number> {
  const paths = (options.pipelines ?? []).map(resolveUserPath);
  if (paths.length === 0) {
    throw new UsageError(
      "milo agent needs --pipelines FILE_OR_FOLDER: the same pipeline modules as the server.",
    );
  }
  let loaded: Awaited<ReturnType<typeof loadPipelines>>;
  try {
    loaded = await loadPipelines(paths);
  } catch (error) {
    if (error instanceof LoadError) throw new UsageError(error.message);
    throw error;
  }
  for (const warning of loaded.warnings) console.error(pc.yellow(`warning: ${warning}`));
  const url = options.redis ?? DEFAULT_REDIS_URL;
  let agent: Awaited<ReturnType<typeof startRedisAgent>>;
  try {
    agent = await startRedisAgent({
      url,
      pipelines: loaded.pipelines,
      name: options.name,
      concurrency: options.concurrency,
      stallMs: options.stallMs,
    });
  } catch (error) {
    if (error instanceof RedisUnreachableError) throw new UsageError(error.message);
    throw error;
  }
  const { name, concurrency } = agent.runtime.identity;
  const exit = guardProcess(agent.runtime, (error) => {
    console.error(`milo agent ${name}: a crash no phase could be blamed for:`, error);
    agent.runtime.failAll(agentStoppedMessage(name));
    setTimeout(() => exit(70), 200);
  });
  const names = loaded.pipelines.map((pipeline) => pipeline.name).join(", ") || "none";
  console.log(
    `Milo agent ${pc.bold(name)} taking phases from ${url} (${concurrency} at once). Pipelines: ${names}. Ctrl-C stops.`,
  );
  await new Promise<void>((done) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      process.once("SIGINT", () => exit(130));
      console.error(pc.dim("Stopping: finishing the phases running here…"));
      agent.close().then(done, done);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  return 0;
}
