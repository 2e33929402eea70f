/**
 * The listeners of a store read through `useSyncExternalStore`: `subscribe` returns its
 * unsubscribe, and `notify` calls each listener present when it began, so one that
 * unsubscribes another while being told does not skip anyone.
 */
export function createListeners(): {
  readonly subscribe: (listener: () => void) => () => void;
  readonly notify: () => void;
} {
  const listeners = new Set<() => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    notify() {
      for (const listener of [...listeners]) listener();
    },
  };
}
