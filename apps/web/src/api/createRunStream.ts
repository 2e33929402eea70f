import {
  type RecordedAction,
  RUN_EVENTS,
  recordedActionSchema,
  runEndEventSchema,
} from "@milo/contract";
import {
  type AnyAction,
  createPipelineReducer,
  INIT,
  type PipelineGraph,
  type PipelineState,
  type PipelineStatusName,
} from "@milo/core";
import { createListeners } from "../lib/createListeners";
import { api } from "./api";

/** What the dashboard tells the user about the event stream. */
export type StreamConnection = "connecting" | "open" | "reconnecting" | "ended";

export interface RunStreamSnapshot {
  /** The run's state: every action received so far, reduced by the core's reducer. */
  readonly state: PipelineState;
  /** The seq of the last action reduced into `state`. */
  readonly lastSeq: number;
  readonly connection: StreamConnection;
  /** The status the worker announced in its `end` event; null until then. */
  readonly endStatus: PipelineStatusName | null;
  /** The last thing that went wrong with the stream, in words; null when all is well. */
  readonly problem: string | null;
}

/** The part of the browser's `EventSource` the stream uses (so tests can drive it). */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export type EventSourceFactory = (url: string) => EventSourceLike;

/** Calls a function on the next frame; tests pass one they step by hand. */
export interface FrameScheduler {
  request(callback: () => void): unknown;
  cancel(handle: unknown): void;
}

export interface TimerScheduler {
  set(callback: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

/** Where the stream starts: a state and the seq of the last action reduced into it. */
export interface RunStreamStart {
  readonly state: PipelineState;
  readonly seq: number;
}

export interface RunStreamOptions {
  readonly runId: string;
  readonly graph: PipelineGraph;
  /**
   * The run's state as the worker sent it (the run detail's `state` and `seq`): the stream asks
   * only for the actions after it. Without it, every action is replayed from the first.
   */
  readonly start?: RunStreamStart;
  readonly createEventSource?: EventSourceFactory;
  readonly frames?: FrameScheduler;
  readonly timers?: TimerScheduler;
}

export interface RunStream {
  getSnapshot(): RunStreamSnapshot;
  subscribe(listener: () => void): () => void;
  start(): void;
  stop(): void;
}

const EVENT_SOURCE_CLOSED = 2;
const MAX_RECONNECT_DELAY_MS = 10_000;

const browserEventSource: EventSourceFactory = (url) => new EventSource(url);
const browserFrames: FrameScheduler = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle as number),
};
const browserTimers: TimerScheduler = {
  set: (callback, delayMs) => setTimeout(callback, delayMs),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Rebuilds a run's state in the browser from the worker's event stream, with the same reducer
 * the worker uses. Actions are reduced as they arrive (so nothing piles up in a hidden tab) but
 * listeners hear about them at most once per animation frame: a run emitting hundreds of actions
 * a second costs one render per frame, not one per action.
 */
export function createRunStream(options: RunStreamOptions): RunStream {
  const { runId, graph } = options;
  const createEventSource = options.createEventSource ?? browserEventSource;
  const frames = options.frames ?? browserFrames;
  const timers = options.timers ?? browserTimers;
  const reduce = createPipelineReducer(graph);

  let state = options.start?.state ?? reduce(undefined, { type: INIT, payload: undefined });
  let lastSeq = options.start?.seq ?? 0;
  let connection: StreamConnection = "connecting";
  let endStatus: PipelineStatusName | null = null;
  let problem: string | null = null;
  let snapshot: RunStreamSnapshot = { state, lastSeq, connection, endStatus, problem };

  const listeners = createListeners();
  let source: EventSourceLike | null = null;
  let frameHandle: unknown = null;
  let reconnectHandle: unknown = null;
  let reconnectAttempts = 0;
  let stopped = true;

  const publish = () => {
    if (frameHandle !== null) {
      frames.cancel(frameHandle);
      frameHandle = null;
    }
    snapshot = { state, lastSeq, connection, endStatus, problem };
    listeners.notify();
  };

  const publishOnNextFrame = () => {
    if (frameHandle !== null) return;
    frameHandle = frames.request(() => {
      frameHandle = null;
      publish();
    });
  };

  const closeSource = () => {
    if (source === null) return;
    source.onopen = null;
    source.onerror = null;
    source.close();
    source = null;
  };

  const onAction = (event: MessageEvent<string>) => {
    let action: RecordedAction;
    try {
      action = parseAction(event.data);
    } catch (error) {
      problem = `The worker sent an event the dashboard cannot read: ${(error as Error).message}`;
      publishOnNextFrame();
      return;
    }
    // A reconnect can replay actions already seen; the reducer must see each one once.
    if (action.seq <= lastSeq) return;
    if (action.seq !== lastSeq + 1) {
      // Never expected (the worker's seqs have no gaps), but a hole would corrupt the state for
      // good, so ask again from the last action reduced.
      problem = `Action ${lastSeq + 1} went missing from the stream; asking the worker again.`;
      reopen(0);
      return;
    }
    state = reduce(state, action as unknown as AnyAction);
    lastSeq = action.seq;
    reconnectAttempts = 0;
    publishOnNextFrame();
  };

  const onEnd = (event: MessageEvent<string>) => {
    endStatus = parseEndStatus(event.data) ?? state.status;
    connection = "ended";
    problem = null;
    closeSource();
    publish();
  };

  const onOpen = () => {
    connection = "open";
    problem = null;
    publish();
  };

  const onError = () => {
    if (stopped || connection === "ended") return;
    connection = "reconnecting";
    if (source !== null && source.readyState === EVENT_SOURCE_CLOSED) {
      // The browser gave up (the worker answered with an error or went away mid-handshake):
      // open a fresh stream ourselves, resuming after the last action reduced.
      problem = "Lost the connection to the worker's event stream; reconnecting…";
      const delay = Math.min(MAX_RECONNECT_DELAY_MS, 1000 * 2 ** reconnectAttempts);
      reconnectAttempts += 1;
      reopen(delay);
    } else {
      problem = "The event stream dropped; reconnecting…";
    }
    publish();
  };

  const open = () => {
    reconnectHandle = null;
    if (stopped) return;
    const next = createEventSource(api.runEventsUrl(runId, lastSeq));
    next.onopen = onOpen;
    next.onerror = onError;
    next.addEventListener(RUN_EVENTS.action, onAction);
    next.addEventListener(RUN_EVENTS.end, onEnd);
    source = next;
  };

  function reopen(delayMs: number) {
    closeSource();
    if (reconnectHandle !== null) timers.clear(reconnectHandle);
    reconnectHandle = delayMs > 0 ? timers.set(open, delayMs) : null;
    if (delayMs <= 0) open();
  }

  return {
    getSnapshot: () => snapshot,
    subscribe: listeners.subscribe,
    start() {
      if (!stopped) return;
      stopped = false;
      if (connection !== "ended") open();
    },
    stop() {
      stopped = true;
      closeSource();
      if (reconnectHandle !== null) timers.clear(reconnectHandle);
      if (frameHandle !== null) frames.cancel(frameHandle);
      reconnectHandle = null;
      frameHandle = null;
    },
  };
}

function parseAction(data: string): RecordedAction {
  const checked = recordedActionSchema.safeParse(JSON.parse(data));
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(`${issue?.path.join(".") || "the action"}: ${issue?.message ?? "unreadable"}`);
  }
  return checked.data;
}

function parseEndStatus(data: string): PipelineStatusName | null {
  try {
    const checked = runEndEventSchema.safeParse(JSON.parse(data));
    return checked.success ? checked.data.status : null;
  } catch {
    return null;
  }
}
