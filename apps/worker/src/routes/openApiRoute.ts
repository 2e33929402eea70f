import { openApiDocument } from "@milo/contract";
import type { FastifyInstance } from "fastify";
import { VERSION } from "../version";

/** GET /api/openapi.json: the API's description, generated from the contract's schemas. */
export function openApiRoute(app: FastifyInstance): void {
  const document = openApiDocument(VERSION);
  app.get("/api/openapi.json", async () => document);
}
