/**
 * A buffered queue between sagas: `put` never blocks; `take` gets the oldest message, waiting for
 * one when the buffer is empty. Takers are served in the order they came.
 */
export class Channel<T> {
  private buffer: T[] = [];
  private head = 0;
  private takers: ((message: T) => void)[] = [];

  put(message: T): void {
    const taker = this.takers.shift();
    if (taker) taker(message);
    else this.buffer.push(message);
  }

  /** Calls `taker` with the next message (at once if one is buffered); returns a canceller. */
  take(taker: (message: T) => void): () => void {
    if (this.head < this.buffer.length) {
      const message = this.buffer[this.head++] as T;
      if (this.head > 1024 && this.head * 2 > this.buffer.length) {
        this.buffer = this.buffer.slice(this.head);
        this.head = 0;
      }
      taker(message);
      return () => {};
    }
    this.takers.push(taker);
    return () => {
      const index = this.takers.indexOf(taker);
      if (index >= 0) this.takers.splice(index, 1);
    };
  }

  get size(): number {
    return this.buffer.length - this.head;
  }
}
