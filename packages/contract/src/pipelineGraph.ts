import { z } from "zod";
import { contractSchemas } from "./contractSchemas";

export const phaseGraphSchema = z
  .object({
    name: z.string(),
    dependsOn: z.array(z.string()),
    parallel: z.boolean(),
    weight: z.number(),
    description: z.string(),
    maxLogLines: z.number().int().optional(),
    /** The group the dashboard folds the phase into, when it has one. */
    group: z.string().min(1, "a phase's group must be a non-empty string, or left out").optional(),
  })
  .register(contractSchemas, { id: "PhaseGraph" });

/** A pipeline's graph: its phases in declaration order, all a browser needs to rebuild a run. */
export const pipelineGraphSchema = z
  .object({
    name: z.string(),
    phases: z.array(phaseGraphSchema),
    /** The JSON Schema of the run's inputs, when the pipeline declares them. */
    inputs: z.record(z.string(), z.unknown()).optional(),
  })
  .register(contractSchemas, { id: "PipelineGraph" });

export const pipelineListSchema = z
  .array(pipelineGraphSchema)
  .register(contractSchemas, { id: "PipelineList" });
