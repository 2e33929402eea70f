interface Waiter {
  readonly exclusive: boolean;
  readonly enter: () => void;
}

/**
 * A first-come, first-served readers-writer lock: parallel phases share it, a non-parallel
 * phase holds it alone. It is how a p-graph user would honour "a non-parallel phase runs
 * alone", since p-graph has no such notion; a waiting exclusive holder stops later shared ones
 * from overtaking it, so it is not starved.
 */
export class ExclusiveGate {
  private shared = 0;
  private exclusive = false;
  private readonly waiting: Waiter[] = [];

  async hold<T>(exclusive: boolean, body: () => Promise<T> | T): Promise<T> {
    await this.acquire(exclusive);
    try {
      return await body();
    } finally {
      this.release(exclusive);
    }
  }

  private acquire(exclusive: boolean): Promise<void> {
    if (this.waiting.length === 0 && this.fits(exclusive)) {
      this.take(exclusive);
      return Promise.resolve();
    }
    return new Promise((enter) => this.waiting.push({ exclusive, enter }));
  }

  private release(exclusive: boolean): void {
    if (exclusive) this.exclusive = false;
    else this.shared--;
    while (this.waiting.length > 0 && this.fits(this.waiting[0]!.exclusive)) {
      const next = this.waiting.shift()!;
      this.take(next.exclusive);
      next.enter();
    }
  }

  private fits(exclusive: boolean): boolean {
    return exclusive ? !this.exclusive && this.shared === 0 : !this.exclusive;
  }

  private take(exclusive: boolean): void {
    if (exclusive) this.exclusive = true;
    else this.shared++;
  }
}
