import { z } from "zod";
import { contractSchemas } from "./contractSchemas";

/** How a re-run chose what to run again. */
export const rerunModeSchema = z
  .enum(["start", "failure", "phases"])
  .register(contractSchemas, { id: "RerunMode" });

/**
 * `POST /api/runs/:id/rerun`: `{ from: "start" }` runs everything again with the same options and
 * inputs; `{ from: "failure" }` reuses every phase that completed and runs the rest; `{ phases,
 * downstream }` runs those phases (and, with `downstream`, all that depends on them), reusing the rest.
 */
export const rerunBodySchema = z
  .union(
    [
      z.strictObject({
        from: z.enum(["start", "failure"], { error: 'from must be "start" or "failure"' }),
      }),
      z.strictObject({
        phases: z
          .array(z.string({ error: "phases must be phase names" }), {
            error: "phases must be an array of phase names",
          })
          .min(1, { error: "phases must name at least one phase" }),
        downstream: z.boolean({ error: "downstream must be true or false" }).optional(),
      }),
    ],
    {
      error:
        'Send { "from": "start" }, { "from": "failure" } or { "phases": [names], "downstream": true|false }.',
    },
  )
  .register(contractSchemas, { id: "RerunBody" });

/** The source of a re-run, on the new run's summary. */
export const rerunOfSchema = z
  .object({ runId: z.string(), mode: rerunModeSchema })
  .register(contractSchemas, { id: "RerunOf" });

export type RerunBody = z.infer<typeof rerunBodySchema>;
export type RerunMode = z.infer<typeof rerunModeSchema>;
export type RerunOf = z.infer<typeof rerunOfSchema>;
