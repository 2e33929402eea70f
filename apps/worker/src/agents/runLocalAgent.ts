import { hostname } from "node:os";
import type { LogStream } from "@milo/core";
import { loadPipelines } from "../loadPipelines";
import { AgentRuntime } from "./AgentRuntime";
import type { AttemptReporter, FromLocalAgent, ToLocalAgent } from "./agentMessages";
import { agentStoppedMessage } from "./agentMessages";
import { guardProcess } from "./guardProcess";
import { MessageBatch } from "./MessageBatch";

/** Exit code of an agent ended by a crash no attempt could be blamed for. */
const EXIT_CRASHED = 70;

// A local agent: a child of `milo serve` that runs the attempts it is sent over IPC.
const name = process.env.MILO_AGENT_NAME ?? `local-${process.pid}`;
const files = JSON.parse(process.env.MILO_AGENT_PIPELINES ?? "[]") as string[];
// Messages go to the server a turn's worth at a time, as arrays (see MessageBatch).
const outbox = new MessageBatch<FromLocalAgent>((messages) => {
  if (process.connected) process.send?.(messages);
});
const send = (message: FromLocalAgent) => outbox.push(message);

/** Exit code of an agent whose pipeline modules would not load. */
const EXIT_CANNOT_LOAD = 78;

let pipelines: Awaited<ReturnType<typeof loadPipelines>>["pipelines"];
try {
  ({ pipelines } = await loadPipelines(files));
} catch (error) {
  console.error(`milo agent ${name}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(EXIT_CANNOT_LOAD);
}
const runtime = new AgentRuntime(
  { name, host: hostname(), pid: process.pid, concurrency: null },
  pipelines,
);
const exit = guardProcess(runtime, (error) => {
  console.error(`milo agent ${name}: a crash no phase could be blamed for:`, error);
  runtime.failAll(agentStoppedMessage(name));
  outbox.flush();
  // Let the failures reach the server before going.
  setTimeout(() => exit(EXIT_CRASHED), 50);
});

/** An attempt's log lines, on their way to the server (made per attempt: a class, no closures). */
class LogsToServer implements AttemptReporter {
  constructor(private readonly id: string) {}

  log(line: string, stream: LogStream): void {
    send({ type: "log", id: this.id, line, stream });
  }
}

process.on("message", (messages: readonly ToLocalAgent[]) => {
  for (const message of messages) {
    if (message.type === "abort") {
      runtime.abort(message.id, message.reason);
      continue;
    }
    const { job } = message;
    void runtime
      .execute(job, new LogsToServer(job.id))
      .then((outcome) => send({ type: "ended", id: job.id, outcome }));
  }
});
// The server went away: nothing is left to report to.
process.on("disconnect", () => exit(0));
send({ type: "ready", agent: runtime.description });
