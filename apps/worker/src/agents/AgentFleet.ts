import type { LogStream } from "@milo/core";
import type { AgentIdentity, AttemptJob, AttemptOutcome } from "./agentMessages";

/** One attempt handed to a fleet, with the way back to its run. */
export interface AttemptRequest {
  readonly job: AttemptJob;
  /** Aborted on cancel, timeout or fail-fast: the agent aborts the handler's signal. */
  readonly signal: AbortSignal;
  log(line: string, stream: LogStream): void;
  /** Called once, when an agent takes the attempt. */
  started(agent: string): void;
}

export type AgentState = "starting" | "idle" | "busy" | "stopped";

/** An agent as the Agents view shows it. */
export interface AgentStatus extends AgentIdentity {
  readonly state: AgentState;
  /** Attempts running on it now. */
  readonly running: number;
  readonly attemptsRun: number;
  /** When the server last heard from it, in ms. */
  readonly lastSeen: number;
}

export interface WaitingAttempt {
  readonly runId: string;
  readonly phase: string;
  readonly attempt: number;
}

/** Attempts in the order they were handed over, at most 100, as `FleetStatus.waiting`. */
export function waitingAttempts(requests: Iterable<AttemptRequest>): WaitingAttempt[] {
  const waiting: WaitingAttempt[] = [];
  for (const { job } of requests) {
    if (waiting.length === 100) break;
    waiting.push({ runId: job.runId, phase: job.phase, attempt: job.attempt });
  }
  return waiting;
}

export interface FleetStatus {
  readonly mode: "local" | "redis";
  readonly agents: readonly AgentStatus[];
  /** Attempts waiting for a free agent. */
  readonly queued: number;
  /** Which ones (at most 100), so a run can say it is waiting. */
  readonly waiting: readonly WaitingAttempt[];
  /** Why new runs cannot start now (e.g. Redis is down); null when they can. */
  readonly unavailable: string | null;
}

/** Where the server sends phase attempts: local agent processes, or agents behind Redis. */
export interface AgentFleet {
  /** Resolves with how the attempt ended; never rejects. */
  run(request: AttemptRequest): Promise<AttemptOutcome>;
  status(): FleetStatus;
  close(): Promise<void>;
}
