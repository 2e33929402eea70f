import { type AgentRuntime, failedOutcome } from "./AgentRuntime";

/**
 * Makes a handler's crash end only its own attempt. An uncaught exception or unhandled
 * rejection is traced to the attempt whose async context raised it (or the only one running);
 * `process.exit` called from an attempt fails that attempt instead of the agent. What cannot be
 * traced goes to `onFatal`, which fails
 * every running attempt and ends the agent (its owner restarts it). Returns the real exit.
 */
export function guardProcess(
  runtime: AgentRuntime,
  onFatal: (error: unknown) => void,
): (code?: number) => never {
  const realExit = process.exit.bind(process);
  const crash = (kind: string) => (error: unknown) => {
    const attempt = runtime.currentAttempt() ?? runtime.onlyAttempt();
    if (attempt !== undefined) {
      attempt.settle(failedOutcome(error, `${kind}: `));
      return;
    }
    onFatal(error);
  };
  process.on("uncaughtException", crash("uncaught exception"));
  process.on("unhandledRejection", crash("unhandled promise rejection"));
  process.exit = ((code?: number | string | null) => {
    const attempt = runtime.currentAttempt() ?? runtime.onlyAttempt();
    if (attempt === undefined) return realExit(code ?? undefined);
    attempt.settle({
      status: "failed",
      error: `the handler called process.exit(${code ?? ""}): throw an error to fail a phase instead.`,
    });
    // Unwinds the handler's code past the call, as exiting would have.
    throw new Error("process.exit was called by a phase handler");
  }) as typeof process.exit;
  // The agent's own shutdown must not be mistaken for a handler's call.
  return realExit;
}
