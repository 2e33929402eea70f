import {
  actionsQuerySchema,
  rerunBodySchema,
  runStateQuerySchema,
  runsQuerySchema,
} from "@milo/contract";
import type { FastifyInstance } from "fastify";
import { ApiError } from "../ApiError";
import { loadRunStateAt } from "../loadRunState";
import type { RunManager } from "../RunManager";
import { parseBody, parseQuery } from "../validation";

type RunParams = { Params: { id: string } };

export function runNotFound(id: string): ApiError {
  return new ApiError(
    404,
    "RUN_NOT_FOUND",
    `No run with id "${id}". List the runs with GET /api/runs.`,
  );
}

export function runRoutes(app: FastifyInstance, manager: RunManager): void {
  const db = manager.db;

  app.get("/api/runs", async (request) => {
    const query = parseQuery(runsQuerySchema, request.query);
    let beforeNumber: number | undefined;
    if (query.before !== undefined) {
      beforeNumber = db.runNumber(query.before);
      if (beforeNumber === undefined) {
        throw new ApiError(
          400,
          "INVALID_QUERY",
          `before="${query.before}" is not the id of a run: pass the nextBefore of the previous page.`,
        );
      }
    }
    return manager.listRuns({
      pipeline: query.pipeline,
      status: query.status,
      limit: query.limit ?? 20,
      beforeNumber,
    });
  });

  app.get<RunParams>("/api/runs/:id", async (request) => {
    const detail = manager.runDetail(request.params.id);
    if (detail === undefined) throw runNotFound(request.params.id);
    return detail;
  });

  app.get<RunParams>("/api/runs/:id/actions", async (request) => {
    const { id } = request.params;
    const query = parseQuery(actionsQuerySchema, request.query);
    if (db.runNumber(id) === undefined) throw runNotFound(id);
    return {
      actions: db.listActions(id, query.after ?? 0, query.limit ?? 1000),
      lastSeq: db.lastSeq(id),
    };
  });

  app.get<RunParams>("/api/runs/:id/state", async (request) => {
    const { id } = request.params;
    const { at } = parseQuery(runStateQuerySchema, request.query);
    if (db.runNumber(id) === undefined) throw runNotFound(id);
    const lastSeq = db.lastSeq(id);
    if (at > lastSeq) {
      throw new ApiError(
        400,
        "INVALID_QUERY",
        `at=${at} is after the run's last action: pass a seq from 0 (before the first action) to ${lastSeq}.`,
      );
    }
    const moment = loadRunStateAt(db, id, at)!;
    return { ...moment, lastSeq };
  });

  app.post<RunParams>("/api/runs/:id/cancel", async (request, reply) => {
    const result = manager.cancelRun(request.params.id);
    if (result.outcome === "not-found") throw runNotFound(request.params.id);
    if (result.outcome === "not-running") {
      throw new ApiError(
        409,
        "RUN_NOT_RUNNING",
        `Run "${request.params.id}" is not running (it is ${result.run.status}); only a running run can be cancelled.`,
      );
    }
    return reply.status(202).send(result.run);
  });

  app.post<RunParams>("/api/runs/:id/rerun", async (request, reply) => {
    const body = parseBody(rerunBodySchema, request.body ?? {});
    return reply.status(201).send(manager.rerun(request.params.id, body));
  });
}
