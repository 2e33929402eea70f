import type { FastifyInstance } from "fastify";
import { ApiError } from "../ApiError";
import { LOOPBACK_NAMES } from "./isLoopbackHost";

/** The name in a Host header, without its port or IPv6 brackets, lower case. */
export function hostName(hostHeader: string): string {
  const name = hostHeader.startsWith("[")
    ? hostHeader.slice(1, hostHeader.indexOf("]"))
    : hostHeader.replace(/:\d*$/, "");
  return name.toLowerCase().replace(/\.$/, "");
}

/** Every-interface addresses are not names a client uses, so they allow nothing by themselves. */
const WILDCARD_ADDRESSES = new Set(["0.0.0.0", "::", ""]);

/**
 * The names the worker answers to: loopback, its --host address and every --allow-host.
 * Any other Host is refused with 403, so a page whose name was rebound to this machine's
 * address (DNS rebinding) reads and starts nothing.
 */
export function allowedHostNames(listenHost: string, allowHosts: readonly string[]): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  for (const name of [listenHost, ...allowHosts]) {
    const normalized = hostName(name.startsWith("[") || !name.includes(":") ? name : `[${name}]`);
    if (!WILDCARD_ADDRESSES.has(normalized)) names.add(normalized);
  }
  return names;
}

export function registerHostAllowlist(
  app: FastifyInstance,
  listenHost: string,
  allowHosts: readonly string[],
): void {
  const allowed = allowedHostNames(listenHost, allowHosts);
  const shown = [...allowed].map((name) => (name.includes(":") ? `[${name}]` : name)).join(", ");
  app.addHook("onRequest", async (request) => {
    const header = request.headers.host;
    if (header === undefined || header === "") {
      throw new ApiError(
        403,
        "HOST_NOT_ALLOWED",
        `The request has no Host header: send one naming the worker (one of ${shown}).`,
      );
    }
    const name = hostName(header);
    if (allowed.has(name)) return;
    throw new ApiError(
      403,
      "HOST_NOT_ALLOWED",
      `The worker does not answer to the name "${name}" (it answers to ${shown}). If you reach it under this name on purpose, start it with --allow-host ${name.includes(":") ? `'[${name}]'` : name}.`,
    );
  });
}
