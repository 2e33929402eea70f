import type { FoldedGroups } from "./foldGraph";

/** Past this many phases a graph opens with every group folded. */
export const FOLD_BY_DEFAULT_THRESHOLD = 300;

/**
 * The folded groups a `?fold=` value asks for: `all`, `none`, or group names separated by
 * commas; without one, every group of a graph of more than FOLD_BY_DEFAULT_THRESHOLD phases.
 */
export function parseFoldParam(value: string | null, phaseCount: number): FoldedGroups {
  if (value === null) return phaseCount > FOLD_BY_DEFAULT_THRESHOLD ? "all" : new Set();
  if (value === "all") return "all";
  if (value === "none" || value === "") return new Set();
  return new Set(value.split(","));
}

/**
 * The `?fold=` value for a set of folded groups, out of `groups` (all of them, in order); null
 * when it is what the graph opens with anyway, so the URL stays short.
 */
export function foldParam(
  folded: ReadonlySet<string>,
  groups: readonly string[],
  phaseCount: number,
): string | null {
  const kept = groups.filter((group) => folded.has(group));
  const byDefault = phaseCount > FOLD_BY_DEFAULT_THRESHOLD;
  if (kept.length === groups.length && groups.length > 0) return byDefault ? null : "all";
  if (kept.length === 0) return byDefault ? "none" : null;
  return kept.join(",");
}
