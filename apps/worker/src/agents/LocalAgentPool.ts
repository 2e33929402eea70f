import { type ChildProcess, fork } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import {
  type AgentFleet,
  type AgentStatus,
  type AttemptRequest,
  type FleetStatus,
  waitingAttempts,
} from "./AgentFleet";
import { abortReason } from "./abortReason";
import {
  type AgentIdentity,
  type AttemptOutcome,
  agentStoppedMessage,
  type FromLocalAgent,
  type ToLocalAgent,
} from "./agentMessages";
import { MessageBatch } from "./MessageBatch";

const ENTRY = fileURLToPath(new URL("./localAgentProcess.mjs", import.meta.url));
/** A crashed agent is restarted after this long, doubled for each crash in a row, at most 5 s. */
const RESTART_DELAY_MS = 100;
const MAX_RESTART_DELAY_MS = 5_000;
/** Exits before loading, by every agent, after which waiting attempts fail instead of waiting. */
const START_ATTEMPTS = 3;

export interface LocalAgentPoolOptions {
  /** The pipeline modules (files or folders) every agent loads, as the server did. */
  readonly pipelineFiles: readonly string[];
  /** How many agent processes; default one per core. */
  readonly agents?: number;
}

interface PendingAttempt {
  readonly request: AttemptRequest;
  readonly resolve: (outcome: AttemptOutcome) => void;
}

interface LocalAgent {
  readonly name: string;
  child: ChildProcess | null;
  /** What goes to `child` this turn, sent together (see MessageBatch). */
  outbox: MessageBatch<ToLocalAgent> | null;
  identity: AgentIdentity | null;
  readonly running: Map<string, PendingAttempt>;
  attemptsRun: number;
  lastSeen: number;
  crashesInRow: number;
}

function sendTo(agent: LocalAgent, message: ToLocalAgent): void {
  if (agent.child?.connected) agent.outbox?.push(message);
}

/**
 * An attempt running on an agent: tells the agent when the attempt's signal aborts, until it
 * ends. Its own listener object (`handleEvent`), not closures: one is made for every attempt.
 */
class SentAttempt implements PendingAttempt {
  constructor(
    readonly request: AttemptRequest,
    private readonly resolveOutcome: (outcome: AttemptOutcome) => void,
    private readonly agent: LocalAgent,
  ) {
    request.signal.addEventListener("abort", this, { once: true });
  }

  handleEvent(): void {
    const { job, signal } = this.request;
    sendTo(this.agent, { type: "abort", id: job.id, reason: abortReason(signal) });
  }

  resolve(outcome: AttemptOutcome): void {
    this.request.signal.removeEventListener("abort", this);
    this.resolveOutcome(outcome);
  }
}

/**
 * Local agents: child processes of the server that load the same pipeline modules and run the
 * attempts they are sent over IPC, many at once each. A crash ends only the attempts running in
 * that process; the process is then restarted. Attempts go to the agent running the fewest.
 */
export class LocalAgentPool implements AgentFleet {
  private readonly agents: LocalAgent[];
  private readonly waiting: PendingAttempt[] = [];
  private closed = false;

  constructor(private readonly options: LocalAgentPoolOptions) {
    const count = options.agents ?? availableParallelism();
    this.agents = Array.from({ length: count }, (_, index) => ({
      name: `local-${index + 1}`,
      child: null,
      outbox: null,
      identity: null,
      running: new Map(),
      attemptsRun: 0,
      lastSeen: 0,
      crashesInRow: 0,
    }));
    for (const agent of this.agents) this.spawn(agent);
  }

  /** Resolves once every agent has loaded its pipelines. */
  async ready(): Promise<void> {
    while (!this.closed && this.agents.some((agent) => agent.identity === null)) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  run(request: AttemptRequest): Promise<AttemptOutcome> {
    if (this.closed) {
      return Promise.resolve({ status: "failed", error: "the worker is shutting down" });
    }
    return new Promise((resolve) => {
      this.dispatch({ request, resolve });
    });
  }

  status(): FleetStatus {
    const agents: AgentStatus[] = this.agents.map((agent) => ({
      name: agent.name,
      host: agent.identity?.host ?? "",
      pid: agent.identity?.pid ?? agent.child?.pid ?? 0,
      concurrency: null,
      pipelines: agent.identity?.pipelines ?? [],
      state:
        agent.child === null
          ? "stopped"
          : agent.identity === null
            ? "starting"
            : agent.running.size > 0
              ? "busy"
              : "idle",
      running: agent.running.size,
      attemptsRun: agent.attemptsRun,
      lastSeen: agent.lastSeen,
    }));
    return {
      mode: "local",
      agents,
      queued: this.waiting.length,
      waiting: waitingAttempts(this.waiting.map((pending) => pending.request)),
      unavailable: null,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.waiting.splice(0)) {
      pending.resolve({ status: "failed", error: "the worker is shutting down" });
    }
    await Promise.all(
      this.agents.map(async (agent) => {
        const child = agent.child;
        if (child === null || child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once("exit", resolve));
        // One still loading its modules has nothing to finish.
        if (agent.identity === null) child.kill("SIGKILL");
        else {
          agent.outbox?.flush();
          child.disconnect();
        }
        const timer = setTimeout(() => child.kill("SIGKILL"), 2_000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }

  private dispatch(pending: PendingAttempt): void {
    const ready = this.agents.filter((agent) => agent.identity !== null && agent.child !== null);
    if (ready.length === 0) {
      this.waiting.push(pending);
      pending.request.signal.addEventListener(
        "abort",
        () => {
          const index = this.waiting.indexOf(pending);
          if (index < 0) return;
          this.waiting.splice(index, 1);
          pending.resolve({ status: "failed", error: abortReason(pending.request.signal) });
        },
        { once: true },
      );
      return;
    }
    const agent = ready.reduce((best, candidate) =>
      candidate.running.size < best.running.size ? candidate : best,
    );
    const { request } = pending;
    if (request.signal.aborted) {
      pending.resolve({ status: "failed", error: abortReason(request.signal) });
      return;
    }
    agent.attemptsRun += 1;
    request.started(agent.name);
    agent.running.set(request.job.id, new SentAttempt(request, pending.resolve, agent));
    sendTo(agent, { type: "run", job: request.job });
  }

  private spawn(agent: LocalAgent): void {
    const child = fork(ENTRY, [], {
      // The server's own flags (a test runner's, an inspector) are not the agent's.
      execArgv: [],
      env: {
        ...process.env,
        MILO_AGENT_NAME: agent.name,
        MILO_AGENT_PIPELINES: JSON.stringify(this.options.pipelineFiles),
      },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    agent.child = child;
    agent.outbox = new MessageBatch((messages) => {
      if (child.connected) child.send(messages);
    });
    agent.identity = null;
    child.on("message", (messages: readonly FromLocalAgent[]) => {
      for (const message of messages) this.onMessage(agent, message);
    });
    child.on("error", () => {});
    child.once("exit", () => this.onExit(agent, child));
  }

  private onMessage(agent: LocalAgent, message: FromLocalAgent): void {
    agent.lastSeen = Date.now();
    if (message.type === "ready") {
      agent.identity = message.agent;
      for (const pending of this.waiting.splice(0)) this.dispatch(pending);
      return;
    }
    const pending = agent.running.get(message.id);
    if (pending === undefined) return;
    if (message.type === "log") {
      pending.request.log(message.line, message.stream);
      return;
    }
    agent.running.delete(message.id);
    agent.crashesInRow = 0;
    pending.resolve(message.outcome);
  }

  private onExit(agent: LocalAgent, child: ChildProcess): void {
    if (agent.child !== child) return;
    agent.child = null;
    agent.outbox = null;
    const lost = [...agent.running.values()];
    agent.running.clear();
    for (const pending of lost) {
      pending.resolve({ status: "failed", error: agentStoppedMessage(agent.name) });
    }
    if (this.closed) return;
    agent.crashesInRow += 1;
    const neverReady = this.agents.every((other) => other.identity === null);
    if (neverReady && agent.crashesInRow >= START_ATTEMPTS) {
      // No agent can start (a module that fails only in a fresh process): do not wait forever.
      for (const pending of this.waiting.splice(0)) {
        pending.resolve({
          status: "failed",
          error: `local agent ${agent.name} could not start (it exited ${agent.crashesInRow} times before loading the pipelines): see its output above`,
        });
      }
    }
    const delayMs = Math.min(
      RESTART_DELAY_MS * 2 ** (agent.crashesInRow - 1),
      MAX_RESTART_DELAY_MS,
    );
    setTimeout(() => {
      if (!this.closed) this.spawn(agent);
    }, delayMs).unref();
  }
}
