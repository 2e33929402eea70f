/** Milliseconds taken by `run`, after a garbage collection when the process allows one. */
export async function timeRun(run: () => Promise<unknown>): Promise<number> {
  collectGarbage();
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** Runs a full collection if node was started with --expose-gc, so one sample's garbage is not billed to the next. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
