import type { AttemptRecord } from "@milo/core";

/**
 * The attempt that printed each line: the last attempt started at or before the line's `at`
 * (0 when the phase has no attempt). Lines before the first start belong to the first attempt.
 */
export function lineAttempts(
  lines: readonly { readonly at: number }[],
  attempts: readonly Pick<AttemptRecord, "attempt" | "startedAt">[],
): number[] {
  return lines.map(({ at }) => {
    // Attempts are oldest first: binary search for the last start at or before `at`.
    let low = 0;
    let high = attempts.length - 1;
    let found = 0;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (attempts[middle]!.startedAt <= at) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return attempts[found]?.attempt ?? 0;
  });
}
