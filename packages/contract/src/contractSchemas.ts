import { z } from "zod";

/**
 * Every named schema of the contract, by its OpenAPI component name. Registering a schema here
 * is what makes it a `#/components/schemas/<id>` of the API's OpenAPI document.
 */
export const contractSchemas = z.registry<{ id: string; description?: string }>();

/** Any schema of the contract, producing a `T` (so clients need not import zod to name one). */
export type ContractSchema<T> = z.ZodType<T>;
