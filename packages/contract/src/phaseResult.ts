import { z } from "zod";
import { contractSchemas } from "./contractSchemas";

/**
 * Whether a completed phase's value was kept for re-runs: `stored` with its size in bytes of
 * JSON, or not, with the reason (not JSON-serializable, too large); such a phase runs again.
 */
export const phaseResultSchema = z
  .union([
    z.object({ phase: z.string(), stored: z.literal(true), bytes: z.number().int() }),
    z.object({ phase: z.string(), stored: z.literal(false), reason: z.string() }),
  ])
  .register(contractSchemas, { id: "PhaseResult" });

export type PhaseResult = z.infer<typeof phaseResultSchema>;
