import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type Pipeline, toDot, toMermaid, toSvg } from "@milo/core";
import { UsageError } from "../UsageError";
import { choosePipeline } from "./run";

export const GRAPH_FORMATS = ["mermaid", "svg", "dot", "json"] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export interface GraphCommandOptions {
  readonly pipeline?: string;
  /** One of `GRAPH_FORMATS` (default mermaid); checked here so a typo gets one clear line. */
  readonly format?: string;
  /** Write here instead of stdout. */
  readonly out?: string;
}

const RENDER: Readonly<Record<GraphFormat, (pipeline: Pipeline) => string>> = {
  mermaid: (pipeline) => toMermaid(pipeline.toGraph()),
  svg: (pipeline) => toSvg(pipeline.toGraph()),
  dot: (pipeline) => toDot(pipeline.toGraph()),
  json: (pipeline) => `${JSON.stringify(pipeline.toGraph(), null, 2)}\n`,
};

/** `milo graph <file>`: draws a pipeline's graph as Mermaid, SVG, DOT or JSON; returns the exit code. */
export async function graphCommand(file: string, options: GraphCommandOptions): Promise<number> {
  const format = options.format ?? "mermaid";
  if (!(GRAPH_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${GRAPH_FORMATS.join(", ")}, not "${format}".`);
  }
  const pipeline = await choosePipeline(file, options.pipeline);
  const text = RENDER[format as GraphFormat](pipeline);
  if (options.out === undefined) {
    process.stdout.write(text);
    return 0;
  }
  // A relative path is from where the command was typed, as for the pipeline file.
  const target = resolve(process.env.INIT_CWD ?? process.cwd(), options.out);
  try {
    await writeFile(target, text);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(
      `cannot write --out ${options.out} (${reason}): give a path in a folder that exists and you can write to.`,
    );
  }
  return 0;
}
