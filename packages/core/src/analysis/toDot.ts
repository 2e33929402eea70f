import { phaseStatus } from "../pipelineState";
import type { PipelineGraph, PipelineState } from "../types";
import { STATUS_COLORS } from "./statusColors";

/**
 * A Graphviz DOT digraph of the pipeline, left to right: a rounded box per phase (filled by its
 * status when a run is given), an edge from each dependency. Every id is a quoted string.
 */
export function toDot(graph: PipelineGraph, state?: Pick<PipelineState, "phases">): string {
  const lines = [
    `digraph ${dotString(graph.name)} {`,
    "  rankdir=LR;",
    '  node [shape=box, style="rounded,filled", fillcolor="#ffffff"];',
  ];
  for (const phase of graph.phases) {
    const attributes: string[] = [];
    if (!phase.parallel) attributes.push("peripheries=2");
    const status =
      state === undefined ? undefined : (phaseStatus(state, phase.name)?.status ?? "pending");
    if (status !== undefined) {
      const { fill, stroke } = STATUS_COLORS[status];
      attributes.push(`fillcolor="${fill}"`, `color="${stroke}"`, `tooltip=${dotString(status)}`);
    }
    const list = attributes.length > 0 ? ` [${attributes.join(", ")}]` : "";
    lines.push(`  ${dotString(phase.name)}${list};`);
  }
  for (const phase of graph.phases) {
    for (const dependency of phase.dependsOn) {
      lines.push(`  ${dotString(dependency)} -> ${dotString(phase.name)};`);
    }
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

/** Characters a label cannot show. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it matches
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** A DOT quoted string: backslashes and quotes escaped, line breaks as \n. */
function dotString(text: string): string {
  const escaped = text
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(CONTROL_CHARACTERS, " ");
  return `"${escaped}"`;
}
