import { readFileSync } from "node:fs";
import type { JsonSchema } from "@milo/core";
import { UsageError } from "./UsageError";

/**
 * A run's inputs from `--inputs file.json` and `--input key=value` (which wins). A value is kept as
 * text when the schema says the field is a string, and read as JSON (a number, true, a list) otherwise.
 */
export function parseInputArgs(
  pairs: readonly string[],
  file: string | undefined,
  schema: JsonSchema | undefined,
): Record<string, unknown> | undefined {
  if (pairs.length === 0 && file === undefined) return undefined;
  let inputs: Record<string, unknown> = {};
  if (file !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new UsageError(`--inputs ${file}: ${(error as Error).message}`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new UsageError(
        `--inputs ${file} must hold a JSON object, e.g. {"site": "example.com"}.`,
      );
    }
    inputs = { ...(parsed as Record<string, unknown>) };
  }
  const properties = (schema?.properties ?? {}) as Record<string, { type?: unknown }>;
  for (const pair of pairs) {
    const equals = pair.indexOf("=");
    if (equals <= 0) throw new UsageError(`--input takes key=value, not "${pair}".`);
    const key = pair.slice(0, equals);
    const text = pair.slice(equals + 1);
    inputs[key] = properties[key]?.type === "string" ? text : jsonOrText(text);
  }
  return inputs;
}

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
