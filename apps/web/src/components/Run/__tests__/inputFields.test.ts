import { describe, expect, it } from "vitest";
import { inputFieldsOf, inputsFromFields } from "../inputFields";

const schema = {
  type: "object",
  properties: {
    site: { type: "string", description: "where to crawl" },
    depth: { type: "integer", default: 2 },
    strict: { type: "boolean", default: false },
    tags: { type: "array", items: { type: "string" } },
  },
  required: ["site", "depth", "strict"],
};

describe("the start form's input fields", () => {
  it("are generated from the JSON Schema with defaults", () => {
    expect(inputFieldsOf(schema)).toEqual([
      { name: "site", kind: "text", required: true, description: "where to crawl", initial: "" },
      { name: "depth", kind: "number", required: false, description: "", initial: "2" },
      { name: "strict", kind: "boolean", required: false, description: "", initial: "false" },
      { name: "tags", kind: "json", required: false, description: "", initial: "" },
    ]);
    expect(inputFieldsOf(undefined)).toEqual([]);
  });

  it("give inputs typed by the schema, leaving empty optional ones out", () => {
    const fields = inputFieldsOf(schema);
    expect(inputsFromFields(fields, { site: "a.dev", tags: '["x"]' })).toEqual({
      site: "a.dev",
      depth: 2,
      strict: false,
      tags: ["x"],
    });
    expect(inputsFromFields(fields, { depth: "deep", strict: "true" })).toEqual({
      depth: "deep",
      strict: true,
    });
  });
});
