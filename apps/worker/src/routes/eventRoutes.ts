import { eventsQuerySchema, lastEventIdSchema } from "@milo/contract";
import type { FastifyInstance } from "fastify";
import { ApiError } from "../ApiError";
import type { RunManager } from "../RunManager";
import { DEFAULT_MAX_STREAMS_PER_CLIENT, SseConnection, type SseConnectionOptions } from "../sse";
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
  const maxStreams = options.maxStreamsPerClient ?? DEFAULT_MAX_STREAMS_PER_CLIENT;
  const streamsByClient = new Map<string, number>();
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
    const client = request.ip;
    const open = streamsByClient.get(client) ?? 0;
    if (open >= maxStreams) {
      throw new ApiError(
        429,
        "TOO_MANY_STREAMS",
        `This client already has ${open} event streams open, the most one client may hold: close some first (or start the worker with a higher --max-streams-per-client).`,
      );
    }

    reply.hijack();
    const connection = new SseConnection(reply.raw, options);
    connections.add(connection);
    streamsByClient.set(client, open + 1);
    connection.onClose(() => {
      connections.delete(connection);
      const left = (streamsByClient.get(client) ?? 1) - 1;
      if (left === 0) streamsByClient.delete(client);
      else streamsByClient.set(client, left);
    });
    try {
      await streamRunEvents(connection, manager, id, after);
    } catch (error) {
      request.log.error(error);
      connection.close();
    }
  });
}
