import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import { ApiError } from "./ApiError";
import type { AgentFleet } from "./agents/AgentFleet";
import { DEFAULT_HOST } from "./defaults";
import type { RunManager } from "./RunManager";
import { agentRoutes } from "./routes/agentRoutes";
import { eventRoutes } from "./routes/eventRoutes";
import { logRoutes } from "./routes/logRoutes";
import { openApiRoute } from "./routes/openApiRoute";
import { pipelineRoutes } from "./routes/pipelineRoutes";
import { runRoutes } from "./routes/runRoutes";
import { timingRoutes } from "./routes/timingRoutes";
import { clientErrorHandler, frameworkErrorHandler, pathTooLong } from "./security/clientErrors";
import { registerCrossSiteGuard } from "./security/crossSiteGuard";
import { registerHostAllowlist } from "./security/hostAllowlist";
import { isApiPath } from "./security/isApiPath";
import { securityHeaders } from "./security/securityHeaders";
import { registerTokenAuth } from "./security/tokenAuth";
import { DEFAULT_WEB_ROOT, dashboardScriptHashes, serveDashboard } from "./serveDashboard";
import type { SseConnection, SseConnectionOptions } from "./sse";
import { VERSION } from "./version";

export const BODY_LIMIT = 64 * 1024;

/** How long closing waits for event streams to flush before cutting them. */
const CLOSE_GRACE_MS = 1000;

/** A request (headers and body) that has not fully arrived by then is cut off with a 408. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Path segments up to this long always route; longer pipeline names raise it. */
const MIN_PARAM_LENGTH = 200;

export interface ServerOptions {
  readonly manager: RunManager;
  /** The built dashboard; null serves none. Default: apps/web/dist. */
  readonly webRoot?: string | null;
  readonly sse?: SseConnectionOptions;
  /** Fastify's request log (default off: the worker prints its own lines). */
  readonly logger?: boolean;
  /** The agents phases run on, for GET /api/agents; none when phases run in process. */
  readonly agents?: AgentFleet;
  /** The address it listens on: a name it answers to besides loopback. Default 127.0.0.1. */
  readonly host?: string;
  /** More names the worker answers to (the Host header); any other gets 403. */
  readonly allowHosts?: readonly string[];
  /** A token every request must carry (Bearer header or the dashboard's cookie); null: none. */
  readonly token?: string | null;
  /** A request whose headers and body have not all arrived by then gets 408. */
  readonly requestTimeoutMs?: number;
}

/** Fastify's own 4xx errors, in the API's terms. */
const FASTIFY_ERRORS: Record<string, { code: string; message: (error: FastifyError) => string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: "PAYLOAD_TOO_LARGE",
    message: () => `The request body is larger than ${BODY_LIMIT / 1024} KiB: send a smaller one.`,
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: "UNSUPPORTED_MEDIA_TYPE",
    message: () => "Send the body as JSON with the header Content-Type: application/json.",
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: "INVALID_BODY",
    message: () => "The body's length does not match its Content-Length header.",
  },
};

/**
 * The worker's HTTP API (see README): JSON routes, one SSE stream per run viewer, and the
 * built dashboard. Every error, including Fastify's own, is `{ error: { code, message } }`.
 */
export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  const { manager } = options;
  const webRoot = options.webRoot === undefined ? DEFAULT_WEB_ROOT : options.webRoot;
  const headers = securityHeaders(dashboardScriptHashes(webRoot));
  // Every loaded pipeline's name must fit in one path segment, or it could not be opened.
  const maxParamLength = Math.max(
    MIN_PARAM_LENGTH,
    ...manager.pipelineGraphs().map((graph) => graph.name.length),
  );
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    // Idle keep-alive sockets would hold close() up; event streams are ended gracefully first.
    forceCloseConnections: true,
    requestTimeout,
    // Node looks for overdue requests this often (30 s by default, too coarse for the limit).
    http: {
      connectionsCheckingInterval: Math.min(1000, requestTimeout),
      headersTimeout: Math.min(60_000, requestTimeout),
    },
    routerOptions: { maxParamLength },
    clientErrorHandler,
    frameworkErrors: frameworkErrorHandler(headers, maxParamLength),
  });
  const connections = new Set<SseConnection>();

  // First, so every answer carries them, refusals and event streams included.
  app.addHook("onRequest", async (_request, reply) => {
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined) reply.raw.setHeader(name, value);
    }
  });
  registerHostAllowlist(app, options.host ?? DEFAULT_HOST, options.allowHosts ?? []);
  registerCrossSiteGuard(app);
  if (options.token) registerTokenAuth(app, options.token);

  // Only JSON bodies are accepted; any other type is a 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === "") {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      done(new ApiError(400, "INVALID_BODY", `The body is not valid JSON (${reason}).`), undefined);
    }
  });

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) return reply.status(error.statusCode).send(error.toJSON());
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const known = FASTIFY_ERRORS[error.code];
      const apiError = new ApiError(
        status,
        known?.code ?? "BAD_REQUEST",
        known?.message(error) ?? error.message,
      );
      return reply.status(status).send(apiError.toJSON());
    }
    request.log.error(error);
    if (!options.logger) console.error(error);
    return reply
      .status(500)
      .send(
        new ApiError(
          500,
          "INTERNAL_ERROR",
          "The worker hit an unexpected error; its log has the details.",
        ).toJSON(),
      );
  });

  app.get("/api/health", async () => ({ ok: true, version: VERSION }));
  agentRoutes(app, options.agents);
  pipelineRoutes(app, manager);
  runRoutes(app, manager);
  logRoutes(app, manager);
  timingRoutes(app, manager);
  openApiRoute(app);
  eventRoutes(app, manager, connections, options.sse ?? {});

  const dashboard = await serveDashboard(app, webRoot);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    if (isApiPath(request.url)) {
      if (path.split("/").some((segment) => segment.length > maxParamLength)) {
        return reply.status(414).send(pathTooLong(maxParamLength).toJSON());
      }
      return reply
        .status(404)
        .send(
          new ApiError(
            404,
            "NOT_FOUND",
            `There is no ${request.method} ${path} in the API. See GET /api/health, /api/pipelines, /api/runs.`,
          ).toJSON(),
        );
    }
    return dashboard(request, reply);
  });

  // Open event streams would keep close() waiting forever: end them, after what is queued.
  app.addHook("preClose", async () => {
    const open = [...connections];
    const ended = Promise.all(
      open.map((connection) => new Promise<void>((resolve) => connection.onClose(resolve))),
    );
    for (const connection of open) connection.end();
    const timer = setTimeout(() => {
      for (const connection of open) connection.close();
    }, CLOSE_GRACE_MS);
    await ended;
    clearTimeout(timer);
  });
  return app;
}
