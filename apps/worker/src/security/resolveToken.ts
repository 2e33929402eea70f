import { randomBytes } from "node:crypto";
import { isLoopbackHost } from "./isLoopbackHost";

export interface ResolvedToken {
  /** What every request must present, or null when none is required. */
  readonly token: string | null;
  /** True when the worker made it up, so it must be shown to the user. */
  readonly generated: boolean;
}

/**
 * The token a worker listening on `host` requires: the one given, else a fresh random one
 * when the address is reachable from other machines, else none (loopback stays open, as a
 * local demo should).
 */
export function resolveToken(host: string, given: string | undefined): ResolvedToken {
  if (given !== undefined && given !== "") return { token: given, generated: false };
  if (isLoopbackHost(host)) return { token: null, generated: false };
  return { token: randomBytes(24).toString("base64url"), generated: true };
}

/** What is wrong with a token given as `source` (--token, MILO_TOKEN), or null if nothing. */
export function tokenProblem(value: string, source: string): string | null {
  return /^[\x21-\x7e]{8,}$/.test(value)
    ? null
    : `${source} must be at least 8 printable characters with no spaces (e.g. from \`openssl rand -hex 24\`).`;
}
