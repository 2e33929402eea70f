import { useId } from "react";
import type { InputField } from "./inputFields";

/** The start form's inputs, one labelled control per field of the pipeline's schema. */
export function InputFields({
  fields,
  texts,
  onChange,
}: {
  readonly fields: readonly InputField[];
  readonly texts: Readonly<Record<string, string>>;
  readonly onChange: (name: string, text: string) => void;
}) {
  const id = useId();
  if (fields.length === 0) return null;
  return (
    <fieldset
      data-testid="run-inputs-form"
      className="flex flex-wrap items-center justify-end gap-3"
    >
      <legend className="sr-only">Inputs</legend>
      {fields.map((field) => {
        const text = texts[field.name] ?? field.initial;
        const fieldId = `${id}-${field.name}`;
        return field.kind === "boolean" ? (
          <label
            key={field.name}
            className="flex items-center gap-2 text-slate-600 text-sm dark:text-slate-300"
          >
            <input
              type="checkbox"
              data-testid={`run-input-${field.name}`}
              checked={text === "true"}
              onChange={(event) => onChange(field.name, String(event.target.checked))}
              className="size-4 rounded border-slate-300 accent-sky-600"
            />
            <span title={field.description}>{field.name}</span>
          </label>
        ) : (
          <label
            key={field.name}
            htmlFor={fieldId}
            title={field.description}
            className="flex items-center gap-2 text-slate-600 text-sm dark:text-slate-300"
          >
            {field.name}
            {field.required ? <span aria-hidden="true">*</span> : null}
            <input
              id={fieldId}
              data-testid={`run-input-${field.name}`}
              type="text"
              inputMode={field.kind === "number" ? "decimal" : undefined}
              autoComplete="off"
              required={field.required}
              placeholder={field.kind === "json" ? "JSON" : undefined}
              value={text}
              onChange={(event) => onChange(field.name, event.target.value)}
              className="w-36 rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm outline-none focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 dark:border-slate-700 dark:bg-slate-900"
            />
          </label>
        );
      })}
    </fieldset>
  );
}
