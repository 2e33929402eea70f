/** Characters that some file systems refuse in a name (and spaces, for shells). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it replaces
const UNSAFE = /[\s/\\:*?"<>|\u0000-\u001f]+/g;

/** `<pipeline>-<run>.<extension>` (the run's first 8 characters), safe as a file name. */
export function exportFileName(pipeline: string, runId: string | null, extension: string): string {
  const base = pipeline.replace(UNSAFE, "-").replace(/^-+|-+$/g, "") || "pipeline";
  return `${base}${runId === null ? "" : `-${runId.slice(0, 8)}`}.${extension}`;
}
