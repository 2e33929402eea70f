import { Readable } from "node:stream";
import { logsQuerySchema, logTextQuerySchema } from "@milo/contract";
import type { FastifyInstance } from "fastify";
import { ApiError } from "../ApiError";
import type { RunDatabase } from "../RunDatabase";
import type { RunManager } from "../RunManager";
import { parseQuery } from "../validation";
import { runNotFound } from "./runRoutes";

type RunParams = { Params: { id: string } };

/** A phase's log: paged and searched as JSON, or downloaded whole as text. */
export function logRoutes(app: FastifyInstance, manager: RunManager): void {
  const db = manager.db;

  app.get<RunParams>("/api/runs/:id/logs", async (request) => {
    const { id } = request.params;
    const query = parseQuery(logsQuerySchema, request.query);
    const phase = requirePhase(db, id, query.phase);
    const page = { after: query.after ?? 0, offset: query.offset ?? 0, limit: query.limit ?? 1000 };
    if (query.q === undefined && query.stream === undefined) {
      return { lines: db.listLogs(id, phase, page), total: db.countLogs(id, phase) };
    }
    return db.searchLogs(id, phase, { text: query.q, stream: query.stream }, page);
  });

  app.get<RunParams>("/api/runs/:id/logs.txt", async (request, reply) => {
    const { id } = request.params;
    const query = parseQuery(logTextQuerySchema, request.query);
    const phase = requirePhase(db, id, query.phase);
    const file = `${id}-${phase}.log`;
    return reply
      .type("text/plain; charset=utf-8")
      .header(
        "content-disposition",
        `attachment; filename="${file.replace(/[^\w.-]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(file)}`,
      )
      .send(Readable.from(linesOf(db.iterateLogs(id, phase))));
  });
}

/** The log as text, one line each, in chunks so a long log streams without being held whole. */
function* linesOf(entries: Iterable<{ line: string }>): Generator<string> {
  let chunk = "";
  for (const entry of entries) {
    chunk += `${entry.line}\n`;
    if (chunk.length >= 64 * 1024) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk !== "") yield chunk;
}

/** The phase named by ?phase=, checked against the run's graph. */
function requirePhase(db: RunDatabase, runId: string, phase: string | undefined): string {
  const graph = db.getGraph(runId);
  if (graph === undefined) throw runNotFound(runId);
  const phases = graph.phases.map((each) => each.name);
  if (phase === undefined) {
    throw new ApiError(
      400,
      "INVALID_QUERY",
      `Say which phase's logs to read with ?phase=NAME (phases of this run: ${listNames(phases)}).`,
    );
  }
  if (!phases.includes(phase)) {
    throw new ApiError(
      400,
      "INVALID_QUERY",
      `This run has no phase "${phase}" (phases: ${listNames(phases)}).`,
    );
  }
  return phase;
}

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 20).join(", ");
  return names.length > 20 ? `${shown}, and ${names.length - 20} more` : shown;
}
