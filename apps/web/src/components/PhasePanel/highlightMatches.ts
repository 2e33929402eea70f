/** A piece of a log line, and whether it is (part of) a match of the search. */
export interface LinePart {
  readonly text: string;
  readonly match: boolean;
}

/**
 * `line` cut around each occurrence of `query`, ignoring ASCII case as the worker's search does;
 * one unmatched part when the query is empty or absent.
 */
export function highlightMatches(line: string, query: string): LinePart[] {
  if (query === "") return [{ text: line, match: false }];
  const haystack = asciiLower(line);
  const needle = asciiLower(query);
  const parts: LinePart[] = [];
  let from = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, from)) {
    if (at > from) parts.push({ text: line.slice(from, at), match: false });
    parts.push({ text: line.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < line.length || parts.length === 0)
    parts.push({ text: line.slice(from), match: false });
  return parts;
}

/** Lower case for A–Z only, so lengths and positions stay those of the original text. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (char) => char.toLowerCase());
}
