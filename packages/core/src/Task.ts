export type TaskStatus = "running" | "done" | "failed" | "cancelled";

/** A running saga. */
export interface Task<R = unknown> {
  /** Resolves with the saga's result (undefined when cancelled); rejects with its error. */
  toPromise(): Promise<R | undefined>;
  /** Cancels the saga and every task it forked; their `finally` blocks still run. */
  cancel(): void;
  isRunning(): boolean;
  isCancelled(): boolean;
  readonly status: TaskStatus;
  readonly error: unknown;
}
