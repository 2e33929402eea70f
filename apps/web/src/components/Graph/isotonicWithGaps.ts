/**
 * The positions closest (least squares) to `desired` that keep their order, item i+1 at least
 * `gaps[i]` below item i. With z_i = y_i − (gaps before i) the constraint becomes z
 * non-decreasing: pool adjacent violators solves that in linear time.
 */
export function isotonicWithGaps(desired: readonly number[], gaps: readonly number[]): number[] {
  const offsets: number[] = [0];
  for (let index = 1; index < desired.length; index++) {
    offsets.push(offsets[index - 1]! + gaps[index - 1]!);
  }
  const blocks: { sum: number; size: number }[] = [];
  desired.forEach((value, index) => {
    blocks.push({ sum: value - offsets[index]!, size: 1 });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1]!;
      const previous = blocks[blocks.length - 2]!;
      if (previous.sum / previous.size <= last.sum / last.size) break;
      previous.sum += last.sum;
      previous.size += last.size;
      blocks.pop();
    }
  });
  const result: number[] = [];
  for (const block of blocks) {
    const mean = block.sum / block.size;
    for (let k = 0; k < block.size; k++) result.push(mean + offsets[result.length]!);
  }
  return result;
}
