import { PriorityQueue } from "./PriorityQueue";
import { compareNames } from "./pipelineGraph";

/**
 * The phases that may start, and the scheduler's rule for which starts next: while phases run,
 * free slots (under `concurrency`) go to parallel phases only; when nothing runs, the first of
 * all, a non-parallel one included. First means the longest weighted path to the end, then by
 * name. The saga and the ETA's simulation share it, so an estimate follows the real schedule.
 */
export class ReadyPhases<T extends { readonly name: string; readonly parallel: boolean }> {
  private readonly parallel: PriorityQueue<T>;
  private readonly alone: PriorityQueue<T>;
  private readonly first: (a: T, b: T) => number;

  /** `priority`: each phase's longest weighted path to the end (`remainingPathWeights`). */
  constructor(priority: ReadonlyMap<string, number>) {
    this.first = (a, b) =>
      priority.get(b.name)! - priority.get(a.name)! || compareNames(a.name, b.name);
    this.parallel = new PriorityQueue(this.first);
    this.alone = new PriorityQueue(this.first);
  }

  push(phase: T): void {
    (phase.parallel ? this.parallel : this.alone).push(phase);
  }

  /** The phase to start now, if any may, with `running` phases running (none of them alone). */
  next(running: number, concurrency: number): T | undefined {
    if (running > 0) return running < concurrency ? this.parallel.pop() : undefined;
    const parallel = this.parallel.peek();
    const solo = this.alone.peek();
    if (solo !== undefined && (parallel === undefined || this.first(solo, parallel) < 0)) {
      return this.alone.pop();
    }
    return this.parallel.pop();
  }
}
