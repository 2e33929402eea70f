import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";

/**
 * A path given on the command line. `pnpm milo` runs in the repository root, so a relative
 * path that does not exist there is also tried from where the user typed it (INIT_CWD).
 */
export function resolveUserPath(path: string): string {
  if (isAbsolute(path)) return path;
  const fromHere = resolve(path);
  const typedIn = process.env.INIT_CWD;
  if (existsSync(fromHere) || typedIn === undefined) return fromHere;
  const fromTyped = resolve(typedIn, path);
  return existsSync(fromTyped) ? fromTyped : fromHere;
}
