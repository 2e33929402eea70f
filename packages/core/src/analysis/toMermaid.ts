import { phaseStatus } from "../pipelineState";
import { PHASE_STATUSES } from "../statuses";
import type { PipelineGraph, PipelineState } from "../types";
import { STATUS_COLORS } from "./statusColors";

export interface MermaidOptions {
  /** "LR" left to right (default) or "TB" top to bottom. */
  readonly direction?: "LR" | "TB";
  /** A run of the pipeline: boxes are colored by each phase's status. */
  readonly state?: Pick<PipelineState, "phases">;
}

/**
 * A Mermaid flowchart of the pipeline: a rounded box per phase (a double-edged one for a phase
 * that runs alone), an arrow from each dependency. Phases are named p0, p1… in pipeline order,
 * their names shown as escaped labels, so any name is safe.
 */
export function toMermaid(graph: PipelineGraph, options: MermaidOptions = {}): string {
  const idOf = new Map(graph.phases.map((phase, index) => [phase.name, `p${index}`]));
  const lines = [`flowchart ${options.direction ?? "LR"}`];
  for (const phase of graph.phases) {
    const label = `"${mermaidText(phase.name)}"`;
    lines.push(`  ${idOf.get(phase.name)}${phase.parallel ? `(${label})` : `[[${label}]]`}`);
  }
  for (const phase of graph.phases) {
    for (const dependency of phase.dependsOn) {
      lines.push(`  ${idOf.get(dependency)} --> ${idOf.get(phase.name)}`);
    }
  }
  const { state } = options;
  if (state !== undefined) {
    const used = new Set<string>();
    for (const phase of graph.phases) {
      const status = phaseStatus(state, phase.name)?.status ?? "pending";
      used.add(status);
      lines.push(`  class ${idOf.get(phase.name)} ${status}`);
    }
    for (const status of PHASE_STATUSES.filter((name) => used.has(name))) {
      const { fill, stroke } = STATUS_COLORS[status];
      lines.push(`  classDef ${status} fill:${fill},stroke:${stroke}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Characters a label cannot show. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it matches
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** Text for inside a quoted Mermaid label: Mermaid's entity codes for what would end or mark it up. */
function mermaidText(text: string): string {
  return text.replace(CONTROL_CHARACTERS, " ").replace(/["#<>&`]/g, (character) => {
    return `#${character.codePointAt(0)};`;
  });
}
