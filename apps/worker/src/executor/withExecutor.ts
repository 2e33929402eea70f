import { Phase, Pipeline } from "@milo/core";
import type { PhaseExecutor } from "./PhaseExecutor";

/** A copy of `pipeline` whose phases hand their work to `executor` instead of calling it. */
export function withExecutor(pipeline: Pipeline, executor: PhaseExecutor, runId: string): Pipeline {
  const phases = pipeline.phases.map(
    (phase) =>
      new Phase(phase.name, {
        ...phase,
        handler: (context) => executor.execute({ runId, pipeline: pipeline.name, phase, context }),
      }),
  );
  return new Pipeline(pipeline.name, ...phases);
}
