import type { LogStream, PhaseAttempt, PhaseExecutor } from "@milo/core";
import type { AgentFleet, AttemptRequest } from "./AgentFleet";
import { type AttemptJob, attemptJobId } from "./agentMessages";
import { describeUncrossable } from "./describeUncrossable";

/**
 * The executor of a server whose phases run on agents: each attempt goes to the fleet (local
 * processes or Redis); the server never calls a handler itself.
 */
export class AgentExecutor implements PhaseExecutor {
  constructor(readonly fleet: AgentFleet) {}

  async execute(attempt: PhaseAttempt): Promise<unknown> {
    const phase = attempt.phase.name;
    for (const [dependency, value] of Object.entries(attempt.results)) {
      const problem = describeUncrossable(value);
      if (problem !== null) {
        throw new Error(
          `phase "${phase}" cannot be sent to an agent: the result of "${dependency}" is ${problem}, which cannot cross processes. Make "${dependency}" return plain JSON data.`,
        );
      }
    }
    const outcome = await this.fleet.run(
      new AttemptForAgent(
        {
          id: attemptJobId(attempt.runId, phase, attempt.attempt),
          runId: attempt.runId,
          pipeline: attempt.pipeline,
          phase,
          attempt: attempt.attempt,
          results: attempt.results,
          inputs: attempt.inputs,
        },
        attempt,
      ),
    );
    if (outcome.status === "failed") throw remoteError(outcome.error, outcome.stack);
    return outcome.value;
  }
}

/**
 * An attempt as a fleet takes it. A class, not an object of arrow functions: the worker runs
 * through tsx, which names every named closure as it is made (a property definition each), and
 * this is made for every attempt.
 */
class AttemptForAgent implements AttemptRequest {
  constructor(
    readonly job: AttemptJob,
    private readonly attempt: PhaseAttempt,
  ) {}

  get signal(): AbortSignal {
    return this.attempt.signal;
  }

  log(line: string, stream: LogStream): void {
    this.attempt.log(line, stream);
  }

  started(agent: string): void {
    this.attempt.started({ agent });
  }
}

/** The agent's failure as an Error whose stack is the one the agent saw, not this process's. */
function remoteError(message: string, stack: string | undefined): Error {
  const error = new Error(message);
  error.stack = stack === undefined ? message : `${message}\n${stack}`;
  return error;
}
