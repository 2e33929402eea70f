import type { PhaseGraph } from "@milo/core";

/** Whether a phase answers a search: `needle` (already trimmed and lower-cased) in its name or
 *  its description. The empty needle matches nothing. */
export function phaseMatches(phase: PhaseGraph, needle: string): boolean {
  if (needle === "") return false;
  return (
    phase.name.toLowerCase().includes(needle) || phase.description.toLowerCase().includes(needle)
  );
}
