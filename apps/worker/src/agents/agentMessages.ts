import type { LogStream } from "@milo/core";

/**
 * One phase attempt as an agent receives it: the same data for a local agent (over IPC) and a
 * Redis agent (as a BullMQ job), so both behave alike. Everything in it is plain JSON.
 */
export interface AttemptJob {
  /** Unique per attempt: `${runId}:${phase}:${attempt}`. */
  readonly id: string;
  readonly runId: string;
  readonly pipeline: string;
  readonly phase: string;
  readonly attempt: number;
  /** The direct dependencies' results. */
  readonly results: Readonly<Record<string, unknown>>;
  /** The run's inputs (checked JSON; absent from jobs queued by an older server). */
  readonly inputs?: Readonly<Record<string, unknown>>;
}

/** How an attempt ended on the agent. A failure is data, never a thrown error across the wire. */
export type AttemptOutcome =
  | { readonly status: "completed"; readonly value?: unknown }
  | {
      readonly status: "failed";
      readonly error: string;
      /** The handler's frames and the error's causes, from core's errorStack. */
      readonly stack?: string;
    };

/** What an agent tells whoever handed it attempts, while they run. */
export interface AttemptReporter {
  log(line: string, stream: LogStream): void;
}

/** Who an agent is, as the Agents view shows it. */
export interface AgentIdentity {
  readonly name: string;
  readonly host: string;
  readonly pid: number;
  /** How many attempts it runs at once; null: no limit. */
  readonly concurrency: number | null;
  readonly pipelines: readonly string[];
}

/** Server → local agent, over IPC, as arrays: a turn's messages in one (see MessageBatch). */
export type ToLocalAgent =
  | { readonly type: "run"; readonly job: AttemptJob }
  | { readonly type: "abort"; readonly id: string; readonly reason: string };

/** Local agent → server, over IPC, as arrays like the other way. */
export type FromLocalAgent =
  | { readonly type: "ready"; readonly agent: AgentIdentity }
  | { readonly type: "log"; readonly id: string; readonly line: string; readonly stream: LogStream }
  | { readonly type: "ended"; readonly id: string; readonly outcome: AttemptOutcome };

export function attemptJobId(runId: string, phase: string, attempt: number): string {
  return `${runId}:${phase}:${attempt}`;
}

export function agentStoppedMessage(agent: string): string {
  return `agent ${agent} stopped while running this phase`;
}
