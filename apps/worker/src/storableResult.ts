import { isDeepStrictEqual } from "node:util";
import type { StoredResult } from "./RunDatabase";

/** The default cap on a kept phase value's JSON (`--max-result-bytes`). */
export const DEFAULT_MAX_RESULT_BYTES = 1024 * 1024;

/**
 * A phase's returned value as it can be kept for a re-run: its JSON, or why it cannot be kept.
 * Only a value that comes back from JSON unchanged is kept, so a reused value reaches dependents
 * exactly as the computed one did (a Date, a Map, a class instance or a BigInt would not).
 */
export function storableResult(value: unknown, maxBytes: number): StoredResult {
  if (value === undefined) return { json: null };
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    return { reason: `not JSON-serializable: ${(error as Error).message}` };
  }
  if (json === undefined) return { reason: `not JSON-serializable: a ${typeof value}` };
  const bytes = Buffer.byteLength(json);
  if (bytes > maxBytes) {
    return {
      reason: `too large: ${bytes} bytes of JSON, over the limit of ${maxBytes} (--max-result-bytes)`,
    };
  }
  if (!isDeepStrictEqual(JSON.parse(json), value)) {
    return {
      reason:
        "not JSON-serializable: it changes through JSON (a Date, Map, Set, class instance, undefined or non-finite number inside)",
    };
  }
  return { json };
}
