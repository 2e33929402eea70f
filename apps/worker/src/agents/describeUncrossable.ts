/**
 * Why a value cannot cross a process boundary as JSON, or null when it can. Only plain data
 * crosses exactly: objects with Object's prototype, arrays, strings, finite numbers, booleans,
 * null (and undefined as a whole value). Anything JSON would drop or mangle is named, with
 * where it sits, e.g. "a function at .build.onDone" or "a Map".
 */
export function describeUncrossable(value: unknown): string | null {
  if (value === undefined) return null;
  return find(value, "", new Set());
}

function find(value: unknown, at: string, seen: Set<object>): string | null {
  const where = at === "" ? "" : ` at ${at}`;
  switch (typeof value) {
    case "string":
    case "boolean":
      return null;
    case "number":
      return Number.isFinite(value) ? null : `the number ${value}${where}`;
    case "undefined":
      // A missing key reads back as undefined: close enough to cross.
      return null;
    case "function":
      return `a function${where}`;
    case "symbol":
      return `a symbol${where}`;
    case "bigint":
      return `a BigInt${where}`;
  }
  if (value === null) return null;
  const object = value as object;
  if (seen.has(object)) return `a cycle${where}`;
  const prototype = Object.getPrototypeOf(object);
  if (Array.isArray(object)) {
    seen.add(object);
    for (let index = 0; index < object.length; index++) {
      const found = find(object[index], `${at}[${index}]`, seen);
      if (found !== null) return found;
    }
    seen.delete(object);
    return null;
  }
  if (prototype !== Object.prototype && prototype !== null) {
    const name = (prototype?.constructor as { name?: string } | undefined)?.name || "object";
    return `${/^[aeiou]/i.test(name) ? "an" : "a"} ${name}${where}`;
  }
  seen.add(object);
  for (const [key, entry] of Object.entries(object)) {
    const found = find(entry, `${at}.${key}`, seen);
    if (found !== null) return found;
  }
  seen.delete(object);
  return null;
}
