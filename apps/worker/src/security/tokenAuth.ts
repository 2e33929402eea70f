import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ApiError } from "../ApiError";
import { isApiPath } from "./isApiPath";

/** Where a user finds the token, for every message that asks for it. */
const WHERE_THE_TOKEN_IS =
  "The token is the --token value or MILO_TOKEN the worker was started with; otherwise it made one up and printed it at start, in the URL ending in ?token=…";

/** One cookie per port, so two workers on one machine do not log each other out. */
export function tokenCookieName(port: number): string {
  return `milo-token-${port}`;
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/** Equal-length digests compared in constant time: the answer's timing tells nothing. */
function sameToken(given: string, expected: Buffer): boolean {
  return timingSafeEqual(digest(given), expected);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) {
      try {
        return decodeURIComponent(rest.join("="));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? "");
  return match?.[1]?.trim();
}

const LOGIN_PAGE = (message: string) => `<!doctype html>
<meta charset="utf-8">
<title>Milo: token needed</title>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>This Milo worker needs a token</h1>
<p>${message}</p>
<p>Open the URL the worker printed when it started (it ends in <code>?token=…</code>), or add
<code>?token=YOUR_TOKEN</code> to this page's address.</p>
</body>
`;

function refuse(request: FastifyRequest, reply: FastifyReply, problem: string): FastifyReply {
  reply.header("www-authenticate", 'Bearer realm="milo"').header("cache-control", "no-store");
  if (isApiPath(request.url)) {
    const error = new ApiError(
      401,
      "UNAUTHORIZED",
      `${problem} Send the header Authorization: Bearer TOKEN. ${WHERE_THE_TOKEN_IS}`,
    );
    return reply.status(401).send(error.toJSON());
  }
  return reply
    .status(401)
    .type("text/html; charset=utf-8")
    .send(LOGIN_PAGE(`${problem} ${WHERE_THE_TOKEN_IS}`));
}

/**
 * Every request must carry the token: `Authorization: Bearer …` (scripts) or the cookie the
 * dashboard gets by opening a page with `?token=…` once. That page answers with the cookie
 * (`HttpOnly; SameSite=Strict`) and a redirect to the same address without the token, so it
 * leaves the address bar and the history.
 */
export function registerTokenAuth(app: FastifyInstance, token: string): void {
  const expected = digest(token);
  app.addHook("onRequest", async (request, reply) => {
    const cookieName = tokenCookieName(request.socket.localPort ?? 0);
    const url = new URL(request.url, "http://worker");
    const fromQuery = url.searchParams.get("token");
    if (fromQuery !== null && (request.method === "GET" || request.method === "HEAD")) {
      if (!sameToken(fromQuery, expected)) {
        return refuse(request, reply, "The token in the address is not this worker's.");
      }
      url.searchParams.delete("token");
      return reply
        .header(
          "set-cookie",
          `${cookieName}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`,
        )
        .header("cache-control", "no-store")
        .redirect(`${url.pathname}${url.search}`, 303);
    }
    const fromHeader = bearer(request.headers.authorization);
    const given = fromHeader ?? cookieValue(request.headers.cookie, cookieName);
    if (given === undefined) return refuse(request, reply, "This worker requires a token.");
    if (!sameToken(given, expected)) {
      return refuse(
        request,
        reply,
        fromHeader === undefined
          ? "The token cookie is not this worker's (was it restarted with a new token?)."
          : "The bearer token is not this worker's.",
      );
    }
  });
}
