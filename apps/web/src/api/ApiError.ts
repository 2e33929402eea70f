/** Codes the dashboard adds for failures that never reached the worker's error handler. */
export type ClientErrorCode = "NETWORK" | "BAD_RESPONSE";

/** Any failed call to the worker, with the worker's own code and message when it sent one. */
export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    readonly code: string,
    message: string,
    /** The HTTP status; 0 when the worker could not be reached. */
    readonly status: number,
  ) {
    super(message);
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  /** True when the worker could not be reached at all (down, restarting, wrong address). */
  get isNetwork(): boolean {
    return this.code === "NETWORK";
  }
}
