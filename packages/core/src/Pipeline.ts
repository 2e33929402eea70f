import { createPipelineReducer } from "./createPipelineReducer";
import { createPipelineSaga, type PipelineRunResult } from "./createPipelineSaga";
import type { SagaIterator } from "./effects";
import { Phase } from "./Phase";
import { PipelineError } from "./PipelineError";
import { executionLevels, executionOrder, validateGraph } from "./pipelineGraph";
import type { PipelineGraph, PipelineState, Reducer, SagaOptions } from "./types";

// Outside the instance because a Pipeline is frozen once built.
const reducers = new WeakMap<Pipeline, Reducer<PipelineState>>();

/** A named set of phases; checked when built, immutable afterwards. */
export class Pipeline {
  readonly name: string;
  readonly phases: readonly Phase[];
  private readonly graph: PipelineGraph;

  constructor(name: string, ...phases: readonly (Phase | readonly Phase[])[]) {
    if (typeof name !== "string" || name.trim() === "") {
      throw new PipelineError(
        "INVALID_PHASE",
        `A pipeline needs a non-empty string name, got ${JSON.stringify(name)}.`,
      );
    }
    const flat = phases.flat();
    flat.forEach((phase, index) => {
      if (!(phase instanceof Phase)) {
        throw new PipelineError(
          "INVALID_PHASE",
          `Pipeline "${name}": argument ${index + 2} is not a Phase. Build each one with new Phase(name, { handler }).`,
        );
      }
    });
    this.name = name;
    this.phases = Object.freeze(flat);
    this.graph = Object.freeze({ name, phases: flat.map((phase) => phase.toGraph()) });
    validateGraph(this.graph);
    Object.freeze(this);
  }

  /** A new pipeline with `phases` added at the end; this one is unchanged. */
  append(...phases: readonly (Phase | readonly Phase[])[]): Pipeline {
    return new Pipeline(this.name, ...this.phases, ...phases);
  }

  phase(name: string): Phase | undefined {
    return this.phases.find((phase) => phase.name === name);
  }

  /** Topological order, level by level, names sorted inside a level. */
  executionOrder(): string[] {
    return executionOrder(this.graph);
  }

  executionLevels(): string[][] {
    return executionLevels(this.graph);
  }

  /** The serializable part: enough to draw the pipeline and rebuild its run state. */
  toGraph(): PipelineGraph {
    return {
      name: this.graph.name,
      phases: this.graph.phases.map((phase) => ({ ...phase, dependsOn: [...phase.dependsOn] })),
    };
  }

  /** The pipeline's reducer: pure, so one is built per pipeline and shared by its runs. */
  buildReducer(): Reducer<PipelineState> {
    let reducer = reducers.get(this);
    if (reducer === undefined) {
      reducer = createPipelineReducer(this.graph);
      reducers.set(this, reducer);
    }
    return reducer;
  }

  buildSaga(options: SagaOptions = {}): () => SagaIterator<PipelineRunResult> {
    return createPipelineSaga(this.graph, this.phases, options);
  }
}
