import { z } from "zod";
import { contractSchemas } from "./contractSchemas";

/** `POST /api/pipelines/:name/runs`: options of the new run (no body means the defaults). */
export const startRunBodySchema = z
  .strictObject({
    concurrency: z
      .number({ error: "concurrency must be a number" })
      .int({ error: "concurrency must be a whole number" })
      .min(1, { error: "concurrency must be 1 or more" })
      .max(1_000_000, { error: "concurrency must be at most 1000000" })
      .optional(),
    failFast: z.boolean({ error: "failFast must be true or false" }).optional(),
    /** The run's inputs, checked against the pipeline's `inputs` schema (see its graph). */
    inputs: z
      .record(z.string(), z.unknown(), {
        error: 'inputs must be an object of named values, e.g. {"site": "example.com"}',
      })
      .optional(),
  })
  .register(contractSchemas, { id: "StartRunBody" });

export type StartRunBody = z.infer<typeof startRunBodySchema>;
