import { startRunBodySchema } from "@milo/contract";
import type { FastifyInstance } from "fastify";
import { ApiError } from "../ApiError";
import type { RunManager } from "../RunManager";
import { parseBody } from "../validation";

export function pipelineNotFound(manager: RunManager, name: string): ApiError {
  const names = manager.pipelineGraphs().map((graph) => graph.name);
  return new ApiError(
    404,
    "PIPELINE_NOT_FOUND",
    `No pipeline named "${name}". Loaded pipelines: ${names.length > 0 ? names.join(", ") : "none (start the worker with --pipelines PATH)"}.`,
  );
}

export function pipelineRoutes(app: FastifyInstance, manager: RunManager): void {
  app.get("/api/pipelines", async () => manager.pipelineGraphs());

  app.get<{ Params: { name: string } }>("/api/pipelines/:name", async (request) => {
    const graph = manager.pipelineGraph(request.params.name);
    if (graph === undefined) throw pipelineNotFound(manager, request.params.name);
    return graph;
  });

  app.post<{ Params: { name: string } }>("/api/pipelines/:name/runs", async (request, reply) => {
    const { name } = request.params;
    if (!manager.hasPipeline(name)) throw pipelineNotFound(manager, name);
    // No body at all means default options.
    const options = parseBody(startRunBodySchema, request.body === undefined ? {} : request.body);
    const inputs = await manager.checkInputs(name, options.inputs);
    return reply.status(201).send(manager.startRun(name, { ...options, inputs }));
  });
}
