import type { EventSourceLike, FrameScheduler, TimerScheduler } from "../api/createRunStream";

/**
 * Stands in for the browser's EventSource, which neither jsdom nor Node 20 provide. It only
 * delivers what a test tells it to, in the shape the real one does (`id`, event name, `data`).
 */
export class FakeEventSource implements EventSourceLike {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;

  readyState = FakeEventSource.CONNECTING;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  private readonly listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.readyState = FakeEventSource.CLOSED;
  }

  open(): void {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.(new Event("open"));
  }

  /** Sends `event: action` messages, as the worker does for each recorded action. */
  sendActions(actions: readonly { seq: number; type: string; payload: unknown }[]): void {
    for (const action of actions) {
      this.emit("action", JSON.stringify(action), String(action.seq));
    }
  }

  sendEnd(status: string): void {
    this.emit("end", JSON.stringify({ status }));
  }

  emit(type: string, data: string, lastEventId = ""): void {
    if (this.closed) throw new Error("emit on a closed event source");
    const event = new MessageEvent<string>(type, { data, lastEventId });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  /** The connection dropped; the browser will retry by itself (readyState CONNECTING). */
  drop(): void {
    this.readyState = FakeEventSource.CONNECTING;
    this.onerror?.(new Event("error"));
  }

  /** The browser gave up on the connection for good (readyState CLOSED). */
  fail(): void {
    this.readyState = FakeEventSource.CLOSED;
    this.onerror?.(new Event("error"));
  }
}

/** Records every EventSource a stream opens, newest last. */
export function eventSourceRecorder() {
  const sources: FakeEventSource[] = [];
  const create = (url: string) => {
    const source = new FakeEventSource(url);
    sources.push(source);
    return source;
  };
  return { sources, create, latest: () => sources[sources.length - 1]! };
}

/** Animation frames that run only when the test says so. */
export function manualFrames(): FrameScheduler & { flush(): void; readonly pending: number } {
  let callbacks = new Map<number, () => void>();
  let next = 1;
  return {
    request(callback) {
      const handle = next++;
      callbacks.set(handle, callback);
      return handle;
    },
    cancel(handle) {
      callbacks.delete(handle as number);
    },
    flush() {
      const due = callbacks;
      callbacks = new Map();
      for (const callback of due.values()) callback();
    },
    get pending() {
      return callbacks.size;
    },
  };
}

/** Timers that fire only when the test says so. */
export function manualTimers(): TimerScheduler & {
  runAll(): void;
  readonly delays: readonly number[];
} {
  let callbacks = new Map<number, () => void>();
  const delays: number[] = [];
  let next = 1;
  return {
    set(callback, delayMs) {
      const handle = next++;
      callbacks.set(handle, callback);
      delays.push(delayMs);
      return handle;
    },
    clear(handle) {
      callbacks.delete(handle as number);
    },
    runAll() {
      const due = callbacks;
      callbacks = new Map();
      for (const callback of due.values()) callback();
    },
    delays,
  };
}
