import { type ContractSchema, errorBodySchema } from "@milo/contract";
import { ApiError } from "./ApiError";

export interface RequestOptions {
  readonly method?: "GET" | "POST";
  readonly body?: unknown;
  readonly signal?: AbortSignal;
  /** Prefix for the path; empty in the browser, where the worker is the page's own origin. */
  readonly baseUrl?: string;
}

/**
 * Calls the worker and returns its JSON, checked against the contract's schema of the answer, or
 * throws an `ApiError` that says what went wrong.
 */
export async function requestJson<T>(
  path: string,
  schema: ContractSchema<T>,
  options: RequestOptions = {},
): Promise<T> {
  const { method = "GET", signal, baseUrl = "" } = options;
  // The worker takes writes only as JSON (what a cross-site form cannot send): {} when empty.
  const body = options.body ?? (method === "GET" ? undefined : {});
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${path}`, {
      method,
      signal,
      headers: body === undefined ? { accept: "application/json" } : jsonHeaders,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(
      "NETWORK",
      `Cannot reach the Milo worker (${describe(error)}). Check that it is running (milo serve).`,
      0,
    );
  }
  const text = await response.text();
  if (GATEWAY_ERRORS.has(response.status) && !errorBodySchema.safeParse(tryParse(text)).success) {
    // A proxy in front of the worker (Vite's in development) answering for a worker that is down.
    throw new ApiError(
      "NETWORK",
      `Cannot reach the Milo worker: the proxy in front of it answered HTTP ${response.status}. Check that the worker is running (milo serve).`,
      response.status,
    );
  }
  let parsed: unknown;
  try {
    parsed = text === "" ? null : JSON.parse(text);
  } catch {
    throw new ApiError(
      "BAD_RESPONSE",
      `${method} ${path} answered ${response.status} with something that is not JSON: ${text.slice(0, 200)}`,
      response.status,
    );
  }
  if (!response.ok) {
    const errorBody = errorBodySchema.safeParse(parsed);
    if (errorBody.success) {
      const { code, message } = errorBody.data.error;
      throw new ApiError(code, message, response.status);
    }
    throw new ApiError(
      "BAD_RESPONSE",
      `${method} ${path} failed with HTTP ${response.status} ${response.statusText}`.trim(),
      response.status,
    );
  }
  const checked = schema.safeParse(parsed);
  if (!checked.success) {
    const problems = checked.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join(".") || "the body"}: ${issue.message}`);
    throw new ApiError(
      "BAD_RESPONSE",
      `${method} ${path} answered with a body the dashboard does not understand (${problems.join("; ")}). Are the worker and the dashboard the same version?`,
      response.status,
    );
  }
  return checked.data;
}

const GATEWAY_ERRORS = new Set([502, 503, 504]);

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const jsonHeaders = { accept: "application/json", "content-type": "application/json" };

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}
