import { PipelineError } from "./PipelineError";
import type { OnFail, PhaseGraph, PhaseHandler, PhasePolicy, RetryBackoff } from "./types";

export interface PhaseOptions<T = unknown> {
  readonly handler: PhaseHandler<T>;
  readonly dependsOn?: readonly string[];
  /** May run beside other phases; a phase that is not parallel always runs alone. */
  readonly parallel?: boolean;
  /** Share of the pipeline's progress (default 1). */
  readonly weight?: number;
  readonly description?: string;
  readonly policy?: Partial<PhasePolicy>;
  /** How many log lines the run state keeps for this phase (default 200). */
  readonly maxLogLines?: number;
  /** The group the dashboard folds this phase into (none by default). */
  readonly group?: string;
}

export const DEFAULT_MAX_LOG_LINES = 200;

const ON_FAIL: readonly OnFail[] = ["stop", "skip", "retry"];
const BACKOFF: readonly RetryBackoff[] = ["fixed", "exponential"];

/** One named step of a pipeline: a handler, what it depends on, and how to treat its failure. */
export class Phase<T = unknown> {
  readonly name: string;
  readonly handler: PhaseHandler<T>;
  readonly dependsOn: readonly string[];
  readonly parallel: boolean;
  readonly weight: number;
  readonly description: string;
  readonly policy: PhasePolicy;
  readonly maxLogLines: number;
  readonly group: string | undefined;

  constructor(name: string, options: PhaseOptions<T>) {
    if (typeof name !== "string" || name.trim() === "") {
      throw new PipelineError("INVALID_PHASE", "A phase needs a non-empty string name.");
    }
    if (typeof options?.handler !== "function") {
      throw new PipelineError(
        "INVALID_PHASE",
        `Phase "${name}" has no handler: pass { handler: (ctx) => ... }.`,
      );
    }
    const dependsOn = options.dependsOn ?? [];
    if (!Array.isArray(dependsOn) || dependsOn.some((d) => typeof d !== "string")) {
      throw new PipelineError(
        "INVALID_PHASE",
        `Phase "${name}": dependsOn must be an array of phase names.`,
      );
    }
    const weight = options.weight ?? 1;
    if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0) {
      throw new PipelineError(
        "INVALID_WEIGHT",
        `Phase "${name}" has weight ${String(weight)}: a weight must be a finite number of 0 or more.`,
      );
    }
    const maxLogLines = options.maxLogLines ?? DEFAULT_MAX_LOG_LINES;
    if (!Number.isInteger(maxLogLines) || maxLogLines < 1) {
      throw new PipelineError(
        "INVALID_PHASE",
        `Phase "${name}": maxLogLines must be a whole number of 1 or more, not ${String(maxLogLines)}.`,
      );
    }
    const group = options.group;
    if (group !== undefined && (typeof group !== "string" || group.trim() === "")) {
      throw new PipelineError(
        "INVALID_PHASE",
        `Phase "${name}": group must be a non-empty string (or left out), not ${JSON.stringify(group)}.`,
      );
    }
    this.name = name;
    this.handler = options.handler;
    this.dependsOn = Object.freeze([...dependsOn]);
    this.parallel = options.parallel ?? false;
    this.weight = weight;
    this.description = options.description ?? "";
    this.policy = Object.freeze(normalizePolicy(name, options.policy ?? {}));
    this.maxLogLines = maxLogLines;
    this.group = group;
    Object.freeze(this);
  }

  toGraph(): PhaseGraph {
    const graph: PhaseGraph = {
      name: this.name,
      dependsOn: [...this.dependsOn],
      parallel: this.parallel,
      weight: this.weight,
      description: this.description,
    };
    const withLogLines =
      this.maxLogLines === DEFAULT_MAX_LOG_LINES
        ? graph
        : { ...graph, maxLogLines: this.maxLogLines };
    return this.group === undefined ? withLogLines : { ...withLogLines, group: this.group };
  }
}

function normalizePolicy(name: string, policy: Partial<PhasePolicy>): PhasePolicy {
  const invalid = (message: string) =>
    new PipelineError("INVALID_POLICY", `Phase "${name}" has a bad policy: ${message}`);
  const onFail = policy.onFail ?? "stop";
  if (!ON_FAIL.includes(onFail)) {
    throw invalid(`onFail must be one of ${ON_FAIL.join(", ")}, not ${JSON.stringify(onFail)}.`);
  }
  const maxRetries = policy.maxRetries ?? 0;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw invalid(`maxRetries must be a whole number of 0 or more, not ${String(maxRetries)}.`);
  }
  const retryDelayMs = policy.retryDelayMs ?? 1000;
  if (typeof retryDelayMs !== "number" || !Number.isFinite(retryDelayMs) || retryDelayMs < 0) {
    throw invalid(`retryDelayMs must be a number of milliseconds, 0 or more.`);
  }
  const retryBackoff = policy.retryBackoff ?? "fixed";
  if (!BACKOFF.includes(retryBackoff)) {
    throw invalid(
      `retryBackoff must be one of ${BACKOFF.join(", ")}, not ${JSON.stringify(retryBackoff)}.`,
    );
  }
  const timeoutMs = policy.timeoutMs;
  if (
    timeoutMs !== undefined &&
    (typeof timeoutMs !== "number" || !Number.isFinite(timeoutMs) || timeoutMs <= 0)
  ) {
    throw invalid(`timeoutMs must be a positive number of milliseconds.`);
  }
  return timeoutMs === undefined
    ? { onFail, maxRetries, retryDelayMs, retryBackoff }
    : { onFail, maxRetries, retryDelayMs, retryBackoff, timeoutMs };
}
