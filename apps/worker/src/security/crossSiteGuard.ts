import type { FastifyInstance, FastifyRequest } from "fastify";
import { ApiError } from "../ApiError";
import { isApiPath } from "./isApiPath";

/** Methods that change nothing; every other one is a write. */
const SAFE_METHODS = new Set(["GET", "HEAD"]);

/** Where a request came from, when a browser says it is not this worker's own page. */
function foreignSource(request: FastifyRequest): string | null {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      // "null" (a sandboxed frame, a file) or garbage: not this worker.
    }
    return host !== null && host === request.headers.host?.toLowerCase()
      ? null
      : `Origin: ${origin}`;
  }
  // Without Origin, the browser's own word on where the request comes from.
  const site = request.headers["sec-fetch-site"];
  return site === undefined || site === "same-origin" || site === "none"
    ? null
    : `Sec-Fetch-Site: ${site}`;
}

/** The media type of a Content-Type header, without parameters, lower case. */
function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/**
 * Refuses what another site's page could make a browser send: a write from a foreign origin
 * (a form, `sendBeacon`, a `no-cors` fetch) gets 403, and a write that is not
 * `Content-Type: application/json` gets 415 — a cross-site page can only send that type after
 * a CORS preflight, which the worker never allows. API reads from a foreign page (an `<img>`,
 * a cross-origin fetch) are refused too; a link the user follows to the dashboard still opens.
 */
export function registerCrossSiteGuard(app: FastifyInstance): void {
  app.addHook("onRequest", async (request) => {
    const path = request.url.split("?")[0] ?? "";
    const isApi = isApiPath(request.url);
    const isWrite = !SAFE_METHODS.has(request.method);
    const isNavigation = request.headers["sec-fetch-mode"] === "navigate";
    if (isWrite || (isApi && !isNavigation)) {
      const source = foreignSource(request);
      if (source !== null) {
        throw new ApiError(
          403,
          "CROSS_SITE_REFUSED",
          `${request.method} ${path} came from another site (${source}): the worker takes requests only from its own dashboard, or from scripts that send no Origin header. Cross-origin requests (CORS) are not allowed.`,
        );
      }
    }
    if (
      isWrite &&
      request.method !== "OPTIONS" &&
      mediaType(request.headers["content-type"]) !== "application/json"
    ) {
      throw new ApiError(
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        `Send ${request.method} requests with the header Content-Type: application/json and a JSON body ({} when there is nothing to set).`,
      );
    }
  });
}
