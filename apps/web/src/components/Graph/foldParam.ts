import type { FoldedGroups } from "./foldGraph";

/**
 * The folded groups a `?fold=` value asks for: `all`, `none`, or group names separated by
 * commas; nothing is folded without one.
 */
export function parseFoldParam(value: string | null): FoldedGroups {
  if (value === "all") return "all";
  if (value === null || value === "none" || value === "") return new Set();
  return new Set(value.split(","));
}

/** The `?fold=` value for a set of folded groups out of `groups`; null when none is folded. */
export function foldParam(folded: ReadonlySet<string>, groups: readonly string[]): string | null {
  const kept = groups.filter((group) => folded.has(group));
  if (kept.length === 0) return null;
  return kept.length === groups.length ? "all" : kept.join(",");
}
