import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type InputsSchema, Phase, Pipeline, PipelineError } from "../src/index";
import { runWithFakeTime } from "./helpers";

/** A hand-made Standard JSON Schema (core depends on no schema library): `{ site: string, depth = 2 }`. */
const siteInputs: InputsSchema = {
  "~standard": {
    validate(value) {
      const given = value as Record<string, unknown>;
      if (typeof given.site !== "string") {
        return { issues: [{ message: "expected a string", path: [{ key: "site" }] }] };
      }
      return { value: { depth: 2, ...given } };
    },
    jsonSchema: {
      input: () => ({
        type: "object",
        properties: { site: { type: "string" }, depth: { type: "number", default: 2 } },
        required: ["site"],
      }),
    },
  },
};

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("a pipeline's inputs", () => {
  const seen: unknown[] = [];
  const pipeline = new Pipeline(
    "crawl",
    { inputs: siteInputs },
    new Phase("fetch", { handler: (ctx) => seen.push(ctx.inputs) }),
  );

  it("are described in the graph as JSON Schema, kept by append", () => {
    const described = {
      type: "object",
      properties: { site: { type: "string" }, depth: { type: "number", default: 2 } },
      required: ["site"],
    };
    expect(pipeline.toGraph().inputs).toEqual(described);
    expect(JSON.parse(JSON.stringify(pipeline.toGraph())).inputs).toEqual(described);
    const longer = pipeline.append(new Phase("more", { handler: () => 1 }));
    expect(longer.toGraph().inputs).toEqual(described);
    expect(
      new Pipeline("plain", new Phase("a", { handler: () => 1 })).toGraph(),
    ).not.toHaveProperty("inputs");
  });

  it("are checked with their defaults applied, naming the field on a mismatch", async () => {
    expect(await pipeline.checkInputs({ site: "a.dev" })).toEqual({
      ok: true,
      inputs: { site: "a.dev", depth: 2 },
    });
    expect(await pipeline.checkInputs({ site: 3 })).toEqual({
      ok: false,
      problems: ["inputs.site: expected a string"],
    });
    const plain = new Pipeline("plain", new Phase("a", { handler: () => 1 }));
    expect(await plain.checkInputs(undefined)).toEqual({ ok: true, inputs: {} });
    expect(await plain.checkInputs({ x: 1 })).toMatchObject({ ok: false });
  });

  it("reach every handler as ctx.inputs", async () => {
    seen.length = 0;
    await runWithFakeTime(pipeline, { inputs: { site: "b.dev", depth: 1 } });
    expect(seen).toEqual([{ site: "b.dev", depth: 1 }]);
  });

  it("must be a schema that describes itself as JSON Schema", () => {
    expect(
      () =>
        new Pipeline("bad", { inputs: {} as InputsSchema }, new Phase("a", { handler: () => 1 })),
    ).toThrow(PipelineError);
  });
});
