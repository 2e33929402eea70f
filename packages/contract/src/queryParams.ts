import { z } from "zod";

/** A query value that must be a whole number in [min, max]; parsed to a number. */
export function wholeNumberParam(name: string, min: number, max: number) {
  const message = `${name} must be a whole number from ${min} to ${max}`;
  return z
    .string({ error: `${name} must be given once, as a whole number` })
    .regex(/^\d{1,16}$/, { error: message })
    .transform(Number)
    .refine((value) => value >= min && value <= max, { error: message });
}

/** A query value given once, as text. */
export function textParam(name: string) {
  return z.string({ error: `${name} must be given once` });
}
