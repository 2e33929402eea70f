import { readdirSync, statSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Phase, type PhaseOptions, Pipeline } from "@milo/core";

export const PIPELINE_EXTENSIONS: readonly string[] = [".ts", ".mts", ".js", ".mjs"];

/** The module a pipeline's own subfolder is loaded from. */
const SUBFOLDER_ENTRIES: readonly string[] = ["pipeline", "index"].flatMap((base) =>
  PIPELINE_EXTENSIONS.map((extension) => `${base}${extension}`),
);

/** A pipeline file or folder that cannot be used; the message says why and what to do. */
export class LoadError extends Error {
  override readonly name = "LoadError";
}

export interface LoadedPipelines {
  readonly pipelines: Pipeline[];
  /** Problems that did not stop loading (a broken module in a folder, a duplicate name). */
  readonly warnings: string[];
}

/**
 * Loads every pipeline exported by the given files and folders (a folder: each pipeline module
 * directly inside it, and each subfolder's `pipeline.ts` or `index.ts`, the layout of a pipeline
 * that keeps its own files beside it). A named file that cannot be used is an error; in a folder it is a warning,
 * so one broken module does not take the others down.
 */
export async function loadPipelines(paths: readonly string[]): Promise<LoadedPipelines> {
  const pipelines: Pipeline[] = [];
  const warnings: string[] = [];
  const sourceOf = new Map<string, string>();
  const add = (found: readonly Pipeline[], file: string) => {
    for (const pipeline of found) {
      const earlier = sourceOf.get(pipeline.name);
      if (earlier !== undefined) {
        warnings.push(
          `Pipeline "${pipeline.name}" in ${file} was ignored: ${earlier} already defines a pipeline of that name. Rename one of them.`,
        );
        continue;
      }
      sourceOf.set(pipeline.name, file);
      pipelines.push(pipeline);
    }
  };
  for (const path of paths) {
    const absolute = resolve(path);
    const stats = statOrNull(absolute);
    if (stats === null) {
      throw new LoadError(`No such file or folder: ${path}`);
    }
    if (!stats.isDirectory()) {
      const found = await loadPipelineModule(absolute, path);
      if (found.length === 0) throw new LoadError(noPipelineMessage(path));
      add(found, path);
      continue;
    }
    const files = readdirSync(absolute, { withFileTypes: true })
      .flatMap((entry) => {
        if (entry.isFile()) return isPipelineFileName(entry.name) ? [entry.name] : [];
        if (!entry.isDirectory() || entry.name.startsWith(".") || entry.name === "node_modules") {
          return [];
        }
        const entryFile = readdirSync(join(absolute, entry.name)).find((name) =>
          SUBFOLDER_ENTRIES.includes(name),
        );
        return entryFile ? [join(entry.name, entryFile)] : [];
      })
      .sort();
    const before = pipelines.length;
    for (const name of files) {
      const file = join(absolute, name);
      try {
        add(await loadPipelineModule(file), file);
      } catch (error) {
        warnings.push(error instanceof Error ? error.message : String(error));
      }
    }
    if (pipelines.length === before) {
      warnings.push(`No pipeline found in the folder ${path}.`);
    }
  }
  return { pipelines, warnings };
}

/** Imports one module and returns the pipelines it exports (in export order, each once). */
export async function loadPipelineModule(path: string, shownAs = path): Promise<Pipeline[]> {
  const file = shownAs;
  const absolute = resolve(path);
  const stats = statOrNull(absolute);
  if (stats === null) {
    throw new LoadError(`No such file: ${file} (looked for ${absolute}).`);
  }
  if (!stats.isFile()) {
    throw new LoadError(`${file} is not a file: give the path of a pipeline module.`);
  }
  if (!PIPELINE_EXTENSIONS.includes(extname(absolute))) {
    throw new LoadError(
      `Cannot load ${file}: a pipeline module must end in ${PIPELINE_EXTENSIONS.join(", ")}.`,
    );
  }
  let exports: Record<string, unknown>;
  try {
    exports = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (error) {
    throw new LoadError(`Could not load ${file}: ${describeError(error)}`);
  }
  const seen = new Set<unknown>();
  const pipelines: Pipeline[] = [];
  for (const [exportName, value] of Object.entries(exports)) {
    if (seen.has(value) || !isPipelineLike(value)) continue;
    seen.add(value);
    try {
      pipelines.push(adoptPipeline(value));
    } catch (error) {
      throw new LoadError(
        `The export "${exportName}" of ${file} is not a valid pipeline: ${describeError(error)}`,
      );
    }
  }
  return pipelines;
}

/** The message for a module with no pipeline export. */
export function noPipelineMessage(file: string): string {
  return (
    `${file} exports no pipeline. Export one built with @milo/core, e.g.\n` +
    `  export const build = new Pipeline("build", new Phase("compile", { handler: async (ctx) => {} }));`
  );
}

interface PhaseLike {
  readonly name: string;
  readonly handler: PhaseOptions["handler"];
  readonly dependsOn: readonly string[];
  readonly parallel?: boolean;
  readonly weight?: number;
  readonly description?: string;
  readonly policy?: PhaseOptions["policy"];
  readonly maxLogLines?: number;
}

interface PipelineLike {
  readonly name: string;
  readonly phases: readonly PhaseLike[];
  readonly toGraph: () => unknown;
}

/**
 * Recognises a pipeline by its shape: a user's module may resolve its own copy of @milo/core,
 * whose classes are not the worker's.
 */
export function isPipelineLike(value: unknown): value is PipelineLike {
  if (value instanceof Pipeline) return true;
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<PipelineLike>;
  return (
    typeof candidate.name === "string" &&
    typeof candidate.toGraph === "function" &&
    Array.isArray(candidate.phases) &&
    candidate.phases.every(isPhaseLike)
  );
}

function isPhaseLike(value: unknown): value is PhaseLike {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<PhaseLike>;
  return (
    typeof candidate.name === "string" &&
    typeof candidate.handler === "function" &&
    Array.isArray(candidate.dependsOn)
  );
}

/** The same pipeline built from this worker's @milo/core classes. */
function adoptPipeline(value: PipelineLike): Pipeline {
  if (value instanceof Pipeline) return value;
  // A phase's fields are its options: rebuilding validates them as this worker's core sees them.
  const phases = value.phases.map((phase) => new Phase(phase.name, phase));
  return new Pipeline(value.name, ...phases);
}

function isPipelineFileName(name: string): boolean {
  return (
    !name.startsWith(".") && !name.endsWith(".d.ts") && PIPELINE_EXTENSIONS.includes(extname(name))
  );
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
