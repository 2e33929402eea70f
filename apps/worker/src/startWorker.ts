import type { AddressInfo } from "node:net";
import type { Clock, PhaseExecutor, Pipeline } from "@milo/core";
import type { FastifyInstance } from "fastify";
import { AgentExecutor } from "./agents/AgentExecutor";
import type { AgentFleet } from "./agents/AgentFleet";
import { createServer } from "./createServer";
import { DEFAULT_HOST, DEFAULT_PORT } from "./defaults";
import { RunDatabase } from "./RunDatabase";
import { RunManager } from "./RunManager";
import { resolveToken } from "./security/resolveToken";
import type { SseConnectionOptions } from "./sse";

export interface WorkerOptions {
  readonly pipelines: readonly Pipeline[];
  readonly dbFile: string;
  readonly host?: string;
  /** 0 picks a free port. Default 4400. */
  readonly port?: number;
  readonly webRoot?: string | null;
  readonly sse?: SseConnectionOptions;
  readonly executor?: PhaseExecutor;
  /** A completed phase's value is kept for re-runs when its JSON is at most this long (1 MiB). */
  readonly maxResultBytes?: number;
  /** Agents that run the phases (closed with the worker); without them, `executor` or in process. */
  readonly agents?: AgentFleet;
  readonly clock?: Clock;
  readonly logger?: boolean;
  /** More names than loopback and `host` that the worker answers to (the Host header). */
  readonly allowHosts?: readonly string[];
  /**
   * A token every request must carry. Without one, a worker on a non-loopback host makes one
   * up (see `Worker.token`); on loopback none is required.
   */
  readonly token?: string;
  readonly requestTimeoutMs?: number;
}

export interface Worker {
  /** Where it listens, e.g. http://127.0.0.1:4400 (the real port when 0 was asked for). */
  readonly url: string;
  readonly app: FastifyInstance;
  readonly manager: RunManager;
  readonly db: RunDatabase;
  /** The token requests must carry, or null when none is needed. */
  readonly token: string | null;
  /** True when the worker made the token up, so it must be shown. */
  readonly tokenGenerated: boolean;
  /** The dashboard's address; with `?token=…` when one is needed, so it opens in one click. */
  readonly dashboardUrl: string;
  /** Where phases run, when not in this process. */
  readonly agents: AgentFleet | undefined;
  /** Cancels live runs (recording it), closes every stream and the database. */
  close(): Promise<void>;
}

/** Opens the history, ends the runs a previous worker left running, and starts listening. */
export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const db = new RunDatabase(options.dbFile);
  let app: FastifyInstance | undefined;
  try {
    const manager = new RunManager({
      db,
      pipelines: options.pipelines,
      executor: options.executor ?? (options.agents && new AgentExecutor(options.agents)),
      clock: options.clock,
      maxResultBytes: options.maxResultBytes,
    });
    const host = options.host ?? DEFAULT_HOST;
    const { token, generated } = resolveToken(host, options.token);
    app = await createServer({
      host,
      allowHosts: options.allowHosts,
      token,
      requestTimeoutMs: options.requestTimeoutMs,
      manager,
      webRoot: options.webRoot,
      sse: options.sse,
      logger: options.logger,
      agents: options.agents,
    });
    await app.listen({ host, port: options.port ?? DEFAULT_PORT });
    const { port } = app.server.address() as AddressInfo;
    const shownHost = host === "0.0.0.0" || host === "::" ? "localhost" : host;
    const server = app;
    let closing: Promise<void> | null = null;
    const url = `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${port}`;
    return {
      url,
      token,
      tokenGenerated: generated,
      dashboardUrl: token === null ? `${url}/` : `${url}/?token=${encodeURIComponent(token)}`,
      app,
      manager,
      db,
      agents: options.agents,
      close() {
        closing ??= (async () => {
          await manager.close();
          await options.agents?.close();
          await server.close();
          db.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await app?.close();
    await options.agents?.close();
    db.close();
    throw error;
  }
}
