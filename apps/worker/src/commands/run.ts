import { resolve } from "node:path";
import { inProcessExecutor, type Pipeline, type PipelineState, runPipeline } from "@milo/core";
import { AgentExecutor } from "../agents/AgentExecutor";
import { LocalAgentPool } from "../agents/LocalAgentPool";
import { DEFAULT_DB_FILE } from "../defaults";
import { LoadError, loadPipelineModule, noPipelineMessage } from "../loadPipelines";
import { parseInputArgs } from "../parseInputArgs";
import { resolveUserPath } from "../resolveUserPath";
import { historyDurations } from "../terminal/historyDurations";
import { createRunView, type RunViewMode } from "../terminalView";
import { UsageError } from "../UsageError";

export interface RunCommandOptions {
  readonly pipeline?: string;
  readonly concurrency?: number;
  readonly failFast?: boolean;
  readonly json?: boolean;
  /** Call handlers in this process (quicker to start, but a crashing handler ends the run). */
  readonly inProcess?: boolean;
  /** `--input key=value`, repeatable. */
  readonly input?: readonly string[];
  /** `--inputs file.json`. */
  readonly inputs?: string;
}

export const EXIT_CODES = { completed: 0, failed: 1, usage: 2, cancelled: 130 } as const;

/** `milo run <file>`: one pipeline in this process, with a terminal view; returns the exit code. */
export async function runCommand(file: string, options: RunCommandOptions): Promise<number> {
  const pipeline = await choosePipeline(file, options.pipeline);
  const given = parseInputArgs(options.input ?? [], options.inputs, pipeline.toGraph().inputs);
  const checked = await pipeline.checkInputs(given);
  if (!checked.ok) {
    throw new UsageError(
      `Invalid inputs for pipeline "${pipeline.name}": ${checked.problems.join("; ")}. Give them with --input key=value or --inputs file.json.`,
    );
  }
  const mode: RunViewMode = options.json ? "json" : process.stdout.isTTY ? "live" : "plain";
  // Earlier runs of the pipeline recorded by `milo serve` here, if any, time the estimate.
  const durations =
    mode === "json" ? {} : await historyDurations(resolve(DEFAULT_DB_FILE), pipeline.name);
  const view = createRunView(mode, process.stdout, Date.now, {
    graph: pipeline.toGraph(),
    durations,
    concurrency: options.concurrency,
  });
  // A reader that goes away (`milo run --json | head`) ends the run rather than crashing it.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(EXIT_CODES.failed);
  });

  // As under `milo serve`, handlers run in local agent processes unless asked otherwise.
  const agents = options.inProcess
    ? null
    : new LocalAgentPool({ pipelineFiles: [resolveUserPath(file)] });
  const { task, done } = runPipeline(pipeline, {
    concurrency: options.concurrency,
    failFast: options.failFast,
    executor: agents ? new AgentExecutor(agents) : inProcessExecutor,
    runId: "local",
    inputs: checked.inputs,
    onAction: (state, dispatched) => view.onAction(dispatched, state),
  });

  let interrupts = 0;
  const onInterrupt = () => {
    interrupts += 1;
    // A second Ctrl-C does not wait for the cancellation to finish.
    if (interrupts > 1) process.exit(EXIT_CODES.cancelled);
    task.cancel();
  };
  process.on("SIGINT", onInterrupt);
  // A handler may wait on a promise that holds no timer or socket; the run is not over then.
  const keepAlive = setInterval(() => {}, 60_000);
  let state: PipelineState;
  try {
    state = await done;
  } finally {
    clearInterval(keepAlive);
    process.off("SIGINT", onInterrupt);
    await agents?.close();
  }
  view.finish(state);
  if (state.status === "completed") return EXIT_CODES.completed;
  if (state.status === "cancelled") return EXIT_CODES.cancelled;
  return EXIT_CODES.failed;
}

export async function choosePipeline(file: string, name: string | undefined): Promise<Pipeline> {
  let pipelines: Pipeline[];
  try {
    pipelines = await loadPipelineModule(resolveUserPath(file), file);
  } catch (error) {
    if (error instanceof LoadError) throw new UsageError(error.message);
    throw error;
  }
  if (pipelines.length === 0) throw new UsageError(noPipelineMessage(file));
  const names = pipelines.map((pipeline) => pipeline.name).join(", ");
  if (name !== undefined) {
    const chosen = pipelines.find((pipeline) => pipeline.name === name);
    if (chosen === undefined) {
      throw new UsageError(`${file} has no pipeline named "${name}". It exports: ${names}.`);
    }
    return chosen;
  }
  if (pipelines.length > 1) {
    throw new UsageError(
      `${file} exports ${pipelines.length} pipelines (${names}): pick one with --pipeline NAME.`,
    );
  }
  return pipelines[0]!;
}
