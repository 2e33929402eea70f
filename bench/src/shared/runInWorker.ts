import { Worker } from "node:worker_threads";

const TSX_API = import.meta.resolve("tsx/esm/api");

/**
 * Runs a TypeScript module in a worker thread of this process, with `data` as its workerData, and
 * resolves with the first message it posts; null if it has not posted within `timeoutMs` (the
 * thread is then terminated). For peers whose synchronous runs could take minutes: a time limit
 * keeps the benchmark bounded without leaving the process.
 */
export function runInWorker<T>(
  moduleUrl: URL,
  data: unknown,
  timeoutMs: number,
): Promise<T | null> {
  // Worker threads do not inherit tsx's loader: register it there before importing the module.
  const bootstrap = `import(${JSON.stringify(TSX_API)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl.href)}); });`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap, { eval: true, workerData: data });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(() => finish(() => resolve(null)), timeoutMs);
    worker.once("message", (message: T) => finish(() => resolve(message)));
    worker.once("error", (error) => finish(() => reject(error)));
    worker.once("exit", (code) =>
      finish(() =>
        reject(new Error(`${moduleUrl.pathname} exited with code ${code} before answering`)),
      ),
    );
  });
}
