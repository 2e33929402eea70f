import type { PhaseTable } from "./PhaseTable";
import type { StartStack } from "./StartStack";
import type { PhaseStatus, PipelineState } from "./types";

/**
 * What makes the reducer O(1) per action, kept beside each state object rather than in it, so
 * the state stays plain data: a persistent table of the statuses, the weight done so far, and
 * the starts in order for finding the current phase. A state without internals (one parsed from
 * JSON, cloned or spread) has them rebuilt once by the reducer from its public fields.
 */
export interface StateInternals {
  readonly table: PhaseTable;
  readonly doneWeight: number;
  readonly starts: StartStack | null;
}

/** The fields of a state other than the two arrays built from its internals. */
export type StateFields = Omit<PipelineState, "running" | "phases">;

/**
 * A state as the reducer makes it. Its internals sit in a private field, invisible to JSON,
 * `structuredClone`, spreading and `toEqual`; `running` and `phases` are enumerable own getters,
 * each building its array at most once and only when read (copying every status on every action
 * would make a run quadratic), so all of those see plain arrays.
 *
 * A WeakMap from state to internals cost a quarter of the engine's time per phase (the garbage
 * collector's work on its entries); a private field costs next to nothing.
 */
class RunState implements PipelineState {
  readonly name: string;
  readonly status: PipelineState["status"];
  readonly progress: number;
  readonly currentPhase: string;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  readonly elapsed: number;
  readonly error: string | null;
  readonly failedPhase: string | null;
  declare readonly running: readonly string[];
  declare readonly phases: readonly PhaseStatus[];
  readonly #internals: StateInternals;
  #running: readonly string[] | undefined = undefined;
  #phases: readonly PhaseStatus[] | undefined = undefined;

  constructor(fields: StateFields, internals: StateInternals) {
    this.name = fields.name;
    this.status = fields.status;
    this.progress = fields.progress;
    this.currentPhase = fields.currentPhase;
    this.startedAt = fields.startedAt;
    this.endedAt = fields.endedAt;
    this.elapsed = fields.elapsed;
    this.error = fields.error;
    this.failedPhase = fields.failedPhase;
    this.#internals = internals;
    Object.defineProperties(this, RunState.arrays);
  }

  static internalsOf(state: PipelineState): StateInternals | undefined {
    return #internals in state ? state.#internals : undefined;
  }

  // Shared by every state: the getters read the state they are called on.
  private static readonly arrays: PropertyDescriptorMap = {
    running: {
      enumerable: true,
      get(this: RunState) {
        this.#running ??= runningOf(this.#internals);
        return this.#running;
      },
    },
    phases: {
      enumerable: true,
      get(this: RunState) {
        this.#phases ??= Object.freeze(this.#internals.table.toArray());
        return this.#phases;
      },
    },
  };
}

// Internals rebuilt for states that came without (parsed, cloned, spread), kept so that each
// is rebuilt once; and such states' phases indexed by name on the first lookup.
const adopted = new WeakMap<PipelineState, StateInternals>();
const indexByPhases = new WeakMap<readonly PhaseStatus[], ReadonlyMap<string, PhaseStatus>>();

export function makeState(fields: StateFields, internals: StateInternals): PipelineState {
  return new RunState(fields, internals);
}

/** `state` with some fields changed and the given internals. */
export function withFields(
  state: PipelineState,
  internals: StateInternals,
  changes: Partial<StateFields>,
): PipelineState {
  return makeState(
    {
      name: state.name,
      status: state.status,
      progress: state.progress,
      currentPhase: state.currentPhase,
      startedAt: state.startedAt,
      endedAt: state.endedAt,
      elapsed: state.elapsed,
      error: state.error,
      failedPhase: state.failedPhase,
      ...changes,
    },
    internals,
  );
}

export function internalsOf(state: PipelineState): StateInternals | undefined {
  return RunState.internalsOf(state) ?? adopted.get(state);
}

/** Keeps rebuilt internals for a state that had none, so it is rebuilt only once. */
export function adoptInternals(state: PipelineState, internals: StateInternals): void {
  adopted.set(state, internals);
}

/** A phase's status by name, in O(1): `undefined` when the pipeline has no such phase. */
export function phaseStatus(
  state: Pick<PipelineState, "phases">,
  name: string,
): PhaseStatus | undefined {
  const internals = internalsOf(state as PipelineState);
  if (internals !== undefined) return internals.table.get(name);
  let index = indexByPhases.get(state.phases);
  if (index === undefined) {
    index = new Map(state.phases.map((phase) => [phase.name, phase]));
    indexByPhases.set(state.phases, index);
  }
  return index.get(name);
}

/** Whether a start is its phase's latest and the phase still runs. */
export function isLive(start: StartStack, table: PhaseTable): boolean {
  const phase = table.get(start.name);
  return phase?.status === "running" && phase.attempts.length === start.attempts;
}

function runningOf({ starts, table }: StateInternals): readonly string[] {
  const names: string[] = [];
  for (let start = starts; start !== null; start = start.below) {
    if (isLive(start, table)) names.push(start.name);
  }
  return Object.freeze(names.reverse());
}
