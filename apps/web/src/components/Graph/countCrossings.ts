/**
 * Edge crossings between neighbouring columns: per pair of columns, the inversions among the
 * edges sorted by their upper end (counted with a Fenwick tree), O(E log V).
 */
export function countCrossings(columns: readonly number[][], down: readonly number[][]): number {
  const columnOf = new Map<number, number>();
  const orderOf = new Map<number, number>();
  columns.forEach((column, rank) => {
    column.forEach((item, order) => {
      columnOf.set(item, rank);
      orderOf.set(item, order);
    });
  });
  let total = 0;
  for (let rank = 0; rank + 1 < columns.length; rank++) {
    const lower = columns[rank + 1]!;
    const ends: number[] = [];
    for (const item of columns[rank]!) {
      const targets: number[] = [];
      for (const next of down[item]!) {
        if (columnOf.get(next) === rank + 1) targets.push(orderOf.get(next)!);
      }
      targets.sort((a, b) => a - b);
      ends.push(...targets);
    }
    const tree = new Int32Array(lower.length + 1);
    let seen = 0;
    for (const end of ends) {
      // Edges already seen that end below this one cross it.
      let atOrBelow = 0;
      for (let index = end + 1; index > 0; index -= index & -index) atOrBelow += tree[index]!;
      total += seen - atOrBelow;
      for (let index = end + 1; index <= lower.length; index += index & -index) tree[index]! += 1;
      seen++;
    }
  }
  return total;
}
