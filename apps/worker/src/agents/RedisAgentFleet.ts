import { Queue, QueueEvents, Worker } from "bullmq";
import type { Redis } from "ioredis";
import {
  type AgentFleet,
  type AgentStatus,
  type AttemptRequest,
  type FleetStatus,
  waitingAttempts,
} from "./AgentFleet";
import { abortReason } from "./abortReason";
import { type AttemptOutcome, agentStoppedMessage } from "./agentMessages";
import { connectRedis, quietDuplicate, redisRunId } from "./connectRedis";
import {
  ABORT_CHANNEL,
  AGENT_HEARTBEAT_MS,
  AGENT_KEY_PREFIX,
  AGENT_NAMES_KEY,
  ATTEMPT_QUEUE,
  type AttemptProgress,
  DEFAULT_STALL_MS,
  EVENT_STREAM_LENGTH,
} from "./redisSettings";

export interface RedisAgentFleetOptions {
  readonly url: string;
  /** Lock duration and stalled check interval; the same as every agent's. */
  readonly stallMs?: number;
}

interface PendingAttempt {
  readonly request: AttemptRequest;
  readonly resolve: (outcome: AttemptOutcome) => void;
  agent: string | null;
}

/** BullMQ's reason for a job whose agent stopped renewing its lock. */
const STALLED = /stalled/i;

/**
 * Phases run by `milo agent --redis` processes on any machine: each ready attempt is a BullMQ
 * job (BullMQ never retries it: the phase's policy in the saga does). Progress events carry the
 * agent's name and live log lines, in order before the completion; an abort is published for
 * whichever agent holds the job. This server also runs the stalled check, so a job whose agent
 * died fails even when no other agent is alive.
 */
export class RedisAgentFleet implements AgentFleet {
  private readonly pending = new Map<string, PendingAttempt>();
  private agents: AgentStatus[] = [];
  private queued = 0;
  private down: { since: number; timer: NodeJS.Timeout } | null = null;
  private readonly refreshTimer: NodeJS.Timeout;
  private closed = false;

  private constructor(
    private readonly url: string,
    private readonly redis: Redis,
    private runId: string,
    private readonly stallMs: number,
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly stalledChecker: Worker,
  ) {
    queue.on("error", () => {});
    events.on("error", () => {});
    stalledChecker.on("error", () => {});
    events.on("progress", ({ jobId, data }) => this.onProgress(jobId, data as AttemptProgress));
    events.on("completed", ({ jobId, returnvalue }) => {
      const outcome = (
        typeof returnvalue === "string" ? JSON.parse(returnvalue) : returnvalue
      ) as AttemptOutcome;
      this.settle(jobId, outcome);
    });
    events.on("failed", ({ jobId, failedReason }) => {
      const attempt = this.pending.get(jobId);
      if (attempt === undefined) return;
      const error = STALLED.test(failedReason)
        ? agentStoppedMessage(attempt.agent ?? "(unknown)")
        : failedReason;
      this.settle(jobId, { status: "failed", error });
    });
    redis.on("close", () => this.onConnectionLost());
    redis.on("ready", () => void this.onReconnected());
    this.refreshTimer = setInterval(() => void this.refresh(), AGENT_HEARTBEAT_MS);
    this.refreshTimer.unref();
  }

  /** Connects, or throws `RedisUnreachableError` saying where and what to do. */
  static async connect(options: RedisAgentFleetOptions): Promise<RedisAgentFleet> {
    const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
    const { redis, runId } = await connectRedis(options.url);
    const connection = redis;
    const queue = new Queue(ATTEMPT_QUEUE, {
      connection,
      streams: { events: { maxLen: EVENT_STREAM_LENGTH } },
      defaultJobOptions: { attempts: 1, removeOnComplete: true, removeOnFail: true },
    });
    const events = new QueueEvents(ATTEMPT_QUEUE, { connection: quietDuplicate(redis) });
    // Takes no jobs: only notices the ones whose agent stopped renewing their lock.
    const stalledChecker = new Worker(ATTEMPT_QUEUE, null, {
      connection: quietDuplicate(redis),
      autorun: false,
      lockDuration: stallMs,
      stalledInterval: stallMs,
      maxStalledCount: 0,
    });
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    void stalledChecker.startStalledCheckTimer();
    const fleet = new RedisAgentFleet(
      options.url,
      redis,
      runId,
      stallMs,
      queue,
      events,
      stalledChecker,
    );
    await fleet.refresh();
    return fleet;
  }

  async run(request: AttemptRequest): Promise<AttemptOutcome> {
    const unavailable = this.unavailableReason();
    if (unavailable !== null) return { status: "failed", error: unavailable };
    if (request.signal.aborted) return { status: "failed", error: abortReason(request.signal) };
    const { job } = request;
    const outcome = new Promise<AttemptOutcome>((resolve) => {
      this.pending.set(job.id, { request, resolve, agent: null });
    });
    const onAbort = () => {
      const reason = abortReason(request.signal);
      void this.redis.publish(ABORT_CHANNEL, JSON.stringify({ id: job.id, reason }));
      // A job no agent has taken yet is taken back.
      void this.queue.remove(job.id).catch(() => {});
      this.settle(job.id, { status: "failed", error: reason });
    };
    request.signal.addEventListener("abort", onAbort, { once: true });
    try {
      await this.queue.add("attempt", job, { jobId: job.id });
      this.queued += 1;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.settle(job.id, { status: "failed", error: `could not queue the attempt: ${reason}` });
    }
    const ended = await outcome;
    request.signal.removeEventListener("abort", onAbort);
    return ended;
  }

  status(): FleetStatus {
    return {
      mode: "redis",
      agents: this.agents,
      queued: this.queued,
      waiting: waitingAttempts(
        [...this.pending.values()]
          .filter((attempt) => attempt.agent === null)
          .map((attempt) => attempt.request),
      ),
      unavailable: this.unavailableReason(),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.refreshTimer);
    if (this.down) clearTimeout(this.down.timer);
    this.failAll("the worker is shutting down");
    await Promise.allSettled([
      this.stalledChecker.close(),
      this.events.close(),
      this.queue.close(),
    ]);
    this.redis.disconnect();
  }

  private unavailableReason(): string | null {
    if (this.closed) return "the worker is shutting down";
    return this.down ? `Redis at ${this.url} is unreachable, so no agent can take phases.` : null;
  }

  private onProgress(jobId: string, progress: AttemptProgress): void {
    const attempt = this.pending.get(jobId);
    if (attempt === undefined || typeof progress !== "object" || progress === null) return;
    if (progress.kind === "started") {
      attempt.agent = progress.agent;
      attempt.request.started(progress.agent);
    } else if (progress.kind === "log") {
      attempt.request.log(progress.line, progress.stream);
    }
  }

  private settle(jobId: string, outcome: AttemptOutcome): void {
    const attempt = this.pending.get(jobId);
    if (attempt === undefined) return;
    this.pending.delete(jobId);
    attempt.resolve(outcome);
  }

  /** Fails every attempt in flight, and asks their agents to abort them (sent once Redis is back). */
  private failAll(error: string): void {
    for (const jobId of [...this.pending.keys()]) {
      if (!this.closed) {
        void this.redis.publish(ABORT_CHANNEL, JSON.stringify({ id: jobId, reason: error }));
      }
      this.settle(jobId, { status: "failed", error });
    }
  }

  /** Lost Redis: new runs are refused, and attempts in flight fail if it is not back in time. */
  private onConnectionLost(): void {
    if (this.closed || this.down) return;
    const timer = setTimeout(
      () => this.failAll(`lost the connection to Redis at ${this.url} while this phase ran`),
      this.stallMs * 2,
    );
    timer.unref();
    this.down = { since: Date.now(), timer };
  }

  /** Back: a Redis that restarted has lost its jobs, so the attempts in flight fail. */
  private async onReconnected(): Promise<void> {
    if (this.closed || this.down === null) return;
    let runId: string;
    try {
      runId = await redisRunId(this.redis);
    } catch {
      return;
    }
    clearTimeout(this.down.timer);
    this.down = null;
    if (runId !== this.runId) {
      this.runId = runId;
      this.failAll(`Redis at ${this.url} restarted and lost this phase's job`);
    }
  }

  /** The agents' heartbeats and the queue's depth, for `status()`. */
  private async refresh(): Promise<void> {
    if (this.closed) return;
    // The reconnect event alone can be missed (a restart faster than the socket notices, or a
    // failed run_id read on "ready"): each heartbeat also checks that Redis is the same one.
    if (this.down) {
      if (this.redis.status === "ready") await this.onReconnected();
      return;
    }
    try {
      const runId = await redisRunId(this.redis);
      if (runId !== "" && runId !== this.runId) {
        this.runId = runId;
        this.failAll(`Redis at ${this.url} restarted and lost this phase's job`);
      }
      const names = await this.redis.smembers(AGENT_NAMES_KEY);
      const values =
        names.length > 0
          ? await this.redis.mget(names.map((name) => `${AGENT_KEY_PREFIX}${name}`))
          : [];
      // An agent whose heartbeat expired (killed, machine gone) leaves the list.
      const gone = names.filter((_, index) => values[index] === null);
      if (gone.length > 0) await this.redis.srem(AGENT_NAMES_KEY, ...gone);
      const agents = values
        .filter((value): value is string => value !== null)
        .map((value) => JSON.parse(value) as AgentStatus)
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      this.agents = agents;
      this.queued = await this.queue.getWaitingCount();
    } catch {
      // Redis went away mid-refresh: the next one tries again.
    }
  }
}
