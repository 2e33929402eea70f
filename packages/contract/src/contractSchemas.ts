import { z } from "zod";

/**
 * Every named schema of the contract, by its OpenAPI component name. Registering a schema here
 * is what makes it a `#/components/schemas/<id>` of the API's OpenAPI document.
 */
export const contractSchemas = z.registry<{ id: string; description?: string }>();
