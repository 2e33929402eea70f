import { describe, expect, test } from "vitest";
import { API_ROUTES, openApiDocument } from "../src/index";

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === "$ref" && typeof item === "string") found.push(item);
      else refsIn(item, found);
    }
  }
  return found;
}

describe("openApiDocument", () => {
  const document = openApiDocument("1.2.3") as {
    openapi: string;
    info: { version: string };
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    components: { schemas: Record<string, unknown> };
  };

  test("is OpenAPI 3.1 with one operation per route", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.info.version).toBe("1.2.3");
    for (const route of API_ROUTES) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(Object.keys(operation!.responses)).toContain(String(route.status));
    }
  });

  test("every $ref points at a component that exists", () => {
    const refs = refsIn(document);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      const id = ref.replace("#/components/schemas/", "");
      expect(document.components.schemas[id], ref).toBeDefined();
    }
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(["RunDetail", "RunSummary", "ErrorBody", "RecordedAction"]),
    );
  });

  test("round-trips through JSON unchanged", () => {
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
  });

  test("describes query parameters from the schemas' input side", () => {
    const runs = document.paths["/api/runs"]!.get as unknown as {
      parameters: { name: string; in: string; required: boolean; schema: { pattern?: string } }[];
    };
    const limit = runs.parameters.find((parameter) => parameter.name === "limit");
    expect(limit).toMatchObject({ in: "query", required: false });
    expect(limit!.schema.pattern).toBe("^\\d{1,16}$");
  });
});
