import type { PhaseStatus } from "./types";

/**
 * Internal to the reducer: the state shows the statuses as a plain array, built from this table
 * only when read.
 *
 * An immutable table of phase statuses in pipeline order, looked up by name.
 *
 * A plain record copied on every action makes a run quadratic in its phase count (copying
 * 10,000 keys costs milliseconds). The table keeps the statuses in chunks of about √n, so an
 * update copies one chunk and the chunk list: O(√n) pointer copies, with the old table intact.
 */
export class PhaseTable implements Iterable<PhaseStatus> {
  private constructor(
    private readonly indexByName: ReadonlyMap<string, number>,
    private readonly chunkSize: number,
    private readonly chunks: readonly (readonly PhaseStatus[])[],
  ) {}

  static of(statuses: readonly PhaseStatus[]): PhaseTable {
    const indexByName = new Map<string, number>();
    statuses.forEach((status, index) => {
      indexByName.set(status.name, index);
    });
    const chunkSize = Math.max(16, Math.ceil(Math.sqrt(statuses.length)));
    const chunks: PhaseStatus[][] = [];
    for (let start = 0; start < statuses.length; start += chunkSize) {
      chunks.push(statuses.slice(start, start + chunkSize));
    }
    return new PhaseTable(indexByName, chunkSize, chunks);
  }

  get size(): number {
    return this.indexByName.size;
  }

  has(name: string): boolean {
    return this.indexByName.has(name);
  }

  get(name: string): PhaseStatus | undefined {
    const index = this.indexByName.get(name);
    if (index === undefined) return undefined;
    return this.chunks[Math.floor(index / this.chunkSize)]![index % this.chunkSize];
  }

  /** A new table with `status` in place of the phase of the same name. */
  set(status: PhaseStatus): PhaseTable {
    const index = this.indexByName.get(status.name);
    if (index === undefined) {
      throw new Error(`PhaseTable.set: unknown phase "${status.name}"`);
    }
    const chunkIndex = Math.floor(index / this.chunkSize);
    const chunk = this.chunks[chunkIndex]!.slice();
    chunk[index % this.chunkSize] = status;
    const chunks = this.chunks.slice();
    chunks[chunkIndex] = chunk;
    return new PhaseTable(this.indexByName, this.chunkSize, chunks);
  }

  *[Symbol.iterator](): Iterator<PhaseStatus> {
    for (const chunk of this.chunks) yield* chunk;
  }

  toArray(): PhaseStatus[] {
    return this.chunks.flat();
  }
}
