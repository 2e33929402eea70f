import { errorMessage } from "./errorMessage";

/** Frames of the engine and the runtime, not of the user's handler: left out of a shown stack. */
const ENGINE_FRAME =
  /\(node:internal\/|at node:internal\/|[\\/]@milo[\\/]core[\\/]|[\\/]packages[\\/]core[\\/](src|dist)[\\/]|[\\/]apps[\\/]worker[\\/]src[\\/]agents[\\/]|[\\/]node_modules[\\/]/;
const MAX_CAUSES = 5;
const MAX_LENGTH = 16 * 1024;

/**
 * The stack of what a handler threw, trimmed to the handler's own frames, followed by its
 * `cause` chain ("Caused by: …", each with its frames), as Java and Airflow show a traceback.
 * `undefined` when there is nothing more to show than the message (a thrown string, an Error
 * made inside the engine). Like `errorMessage`, it never throws, whatever was thrown.
 */
export function errorStack(thrown: unknown): string | undefined {
  try {
    const parts: string[] = [];
    let current: unknown = thrown;
    for (let depth = 0; depth <= MAX_CAUSES && isObject(current); depth++) {
      const frames = framesOf(current);
      if (depth === 0) {
        if (frames.length > 0) parts.push(frames.join("\n"));
      } else {
        parts.push([`Caused by: ${errorMessage(current)}`, ...frames].join("\n"));
      }
      current = readCause(current);
    }
    if (parts.length === 0) return undefined;
    const text = parts.join("\n");
    return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH)}\n    …` : text;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is object {
  return (typeof value === "object" || typeof value === "function") && value !== null;
}

/**
 * The `at …` lines of a value's stack that belong to user code. "Caused by:" lines are kept too:
 * V8 never writes them, so they come from a stack made here and carried across processes.
 */
function framesOf(value: object): string[] {
  const stack = (value as { stack?: unknown }).stack;
  if (typeof stack !== "string") return [];
  return stack
    .split("\n")
    .filter(
      (line) => /^Caused by: /.test(line) || (/^\s+at /.test(line) && !ENGINE_FRAME.test(line)),
    )
    .map((line) => (line.startsWith("Caused by: ") ? line : `    ${line.trim()}`));
}

function readCause(value: object): unknown {
  try {
    return (value as { cause?: unknown }).cause;
  } catch {
    return undefined;
  }
}
