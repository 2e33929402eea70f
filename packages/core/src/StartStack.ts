/**
 * The phases in the order they started, newest on top, as an immutable linked list. The reducer
 * finds the current phase (the newest start still running) by dropping ended entries from the
 * top, each at most once: O(1) amortized per action, however many phases run at once.
 */
export class StartStack {
  constructor(
    readonly name: string,
    /**
     * How many attempts the phase had with this start: the entry is live while the phase runs
     * and still has exactly that many (a later start of the same phase adds one).
     */
    readonly attempts: number,
    readonly below: StartStack | null,
  ) {}
}
