import type { FoldedGroups } from "./foldGraph";

/**
 * The folded groups a `?fold=` value asks for: `all`, `none`, or group names separated by
 * commas (a comma or `%` inside a name written `%2C` or `%25`); nothing is folded without one.
 */
export function parseFoldParam(value: string | null): FoldedGroups {
  if (value === "all") return "all";
  if (value === null || value === "none" || value === "") return new Set();
  return new Set(value.split(",").map(unescapeName));
}

/** The `?fold=` value for a set of folded groups out of `groups`; null when none is folded. */
export function foldParam(folded: ReadonlySet<string>, groups: readonly string[]): string | null {
  const kept = groups.filter((group) => folded.has(group));
  if (kept.length === 0) return null;
  return kept.length === groups.length ? "all" : kept.map(escapeName).join(",");
}

function escapeName(name: string): string {
  return name.replaceAll("%", "%25").replaceAll(",", "%2C");
}

function unescapeName(name: string): string {
  return name.replaceAll(/%2C/gi, ",").replaceAll("%25", "%");
}
