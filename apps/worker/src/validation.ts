import { type ZodType, z } from "zod";
import { ApiError } from "./ApiError";
import { RUN_STATUSES } from "./types";

/** A query value that must be a whole number in [min, max]. */
function wholeNumber(name: string, min: number, max: number) {
  const message = `${name} must be a whole number from ${min} to ${max}`;
  return z
    .string({ error: `${name} must be given once, as a whole number` })
    .regex(/^\d{1,16}$/, { error: message })
    .transform(Number)
    .refine((value) => value >= min && value <= max, { error: message });
}

function text(name: string) {
  return z.string({ error: `${name} must be given once` });
}

export const startRunBody = z.strictObject({
  concurrency: z
    .number({ error: "concurrency must be a number" })
    .int({ error: "concurrency must be a whole number" })
    .min(1, { error: "concurrency must be 1 or more" })
    .max(1_000_000, { error: "concurrency must be at most 1000000" })
    .optional(),
  failFast: z.boolean({ error: "failFast must be true or false" }).optional(),
});

export const runsQuery = z.strictObject({
  pipeline: text("pipeline").optional(),
  status: z
    .enum(RUN_STATUSES, { error: `status must be one of ${RUN_STATUSES.join(", ")}` })
    .optional(),
  limit: wholeNumber("limit", 1, 100).optional(),
  before: text("before").optional(),
});

export const actionsQuery = z.strictObject({
  after: wholeNumber("after", 0, Number.MAX_SAFE_INTEGER).optional(),
  limit: wholeNumber("limit", 1, 10_000).optional(),
});

export const logsQuery = z.strictObject({
  phase: text("phase").optional(),
  after: wholeNumber("after", 0, Number.MAX_SAFE_INTEGER).optional(),
  limit: wholeNumber("limit", 1, 10_000).optional(),
});

export const eventsQuery = z.strictObject({
  after: wholeNumber("after", 0, Number.MAX_SAFE_INTEGER).optional(),
});

export const lastEventId = wholeNumber("Last-Event-ID", 0, Number.MAX_SAFE_INTEGER);

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
