import type { RerunBody, RerunMode } from "@milo/contract";
import { dependentsOf, type PipelineGraph, type PipelineState } from "@milo/core";
import { ApiError } from "./ApiError";

/** What a re-run runs and what it reuses, by phase name. */
export interface RerunPlan {
  readonly mode: RerunMode;
  /** Phases whose kept value from the source run is reused instead of running them. */
  readonly reuse: readonly string[];
}

/**
 * Works out a re-run from the source run's graph and final state, the pipeline's graph now and the
 * phases whose values were kept. Pure. A phase is reused only when it is done in the source
 * (completed, or skipped by its own policy), its value was kept (a skipped one has none), it is
 * not chosen to run again,
 * and its dependencies are the same as in the source; a chosen reuse whose dependencies changed
 * is refused with a 409 naming the phases.
 */
export function planRerun(
  request: RerunBody,
  now: PipelineGraph,
  source: { readonly graph: PipelineGraph; readonly state: PipelineState },
  kept: ReadonlySet<string>,
): RerunPlan {
  if ("from" in request && request.from === "start") return { mode: "start", reuse: [] };
  const names = now.phases.map((phase) => phase.name);
  const statusOf = new Map(source.state.phases.map((phase) => [phase.name, phase.status]));
  const isDone = (name: string) => {
    const status = statusOf.get(name);
    return status === "completed" || status === "skipped";
  };
  const again = new Set<string>();
  let mode: RerunMode;
  if ("phases" in request) {
    mode = "phases";
    const known = new Set(names);
    const unknown = request.phases.filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new ApiError(
        400,
        "INVALID_BODY",
        `No phase ${unknown.map((name) => `"${name}"`).join(", ")} in pipeline "${now.name}" (phases: ${names.join(", ")}).`,
      );
    }
    for (const name of request.phases) again.add(name);
    if (request.downstream === true) addDownstream(now, again);
  } else {
    mode = "failure";
    for (const name of names) if (!isDone(name)) again.add(name);
    addDownstream(now, again);
  }
  // A phase skipped by its policy gave its dependents no value: there is nothing to keep.
  const reusable = (name: string) => statusOf.get(name) === "skipped" || kept.has(name);
  const reuse = names.filter((name) => !again.has(name) && isDone(name) && reusable(name));
  const reused = new Set(reuse);
  const sourceDeps = new Map(source.graph.phases.map((phase) => [phase.name, phase.dependsOn]));
  const changed = now.phases.filter(
    (phase) =>
      reused.has(phase.name) && !sameNames(phase.dependsOn, sourceDeps.get(phase.name) ?? []),
  );
  if (changed.length > 0) {
    const described = changed
      .map(
        (phase) =>
          `"${phase.name}" depends on [${phase.dependsOn.join(", ")}], not [${(sourceDeps.get(phase.name) ?? []).join(", ")}]`,
      )
      .join("; ");
    throw new ApiError(
      409,
      "GRAPH_CHANGED",
      `Pipeline "${now.name}" changed since the source run, so these phases' kept results cannot be reused: ${described}. Re-run from the start, or choose those phases to run again.`,
    );
  }
  return { mode, reuse };
}

/** Adds to `names` every phase downstream of one of them. */
function addDownstream(graph: PipelineGraph, names: Set<string>): void {
  const dependents = dependentsOf(graph);
  const queue = [...names];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    for (const dependent of dependents.get(name) ?? []) {
      if (!names.has(dependent)) {
        names.add(dependent);
        queue.push(dependent);
      }
    }
  }
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  // Usually listed in the same order: sorting every reused phase's dependencies is the slow way.
  if (a.every((name, index) => name === b[index])) return true;
  return [...a].sort().join("\n") === [...b].sort().join("\n");
}
