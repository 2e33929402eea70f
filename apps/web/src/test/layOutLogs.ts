/**
 * jsdom lays nothing out, so every size is 0 and a virtualised list would show no line. Gives the
 * log box its height and each of its rows one line's height, as a browser would.
 */
export function layOutLogs(boxHeight = 320, rowHeight = 19): void {
  const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientHeight");
  const offsetHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "offsetHeight");
  Object.defineProperty(HTMLElement.prototype, "clientHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset.testid === "phase-logs"
        ? boxHeight
        : (clientHeight?.get?.call(this) ?? 0);
    },
  });
  Object.defineProperty(HTMLElement.prototype, "offsetHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset.index !== undefined ? rowHeight : (offsetHeight?.get?.call(this) ?? 0);
    },
  });
}
