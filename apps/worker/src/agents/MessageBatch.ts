/** Messages one batch takes at most before it is sent without waiting for the turn to end. */
const DEFAULT_MAX_MESSAGES = 500;

/**
 * The messages a process sends another over IPC in one turn of its event loop, sent together
 * as one array, in order. One message per log line or attempt was a write, a JSON envelope and a
 * 'message' event each, on both sides: most of what an attempt cost the server on a wide run.
 * A turn that never ends (a handler logging in a loop) still sends every `maxMessages`.
 */
export class MessageBatch<T> {
  private messages: T[] = [];
  private scheduled = false;

  constructor(
    private readonly send: (messages: readonly T[]) => void,
    private readonly maxMessages = DEFAULT_MAX_MESSAGES,
  ) {}

  push(message: T): void {
    this.messages.push(message);
    if (this.messages.length >= this.maxMessages) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }

  /** Sends what is queued now (before a disconnect or an exit, say). */
  flush(): void {
    if (this.messages.length === 0) return;
    const messages = this.messages;
    this.messages = [];
    this.send(messages);
  }
}
