import { existsSync, readFileSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { inlineScriptHashes } from "./security/inlineScriptHashes";

/** Where `pnpm build` puts the dashboard. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL("../../web/dist", import.meta.url));

const NOT_BUILT = `<!doctype html>
<meta charset="utf-8">
<title>Milo worker</title>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>Milo worker</h1>
<p>The worker is running, but the dashboard has not been built.</p>
<p>Build it with <code>npx -y pnpm@10.34.9 build</code> from the repository root, then restart
the worker. The API is available meanwhile under <a href="/api/health"><code>/api/</code></a>.</p>
</body>
`;

/** The CSP hashes of the built dashboard's inline scripts (none when it is not built). */
export function dashboardScriptHashes(webRoot: string | null): string[] {
  const index = webRoot === null ? null : join(webRoot, "index.html");
  return index !== null && existsSync(index) ? inlineScriptHashes(readFileSync(index, "utf8")) : [];
}

export type DashboardFallback = (request: FastifyRequest, reply: FastifyReply) => FastifyReply;

/**
 * Serves the built dashboard, if there is one, and returns what answers the paths that are
 * neither an API route nor a file: index.html for client-side routes, or a note to build it.
 */
export async function serveDashboard(
  app: FastifyInstance,
  webRoot: string | null,
): Promise<DashboardFallback> {
  const built = webRoot !== null && existsSync(join(webRoot, "index.html"));
  if (!built) {
    return (request, reply) =>
      reply
        .status(request.url === "/" ? 200 : 404)
        .type("text/html; charset=utf-8")
        .send(NOT_BUILT);
  }
  await app.register(fastifyStatic, {
    root: webRoot,
    wildcard: true,
    // The build writes .br and .gz beside each file; they are sent to clients that accept them.
    preCompressed: true,
    cacheControl: false,
    setHeaders: (response, path) => {
      // Files under assets/ are named by their content's hash: a new build is a new name, so
      // they can be kept for a year. Everything else (index.html above all) is checked each time.
      const immutable = relative(webRoot, path).split(sep)[0] === "assets";
      response.setHeader(
        "Cache-Control",
        immutable ? "public, max-age=31536000, immutable" : "no-cache",
      );
      response.setHeader("Vary", "Accept-Encoding");
    },
  });
  return (request, reply) => {
    const path = request.url.split("?")[0] ?? "/";
    const isClientRoute =
      (request.method === "GET" || request.method === "HEAD") && extname(path) === "";
    if (isClientRoute) return reply.sendFile("index.html");
    return reply.status(404).type("text/plain; charset=utf-8").send(`Not found: ${path}\n`);
  };
}
