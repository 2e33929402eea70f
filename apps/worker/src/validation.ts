import type { ZodType } from "zod";
import { ApiError } from "./ApiError";

/** Parses a request body; a mismatch is a 400 INVALID_BODY naming each problem. */
export function parseBody<T>(schema: ZodType<T>, body: unknown): T {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError(
      400,
      "INVALID_BODY",
      `The body must be a JSON object such as {"concurrency": 4, "failFast": true}, not ${describeJson(body)}.`,
    );
  }
  return parseWith(schema, body, "INVALID_BODY", "field", "Invalid body");
}

/** Parses a query string; empty values count as absent. A mismatch is a 400 INVALID_QUERY. */
export function parseQuery<T>(schema: ZodType<T>, query: unknown): T {
  const present: Record<string, unknown> = {};
  for (const [key, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (value !== "") present[key] = value;
  }
  return parseWith(schema, present, "INVALID_QUERY", "query parameter", "Invalid query");
}

function parseWith<T>(
  schema: ZodType<T>,
  value: unknown,
  code: string,
  what: string,
  title: string,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const allowed = allowedKeys(schema);
  const problems = result.error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") {
      const keys = issue.keys.map((key) => JSON.stringify(key)).join(", ");
      return `unknown ${what}${issue.keys.length > 1 ? "s" : ""} ${keys} (allowed: ${allowed})`;
    }
    return issue.message;
  });
  throw new ApiError(400, code, `${title}: ${problems.join("; ")}.`);
}

function allowedKeys(schema: ZodType): string {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape).join(", ") : "none";
}

function describeJson(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}
