import { AsyncLocalStorage } from "node:async_hooks";
import {
  errorMessage,
  errorStack,
  type LogStream,
  type Phase,
  type PhaseGraph,
  type Pipeline,
} from "@milo/core";
import type { AgentIdentity, AttemptJob, AttemptOutcome, AttemptReporter } from "./agentMessages";
import { describeUncrossable } from "./describeUncrossable";

/** A phase as an attempt needs it: the phase, and the description its handler sees. */
interface RunnablePhase {
  readonly phase: Phase;
  readonly graph: PhaseGraph;
}

interface RunningAttempt {
  readonly job: AttemptJob;
  readonly controller: AbortController;
  settle(outcome: AttemptOutcome): void;
}

/**
 * One attempt running here. A class rather than an object of arrow functions: the worker runs
 * through tsx, which names every named closure as it is made (a property definition each).
 */
class AgentAttempt implements RunningAttempt {
  readonly controller = new AbortController();
  /** `ctx.log`, bound: a handler may take it off the context. Lines after the end are dropped. */
  readonly log: (line: string, stream?: LogStream) => void;
  private done = false;

  constructor(
    readonly job: AttemptJob,
    private readonly reporter: AttemptReporter,
    private readonly running: Map<string, RunningAttempt>,
    private readonly resolve: (outcome: AttemptOutcome) => void,
  ) {
    this.log = this.report.bind(this);
  }

  settle(outcome: AttemptOutcome): void {
    if (this.done) return;
    this.done = true;
    this.running.delete(this.job.id);
    this.resolve(outcome);
  }

  private report(line: string, stream: LogStream = "stdout"): void {
    if (!this.done) this.reporter.log(String(line), stream === "stderr" ? "stderr" : "stdout");
  }
}

/**
 * Runs phase attempts on an agent, by pipeline and phase name, whatever brings them (IPC from a
 * local server, BullMQ jobs from Redis). Each attempt runs in its own async context, so a crash
 * its handler causes later (a throw from a timer, an unhandled rejection, process.exit) is
 * traced back to it and ends only that attempt: see `guardProcess`.
 */
export class AgentRuntime {
  private readonly pipelines: ReadonlyMap<string, Pipeline>;
  /**
   * Each pipeline's phases by name, made once: finding the phase and copying the whole graph for
   * every attempt cost most of an agent's time on a wide pipeline (quadratic in its phases).
   */
  private readonly phases = new Map<string, ReadonlyMap<string, RunnablePhase>>();
  private readonly running = new Map<string, RunningAttempt>();
  private readonly context = new AsyncLocalStorage<RunningAttempt>();
  private attemptsRun = 0;

  constructor(
    readonly identity: Omit<AgentIdentity, "pipelines">,
    pipelines: readonly Pipeline[],
  ) {
    this.pipelines = new Map(pipelines.map((pipeline) => [pipeline.name, pipeline]));
  }

  get description(): AgentIdentity {
    return { ...this.identity, pipelines: [...this.pipelines.keys()] };
  }

  get runningCount(): number {
    return this.running.size;
  }

  get totalRun(): number {
    return this.attemptsRun;
  }

  /** Runs one attempt; resolves with its outcome (never rejects). */
  execute(job: AttemptJob, reporter: AttemptReporter): Promise<AttemptOutcome> {
    const name = this.identity.name;
    const pipeline = this.pipelines.get(job.pipeline);
    if (pipeline === undefined) {
      const loaded = [...this.pipelines.keys()].join(", ") || "none";
      return Promise.resolve({
        status: "failed",
        error: `agent ${name} has no pipeline "${job.pipeline}" (it loaded: ${loaded}): start it with the same pipeline modules as the server.`,
      });
    }
    const runnable = this.phasesOf(pipeline).get(job.phase);
    if (runnable === undefined) {
      return Promise.resolve({
        status: "failed",
        error: `agent ${name}'s pipeline "${job.pipeline}" has no phase "${job.phase}": it runs another version of the pipeline; start it with the server's.`,
      });
    }
    const { phase, graph } = runnable;
    this.attemptsRun += 1;
    return new Promise((resolve) => {
      const attempt = new AgentAttempt(job, reporter, this.running, resolve);
      this.running.set(job.id, attempt);
      const context = {
        results: job.results,
        inputs: job.inputs ?? {},
        signal: attempt.controller.signal,
        attempt: job.attempt,
        log: attempt.log,
        phase: graph,
      };
      this.context.run(attempt, () => {
        try {
          Promise.resolve(phase.handler(context)).then(
            (value) => attempt.settle(resultOutcome(job.phase, value)),
            (error: unknown) => attempt.settle(failedOutcome(error)),
          );
        } catch (error) {
          attempt.settle(failedOutcome(error));
        }
      });
    });
  }

  private phasesOf(pipeline: Pipeline): ReadonlyMap<string, RunnablePhase> {
    let phases = this.phases.get(pipeline.name);
    if (phases === undefined) {
      const graphs = new Map(pipeline.toGraph().phases.map((graph) => [graph.name, graph]));
      phases = new Map(
        pipeline.phases.map((phase) => [phase.name, { phase, graph: graphs.get(phase.name)! }]),
      );
      this.phases.set(pipeline.name, phases);
    }
    return phases;
  }

  /** Aborts a running attempt's signal and ends it at once (a handler that ignores it runs on). */
  abort(id: string, reason: string): void {
    const attempt = this.running.get(id);
    if (attempt === undefined) return;
    attempt.controller.abort(new Error(reason));
    attempt.settle({ status: "failed", error: reason });
  }

  /** The attempt whose code is running now, if any (for crash attribution). */
  currentAttempt(): RunningAttempt | undefined {
    const attempt = this.context.getStore();
    return attempt && this.running.has(attempt.job.id) ? attempt : undefined;
  }

  /** The only running attempt, when exactly one runs. */
  onlyAttempt(): RunningAttempt | undefined {
    return this.running.size === 1 ? [...this.running.values()][0] : undefined;
  }

  /** Fails every running attempt (the agent is going down). */
  failAll(error: string): void {
    for (const attempt of [...this.running.values()]) attempt.settle({ status: "failed", error });
  }
}

/** A returned value crosses back to the server only as plain data; otherwise this phase fails. */
function resultOutcome(phase: string, value: unknown): AttemptOutcome {
  const problem = describeUncrossable(value);
  if (problem === null) return { status: "completed", value };
  return {
    status: "failed",
    error: `phase "${phase}" returned ${problem}, which cannot be sent between processes: return plain JSON data (objects, arrays, strings, numbers, booleans, null).`,
  };
}

/** A handler's failure as data that crosses to the server: its message and, when known, stack. */
export function failedOutcome(error: unknown, prefix = ""): AttemptOutcome {
  const stack = errorStack(error);
  const message = `${prefix}${errorMessage(error)}`;
  return stack === undefined
    ? { status: "failed", error: message }
    : { status: "failed", error: message, stack };
}
