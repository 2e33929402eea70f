/**
 * The phases in the order they started, newest on top, as an immutable linked list. The reducer
 * finds the current phase (the newest start still running) by dropping ended entries from the
 * top, each at most once: O(1) amortized per action, however many phases run at once.
 */
export class StartStack {
  constructor(
    readonly name: string,
    /** The start's number within the run (a phase's `startSeq` while this is its latest start). */
    readonly seq: number,
    readonly below: StartStack | null,
  ) {}

  /** Internal bookkeeping: left out of the state's JSON. */
  toJSON(): undefined {
    return undefined;
  }
}
