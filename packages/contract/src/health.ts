import { z } from "zod";
import { contractSchemas } from "./contractSchemas";

export const healthSchema = z
  .object({ ok: z.boolean(), version: z.string() })
  .register(contractSchemas, { id: "Health" });

export type Health = z.infer<typeof healthSchema>;
