import { z } from "zod";
import { contractSchemas } from "./contractSchemas";

/** What every failed request answers: a stable code and a message that says what to fix. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
    }),
  })
  .register(contractSchemas, { id: "ErrorBody" });

export type ErrorBody = z.infer<typeof errorBodySchema>;
