interface Timer {
  readonly at: number;
  readonly order: number;
  readonly wake: () => void;
}

/**
 * A discrete-event clock: `sleep` registers a timer and nothing waits in real time. `run` lets
 * every pending promise job settle (a macrotask turn drains the microtask queue), then jumps to
 * the earliest timer and wakes everything due at that instant, and so on until the work ends.
 * Durations are therefore exact, and the same inputs always give the same schedule.
 */
export class VirtualClock {
  private time = 0;
  private order = 0;
  private readonly timers: Timer[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`VirtualClock.sleep(ms): ms must be a finite number >= 0, got ${ms}.`);
    }
    return new Promise((wake) => this.push({ at: this.time + ms, order: this.order++, wake }));
  }

  /** Drives the clock until `work` settles; throws if it waits with no timer left to fire. */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const watched = work.finally(() => {
      settled = true;
    });
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (settled) return watched;
      const first = this.pop();
      if (!first) {
        throw new Error(
          "VirtualClock.run: the work is still waiting but no timer is pending (a deadlock).",
        );
      }
      this.time = first.at;
      first.wake();
      while (this.timers.length > 0 && this.timers[0]!.at === first.at) this.pop()!.wake();
    }
  }

  // A binary min-heap on (at, order): ties wake in the order they were set.
  private push(timer: Timer): void {
    const heap = this.timers;
    heap.push(timer);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(heap[index]!, heap[parent]!)) break;
      [heap[index], heap[parent]] = [heap[parent]!, heap[index]!];
      index = parent;
    }
  }

  private pop(): Timer | undefined {
    const heap = this.timers;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length === 0 || last === undefined) return top;
    heap[0] = last;
    let index = 0;
    for (;;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let first = index;
      if (left < heap.length && before(heap[left]!, heap[first]!)) first = left;
      if (right < heap.length && before(heap[right]!, heap[first]!)) first = right;
      if (first === index) break;
      [heap[index], heap[first]] = [heap[first]!, heap[index]!];
      index = first;
    }
    return top;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.order < b.order);
}
