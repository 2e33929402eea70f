/** One field of a start form generated from a pipeline's inputs JSON Schema. */
export interface InputField {
  readonly name: string;
  readonly kind: "text" | "number" | "boolean" | "json";
  readonly required: boolean;
  readonly description: string;
  /** The field's text as first shown: the schema's default, or empty. */
  readonly initial: string;
}

interface PropertySchema {
  readonly type?: unknown;
  readonly default?: unknown;
  readonly description?: unknown;
}

/** The form's fields, in the schema's order; pure. */
export function inputFieldsOf(schema: Readonly<Record<string, unknown>> | undefined): InputField[] {
  const properties = (schema?.properties ?? {}) as Record<string, PropertySchema>;
  const required = new Set(Array.isArray(schema?.required) ? (schema.required as string[]) : []);
  return Object.entries(properties).map(([name, property]) => {
    const kind =
      property.type === "string"
        ? "text"
        : property.type === "number" || property.type === "integer"
          ? "number"
          : property.type === "boolean"
            ? "boolean"
            : "json";
    const fallback = property.default;
    const initial =
      fallback === undefined ? "" : kind === "text" ? String(fallback) : JSON.stringify(fallback);
    return {
      name,
      kind,
      // A field with a default may be left as it is.
      required: required.has(name) && fallback === undefined,
      description: typeof property.description === "string" ? property.description : "",
      initial,
    };
  });
}

/** The inputs to send from the fields' texts: empty optional fields are left out; pure. */
export function inputsFromFields(
  fields: readonly InputField[],
  texts: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const field of fields) {
    const text = texts[field.name] ?? field.initial;
    if (field.kind === "boolean") {
      inputs[field.name] = text === "true";
    } else if (text.trim() === "") {
    } else if (field.kind === "text") {
      inputs[field.name] = text;
    } else if (field.kind === "number") {
      // A number field that is not a number goes as text: the worker names the field.
      inputs[field.name] = Number.isFinite(Number(text)) ? Number(text) : text;
    } else {
      try {
        inputs[field.name] = JSON.parse(text);
      } catch {
        inputs[field.name] = text;
      }
    }
  }
  return inputs;
}
