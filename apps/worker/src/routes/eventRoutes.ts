import { eventsQuerySchema, lastEventIdSchema } from "@milo/contract";
import type { FastifyInstance } from "fastify";
import { ApiError } from "../ApiError";
import type { RunManager } from "../RunManager";
import { SseConnection, type SseConnectionOptions } from "../sse";
import { streamRunEvents } from "../streamRunEvents";
import { parseQuery } from "../validation";
import { runNotFound } from "./runRoutes";

/** GET /api/runs/:id/events: the run's actions as Server-Sent Events. */
export function eventRoutes(
  app: FastifyInstance,
  manager: RunManager,
  connections: Set<SseConnection>,
  options: SseConnectionOptions,
): void {
  app.get<{ Params: { id: string } }>("/api/runs/:id/events", async (request, reply) => {
    const { id } = request.params;
    const query = parseQuery(eventsQuerySchema, request.query);
    const header = request.headers["last-event-id"];
    let after = query.after ?? 0;
    if (header !== undefined && header !== "") {
      const parsed = lastEventIdSchema.safeParse(header);
      if (!parsed.success) {
        throw new ApiError(
          400,
          "INVALID_HEADER",
          "Last-Event-ID must be the whole-number id of the last event received.",
        );
      }
      // On a reconnect the header is newer than the URL's ?after=.
      after = parsed.data;
    }
    if (manager.summary(id) === undefined) throw runNotFound(id);

    reply.hijack();
    const connection = new SseConnection(reply.raw, options);
    connections.add(connection);
    connection.onClose(() => connections.delete(connection));
    try {
      await streamRunEvents(connection, manager, id, after);
    } catch (error) {
      request.log.error(error);
      connection.close();
    }
  });
}
