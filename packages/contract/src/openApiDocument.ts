import { z } from "zod";
import { API_ROUTES, type ApiRoute } from "./apiRoutes";
import { contractSchemas } from "./contractSchemas";
import { errorBodySchema } from "./errorBody";
import { recordedActionSchema } from "./recordedAction";
import { runEndEventSchema } from "./runEvents";

type JsonObject = Record<string, unknown>;

const COMPONENTS = "#/components/schemas/";

const ERROR_TEXT: Record<number, string> = {
  400: "Bad input: the message says what is wrong and how to fix it",
  404: "No such pipeline or run",
  409: "The run is not in a state that allows this",
  429: "This client holds as many open event streams as one client may",
  503: "The worker cannot take new runs now (its agents are unavailable)",
};

/**
 * The API's OpenAPI 3.1 description, generated from the same zod schemas the worker validates
 * with and the dashboard checks responses with, so outside clients can generate one of their own.
 */
export function openApiDocument(version: string): JsonObject {
  // The event stream's payloads are components too, though no JSON route answers them.
  void [recordedActionSchema, runEndEventSchema];
  const { schemas } = z.toJSONSchema(contractSchemas, {
    target: "draft-2020-12",
    uri: (id) => `${COMPONENTS}${id}`,
  });
  const components: JsonObject = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $id: _id, $schema: _schema, ...rest } = schema as JsonObject;
    components[id] = rest;
  }
  const paths: Record<string, JsonObject> = {};
  for (const route of API_ROUTES) {
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Milo worker API",
      version,
      description:
        "Pipelines, runs and their recorded actions. Every error is `{ error: { code, message } }`.",
    },
    paths,
    components: { schemas: components },
  };
}

function operation(route: ApiRoute): JsonObject {
  const parameters = [
    ...pathParameters(route.path),
    ...queryParameters(route.query),
    ...(route.path.endsWith("/events")
      ? [
          {
            name: "Last-Event-ID",
            in: "header",
            required: false,
            description: "The id of the last event received; wins over ?after=",
            schema: { type: "string", pattern: "^\\d{1,16}$" },
          },
        ]
      : []),
  ];
  const responses: JsonObject = {
    [String(route.status)]: {
      description: route.summary,
      content: successContent(route),
    },
  };
  for (const status of [400, ...(route.errors ?? [])]) {
    responses[String(status)] = {
      description: ERROR_TEXT[status] ?? "Error",
      content: { "application/json": { schema: ref(errorBodySchema) } },
    };
  }
  return {
    summary: route.summary,
    operationId: operationId(route),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: false,
            content: { "application/json": { schema: ref(route.body) } },
          },
        }
      : {}),
    responses,
  };
}

function successContent(route: ApiRoute): JsonObject {
  if (route.response !== null) return { "application/json": { schema: ref(route.response) } };
  if (route.path.endsWith("/events")) {
    return {
      "text/event-stream": {
        schema: { type: "string" },
        // The data of each named event, as components.
        "x-events": {
          action: ref(recordedActionSchema),
          end: ref(runEndEventSchema),
        },
      },
    };
  }
  return { "application/json": { schema: { type: "object" } } };
}

function ref(schema: z.ZodType): JsonObject {
  const id = contractSchemas.get(schema)?.id;
  if (id === undefined) throw new Error("Every route's body and response must be registered.");
  return { $ref: `${COMPONENTS}${id}` };
}

function pathParameters(path: string): JsonObject[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((match) => ({
    name: match[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
}

function queryParameters(query: z.ZodObject | undefined): JsonObject[] {
  if (query === undefined) return [];
  return Object.entries(query.shape).map(([name, schema]) => {
    const { $schema: _schema, ...json } = z.toJSONSchema(schema as z.ZodType, { io: "input" });
    return {
      name,
      in: "query",
      required: !(schema as z.ZodType).safeParse(undefined).success,
      schema: json,
    };
  });
}

function operationId(route: ApiRoute): string {
  const words = route.path
    .replace(/^\/api\//, "")
    .split(/[/.]/)
    .filter((word) => word !== "")
    .map((word) => (word.startsWith("{") ? `by-${word.slice(1, -1)}` : word));
  return [route.method.toLowerCase(), ...words]
    .join("-")
    .replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
}
