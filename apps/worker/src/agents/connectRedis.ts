import { Redis } from "ioredis";

/** Redis could not be reached; the message says where and what to do. */
export class RedisUnreachableError extends Error {
  override readonly name = "RedisUnreachableError";
}

/**
 * A connection for BullMQ (which wants `maxRetriesPerRequest: null`), made only once a first
 * probe has reached the server, so a wrong URL or a stopped Redis is a clear error at once
 * instead of endless retries. Resolves with the connection and the Redis server's run id.
 */
export async function connectRedis(url: string): Promise<{ redis: Redis; runId: string }> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on("error", () => {});
  try {
    await probe.connect();
    const runId = await redisRunId(probe);
    const redis = new Redis(url, { maxRetriesPerRequest: null });
    redis.on("error", () => {});
    return { redis, runId };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RedisUnreachableError(
      `Cannot reach Redis at ${url} (${reason}): start Redis there, or check --redis URL.`,
    );
  } finally {
    probe.disconnect();
  }
}

/** Changes when the Redis server restarts: its queues may then be gone. */
export async function redisRunId(redis: Redis): Promise<string> {
  const info = await redis.info("server");
  return /run_id:(\w+)/.exec(info)?.[1] ?? "";
}

/** Another connection to the same Redis; its errors are reported by whoever uses it, not logged. */
export function quietDuplicate(redis: Redis): Redis {
  const duplicate = redis.duplicate();
  duplicate.on("error", () => {});
  return duplicate;
}
