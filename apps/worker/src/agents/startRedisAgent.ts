import { hostname } from "node:os";
import type { Pipeline } from "@milo/core";
import { Worker } from "bullmq";
import type { AgentStatus } from "./AgentFleet";
import { AgentRuntime } from "./AgentRuntime";
import type { AttemptJob } from "./agentMessages";
import { connectRedis, quietDuplicate } from "./connectRedis";
import {
  ABORT_CHANNEL,
  AGENT_HEARTBEAT_MS,
  AGENT_KEY_PREFIX,
  AGENT_KEY_TTL_S,
  AGENT_NAMES_KEY,
  ATTEMPT_QUEUE,
  type AttemptProgress,
  DEFAULT_STALL_MS,
} from "./redisSettings";

export interface RedisAgentOptions {
  readonly url: string;
  readonly pipelines: readonly Pipeline[];
  /** Default: HOST-PID. */
  readonly name?: string;
  /** Attempts at once (default 16: most handlers wait on I/O or timers). */
  readonly concurrency?: number;
  /** The same as the server's. */
  readonly stallMs?: number;
}

export interface RedisAgent {
  readonly runtime: AgentRuntime;
  close(): Promise<void>;
}

export const DEFAULT_AGENT_CONCURRENCY = 16;

/**
 * An agent that takes phase attempts from Redis: a BullMQ worker whose processor hands each
 * job to the agent runtime, reports the start and each log line as progress (awaited in order
 * before the job completes) and returns the outcome as the job's value. Aborts arrive on a
 * pub/sub channel, since only the process holding a job can abort it.
 */
export async function startRedisAgent(options: RedisAgentOptions): Promise<RedisAgent> {
  const name = options.name ?? `${hostname()}-${process.pid}`;
  const concurrency = options.concurrency ?? DEFAULT_AGENT_CONCURRENCY;
  const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
  const { redis } = await connectRedis(options.url);
  const runtime = new AgentRuntime(
    { name, host: hostname(), pid: process.pid, concurrency },
    options.pipelines,
  );
  const worker = new Worker<AttemptJob>(
    ATTEMPT_QUEUE,
    async (job) => {
      let reported: Promise<unknown> = Promise.resolve();
      const report = (progress: AttemptProgress) => {
        reported = reported.then(() => job.updateProgress(progress)).catch(() => {});
      };
      report({ kind: "started", agent: name });
      const outcome = await runtime.execute(job.data, {
        log: (line, stream) => report({ kind: "log", line, stream }),
      });
      await reported;
      return outcome;
    },
    {
      connection: quietDuplicate(redis),
      concurrency,
      lockDuration: stallMs,
      stalledInterval: stallMs,
      maxStalledCount: 0,
      name,
    },
  );
  worker.on("error", () => {});
  const subscriber = quietDuplicate(redis);
  subscriber.on("error", () => {});
  await subscriber.subscribe(ABORT_CHANNEL);
  subscriber.on("message", (_channel, message) => {
    try {
      const { id, reason } = JSON.parse(message) as { id: string; reason: string };
      runtime.abort(id, reason);
    } catch {
      // Not ours to understand.
    }
  });
  let lastSeen = Date.now();
  const beat = async () => {
    lastSeen = Date.now();
    const status: AgentStatus = {
      ...runtime.description,
      state: runtime.runningCount > 0 ? "busy" : "idle",
      running: runtime.runningCount,
      attemptsRun: runtime.totalRun,
      lastSeen,
    };
    await redis
      .multi()
      .set(`${AGENT_KEY_PREFIX}${name}`, JSON.stringify(status), "EX", AGENT_KEY_TTL_S)
      .sadd(AGENT_NAMES_KEY, name)
      .exec()
      .catch(() => {});
  };
  await beat();
  const heartbeat = setInterval(() => void beat(), AGENT_HEARTBEAT_MS);
  await worker.waitUntilReady();
  return {
    runtime,
    async close() {
      clearInterval(heartbeat);
      await worker.close();
      await redis
        .multi()
        .del(`${AGENT_KEY_PREFIX}${name}`)
        .srem(AGENT_NAMES_KEY, name)
        .exec()
        .catch(() => {});
      subscriber.disconnect();
      redis.disconnect();
    },
  };
}
