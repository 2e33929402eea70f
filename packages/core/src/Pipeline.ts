import { createPipelineReducer } from "./createPipelineReducer";
import { createPipelineSaga, type PipelineRunResult } from "./createPipelineSaga";
import type { SagaIterator } from "./effects";
import { Phase } from "./Phase";
import { PipelineError } from "./PipelineError";
import { executionLevels, executionOrder, validateGraph } from "./pipelineGraph";
import type {
  InputsSchema,
  InputsValidation,
  JsonSchema,
  PipelineGraph,
  PipelineOptions,
  PipelineState,
  Reducer,
  SagaOptions,
} from "./types";

type PhaseArgument = Phase | readonly Phase[];

/** Inputs as checked against a pipeline's schema: the values to run with, or what is wrong. */
export type InputsCheck =
  | { readonly ok: true; readonly inputs: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly problems: readonly string[] };

// Outside the instance because a Pipeline is frozen once built.
const reducers = new WeakMap<Pipeline, Reducer<PipelineState>>();

/** A named set of phases; checked when built, immutable afterwards. */
export class Pipeline {
  readonly name: string;
  readonly phases: readonly Phase[];
  readonly options: PipelineOptions;
  private readonly graph: PipelineGraph;

  /** `new Pipeline(name, ...phases)`, or `new Pipeline(name, { inputs }, ...phases)`. */
  constructor(name: string, ...args: readonly (PipelineOptions | PhaseArgument)[]) {
    if (typeof name !== "string" || name.trim() === "") {
      throw new PipelineError(
        "INVALID_PHASE",
        `A pipeline needs a non-empty string name, got ${JSON.stringify(name)}.`,
      );
    }
    const first = args[0];
    // Options are told from a mistaken phase by their key.
    const hasOptions =
      typeof first === "object" && first !== null && !(first instanceof Phase) && "inputs" in first;
    const options = (hasOptions ? first : {}) as PipelineOptions;
    const phases = (hasOptions ? args.slice(1) : args) as readonly PhaseArgument[];
    const flat = phases.flat();
    flat.forEach((phase, index) => {
      if (!(phase instanceof Phase)) {
        throw new PipelineError(
          "INVALID_PHASE",
          `Pipeline "${name}": argument ${index + (hasOptions ? 3 : 2)} is not a Phase. Build each one with new Phase(name, { handler }); options, such as { inputs }, go right after the name.`,
        );
      }
    });
    const inputs =
      options.inputs === undefined ? undefined : inputsJsonSchema(name, options.inputs);
    this.name = name;
    this.options = Object.freeze({ ...options });
    this.phases = Object.freeze(flat);
    this.graph = Object.freeze({
      name,
      phases: flat.map((phase) => phase.toGraph()),
      ...(inputs === undefined ? {} : { inputs }),
    });
    validateGraph(this.graph);
    Object.freeze(this);
  }

  /** A new pipeline with `phases` added at the end; this one is unchanged. */
  append(...phases: readonly PhaseArgument[]): Pipeline {
    const options = this.options.inputs === undefined ? [] : [this.options];
    return new Pipeline(this.name, ...options, ...this.phases, ...phases);
  }

  /**
   * Checks a run's inputs against the pipeline's schema (with its defaults applied). A pipeline
   * without one takes no inputs.
   */
  async checkInputs(given: Readonly<Record<string, unknown>> | undefined): Promise<InputsCheck> {
    const schema = this.options.inputs;
    if (schema === undefined) {
      return given === undefined || Object.keys(given).length === 0
        ? { ok: true, inputs: {} }
        : {
            ok: false,
            problems: [`pipeline "${this.name}" declares no inputs: send none`],
          };
    }
    const result: InputsValidation = await schema["~standard"].validate(given ?? {});
    if (result.issues !== undefined) {
      return {
        ok: false,
        problems: result.issues.map((issue) => {
          const path = (issue.path ?? [])
            .map((key) => String(typeof key === "object" ? key.key : key))
            .join(".");
          return path === "" ? issue.message : `inputs.${path}: ${issue.message}`;
        }),
      };
    }
    return { ok: true, inputs: result.value as Readonly<Record<string, unknown>> };
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
      ...(this.graph.inputs === undefined ? {} : { inputs: this.graph.inputs }),
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

function inputsJsonSchema(name: string, schema: InputsSchema): JsonSchema {
  const describe = schema?.["~standard"]?.jsonSchema?.input;
  if (typeof describe !== "function") {
    throw new PipelineError(
      "INVALID_OPTIONS",
      `Pipeline "${name}": inputs must be a schema that describes itself as JSON Schema (a Standard JSON Schema, such as a zod 4 object).`,
    );
  }
  // Plain data, so the graph stays JSON.
  return JSON.parse(JSON.stringify(describe({ target: "draft-2020-12" }))) as JsonSchema;
}
