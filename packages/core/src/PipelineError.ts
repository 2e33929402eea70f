export type PipelineErrorCode =
  | "UNKNOWN_DEPENDENCY"
  | "DUPLICATE_PHASE"
  | "INVALID_PHASE"
  | "INVALID_WEIGHT"
  | "INVALID_POLICY"
  | "INVALID_OPTIONS"
  | "CYCLE";

/** A pipeline definition that cannot run; `code` says which rule it broke. */
export class PipelineError extends Error {
  override name = "PipelineError";
  constructor(
    readonly code: PipelineErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Phases that depend on each other in a loop; `cycle` starts and ends at the same phase. */
export class CycleError extends PipelineError {
  override name = "CycleError";
  constructor(readonly cycle: readonly string[]) {
    super("CYCLE", `Circular dependency: ${cycle.join(" → ")}`);
  }
}
