import type { FastifyInstance } from "fastify";
import { ApiError } from "../ApiError";
import type { AgentFleet } from "../agents/AgentFleet";

/**
 * GET /api/agents: the agents running phases, and the attempts waiting for one. While the fleet
 * cannot take work (Redis is down), starting a run answers 503 saying why; history still serves.
 */
/** The routes that start a run. */
const RUN_STARTS = ["/api/pipelines/:name/runs", "/api/runs/:id/rerun"];

export function agentRoutes(app: FastifyInstance, fleet: AgentFleet | undefined): void {
  app.get("/api/agents", async () =>
    fleet === undefined
      ? { mode: "in-process", agents: [], queued: 0, waiting: [], unavailable: null }
      : fleet.status(),
  );
  if (fleet === undefined) return;
  app.addHook("preHandler", async (request) => {
    if (request.method !== "POST" || !RUN_STARTS.includes(request.routeOptions.url ?? "")) return;
    const unavailable = fleet.status().unavailable;
    if (unavailable !== null) {
      throw new ApiError(503, "AGENTS_UNAVAILABLE", `${unavailable} Try again once it is back.`);
    }
  });
}
