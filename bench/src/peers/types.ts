import type { Dag, DagPhase } from "../shared/dagShapes";

/** What a phase does when an engine runs it. */
export type PhaseWork = (phase: DagPhase) => Promise<unknown> | unknown;

export interface RunOptions {
  /** At most this many phases at once; Infinity for no limit. */
  readonly concurrency: number;
  /** Where an engine that stamps its actions reads the time (the virtual clock, or real time). */
  readonly clock?: { now(): number };
}

/**
 * An engine, readied for one graph: everything a user would do once when defining the pipeline
 * is done; calling it runs the graph once (and is what the engine benchmark times).
 */
export type PreparedRun = (options: RunOptions) => Promise<void>;

export type Engine = (dag: Dag, work: PhaseWork) => PreparedRun;
