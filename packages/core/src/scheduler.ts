// Puts from sagas are queued while a dispatch is under way, so that every listener sees actions
// in the order they were dispatched and no saga re-enters the store (redux-saga's scheduler).

let queue: (() => void)[] = [];
// Index of the next task: Array#shift is O(n), and a wide pipeline queues thousands of puts.
let head = 0;
let semaphore = 0;

function exec(task: () => void): void {
  semaphore++;
  try {
    task();
  } finally {
    semaphore--;
  }
}

function flush(): void {
  while (semaphore === 0 && head < queue.length) {
    const task = queue[head]!;
    queue[head++] = undefined as unknown as () => void;
    if (head === queue.length) {
      queue = [];
      head = 0;
    }
    exec(task);
  }
}

/** Runs `task` now when nothing else is running, else after what is running and queued. */
export function asap(task: () => void): void {
  queue.push(task);
  flush();
}

/** Runs `task` now, holding queued tasks until it returns. */
export function immediately<T>(task: () => T): T {
  semaphore++;
  try {
    return task();
  } finally {
    semaphore--;
    flush();
  }
}
