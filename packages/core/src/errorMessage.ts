/**
 * A readable message for whatever a handler threw or rejected with. User code may throw
 * anything (null, a Symbol, an Error whose `message` getter throws, a Proxy that throws on every
 * access): this never throws, so an odd throw fails only its own attempt.
 */
export function errorMessage(thrown: unknown): string {
  try {
    return messageOf(thrown);
  } catch {
    return "a thrown value that could not be read";
  }
}

const UNREADABLE = Symbol("unreadable");

function messageOf(thrown: unknown): string {
  if (typeof thrown === "string") return thrown;
  if (thrown === null || thrown === undefined) return `threw ${String(thrown)}`;
  if (typeof thrown === "symbol") return `threw ${thrown.toString()}`;
  if (typeof thrown !== "object" && typeof thrown !== "function") return String(thrown);
  const message = read(() => (thrown as { message?: unknown }).message);
  if (typeof message === "string" && message !== "") return message;
  if (read(() => thrown instanceof Error) === true) {
    const name = read(() => (thrown as Error).name);
    const label = typeof name === "string" && name !== "" ? name : "Error";
    if (message === UNREADABLE) return `${label} (its message could not be read)`;
    if (message === undefined || message === "") return label;
    return `${label}: ${describe(message)}`;
  }
  if (message !== UNREADABLE && message !== undefined && message !== "") return describe(message);
  return describe(thrown);
}

/** A value that is not a string, as text: its own string form when it has one, else its JSON. */
function describe(value: unknown): string {
  if (typeof value === "symbol") return value.toString();
  if (typeof value !== "object" || value === null) return String(value);
  const text = read(() => String(value));
  if (typeof text === "string" && text !== "[object Object]") return text;
  const json = read(() => JSON.stringify(value));
  if (typeof json === "string") return json;
  return "an object that could not be read";
}

function read<T>(get: () => T): T | typeof UNREADABLE {
  try {
    return get();
  } catch {
    return UNREADABLE;
  }
}
