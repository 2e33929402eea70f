import type { CriticalPath, PipelineGraph } from "@milo/core";
import { formatDuration } from "../../lib/formatDuration";
import { edgeKey, type GraphOverlay, type PhaseMark } from "../Graph/GraphOverlay";

/**
 * The critical path drawn over the graph: its phases highlighted (the rest dimmed), the
 * dependency edges between consecutive steps emphasised, each step marked with its share.
 */
export function criticalPathOverlay(graph: PipelineGraph, path: CriticalPath): GraphOverlay {
  const dependsOn = new Map(graph.phases.map((phase) => [phase.name, phase.dependsOn]));
  const highlightEdges = new Set<string>();
  const marks = new Map<string, PhaseMark>();
  path.steps.forEach((step, index) => {
    const previous = path.steps[index - 1];
    // A step that waited for a slot follows a phase it does not depend on: no edge to light.
    if (previous !== undefined && dependsOn.get(step.name)?.includes(previous.name)) {
      highlightEdges.add(edgeKey(previous.name, step.name));
    }
    const share = `${Math.round(step.share * 100)}%`;
    marks.set(step.name, {
      tone: "critical",
      badge: share,
      title: `On the ${step.estimated ? "expected " : ""}critical path: ${formatDuration(step.durationMs)}, ${share} of the run`,
    });
  });
  return {
    highlight: new Set(path.steps.map((step) => step.name)),
    dimOthers: true,
    highlightEdges,
    marks,
  };
}
