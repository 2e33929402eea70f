import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { PhaseStatus, PipelineState } from "@milo/core";
import { type EventSourceMessage, EventSourceParserStream } from "eventsource-parser/stream";
import { startWorker, type Worker, type WorkerOptions } from "../src/index";
import { fixturePipelines } from "./fixtures/pipelines";

export interface TestWorker {
  readonly worker: Worker;
  readonly url: string;
  readonly dir: string;
  readonly dbFile: string;
  /** Closes the worker and removes its folder. */
  stop(): Promise<void>;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "milo-worker-test-"));
}

/** The real worker on a free port, with a fresh SQLite file in a temporary folder. */
export async function startTestWorker(options: Partial<WorkerOptions> = {}): Promise<TestWorker> {
  const dir = options.dbFile ? "" : tempDir();
  const dbFile = options.dbFile ?? join(dir, "milo.db");
  const worker = await startWorker({
    pipelines: fixturePipelines,
    port: 0,
    webRoot: null,
    ...options,
    dbFile,
  });
  return {
    worker,
    url: worker.url,
    dir,
    dbFile,
    async stop() {
      await worker.close();
      if (dir !== "") rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface JsonResponse<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly contentType: string | null;
}

/** One HTTP request; a JSON body is encoded unless `rawBody` is given. */
export async function request<T = unknown>(
  base: string,
  method: string,
  path: string,
  options: { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined = options.rawBody;
  // Writes must be JSON (the worker refuses anything a cross-site form could send): {} when empty.
  const isWrite = method !== "GET" && method !== "HEAD";
  if (options.body !== undefined || (isWrite && body === undefined)) {
    body = JSON.stringify(options.body ?? {});
    headers["content-type"] ??= "application/json";
  }
  const response = await fetch(`${base}${path}`, { method, headers, body });
  const text = await response.text();
  const contentType = response.headers.get("content-type");
  return {
    status: response.status,
    body: (contentType?.includes("json") ? JSON.parse(text) : text) as T,
    contentType,
  };
}

export interface StreamedAction {
  readonly seq: number;
  readonly type: string;
  readonly payload: Record<string, unknown>;
}

export interface StreamResult {
  readonly status: number;
  readonly events: EventSourceMessage[];
  readonly actions: StreamedAction[];
  /** The `end` event's data, or null if the stream stopped before it. */
  readonly end: { status: string } | null;
}

/**
 * Reads a run's event stream until the server closes it, or until `stopWhen` says so (then the
 * connection is dropped, as a browser tab closing would).
 */
export async function readEvents(
  url: string,
  options: {
    headers?: Record<string, string>;
    stopWhen?: (event: EventSourceMessage) => boolean;
    onEvent?: (event: EventSourceMessage) => void;
  } = {},
): Promise<StreamResult> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: options.headers, signal: controller.signal });
  const events: EventSourceMessage[] = [];
  if (!response.ok || response.body === null) {
    return { status: response.status, events, actions: [], end: null };
  }
  const reader = response.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      events.push(value);
      options.onEvent?.(value);
      if (options.stopWhen?.(value)) {
        controller.abort();
        break;
      }
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  }
  const actions = events
    .filter((event) => event.event === "action")
    .map((event) => JSON.parse(event.data) as StreamedAction);
  const endEvent = events.find((event) => event.event === "end");
  return {
    status: response.status,
    events,
    actions,
    end: endEvent ? (JSON.parse(endEvent.data) as { status: string }) : null,
  };
}

/** Polls until `check` returns a value other than undefined (for state in another process). */
export async function waitFor<T>(
  check: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Seqs must run 1, 2, 3, … with no gap and no repeat. */
export function expectContiguous(actions: readonly StreamedAction[], from = 1): boolean {
  return actions.every((action, index) => action.seq === from + index);
}

/** A phase's status in a run state read off the wire; fails the test when there is none. */
export function phaseNamed(state: PipelineState, name: string): PhaseStatus {
  const phase = state.phases.find((candidate) => candidate.name === name);
  if (phase === undefined) throw new Error(`The state has no phase "${name}"`);
  return phase;
}

export interface MiloOutcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const WORKER_ROOT = fileURLToPath(new URL("..", import.meta.url));

/** `node bin/milo.mjs ...args` as a child process, with stdout a pipe (not a TTY). */
export function runMilo(
  args: readonly string[],
  options: {
    readonly env?: Record<string, string>;
    readonly interruptWhen?: (stdout: string) => boolean;
    /** Where it runs (default: the worker's folder); relative paths in `args` are from there. */
    readonly cwd?: string;
  } = {},
): Promise<MiloOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(WORKER_ROOT, "bin/milo.mjs"), ...args], {
      cwd: options.cwd ?? WORKER_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...options.env },
    });
    let stdout = "";
    let stderr = "";
    let interrupted = false;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!interrupted && options.interruptWhen?.(stdout)) {
        interrupted = true;
        child.kill("SIGINT");
      }
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
