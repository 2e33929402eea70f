import { randomUUID } from "node:crypto";
import type { RerunBody, RerunOf } from "@milo/contract";
import {
  type AnyAction,
  action,
  type Clock,
  INIT,
  inProcessExecutor,
  isTerminalAction,
  PHASE_COMPLETE,
  PHASE_REUSED,
  type PhaseExecutor,
  PIPELINE_FAILED,
  type Pipeline,
  type PipelineGraph,
  type PipelineState,
  phaseStatus,
  type ReusedResult,
  runPipeline,
  type Store,
  systemClock,
  type Task,
} from "@milo/core";
import { ApiError } from "./ApiError";
import { actionJson } from "./actionJson";
import { loadRunState } from "./loadRunState";
import { planRerun } from "./planRerun";
import { type AppendEntry, type RunDatabase, type RunQuery, snapshotInterval } from "./RunDatabase";
import { type PhaseValues, recordingValues } from "./recordingValues";
import { progressOf } from "./replayRun";
import { DEFAULT_MAX_RESULT_BYTES, storableResult } from "./storableResult";
import {
  INTERRUPTED_ERROR,
  type RecordedAction,
  type RunDetail,
  type RunPage,
  type RunProgress,
  type RunStatus,
  type RunSummary,
} from "./types";

/** Gets a live run's actions as they are recorded. Must not throw, and must not block. */
export interface RunObserver {
  /** `json` is the recorded action, `{ seq, type, payload }`, already encoded. */
  action(seq: number, json: string): void;
  ended(status: RunStatus): void;
}

export interface RunManagerOptions {
  readonly db: RunDatabase;
  readonly pipelines: readonly Pipeline[];
  readonly executor?: PhaseExecutor;
  readonly clock?: Clock;
  readonly createId?: () => string;
  /** Where unexpected errors go (a failed write, a throwing observer); default console.error. */
  readonly onError?: (error: unknown) => void;
  /** A completed phase's value is kept for re-runs when its JSON is at most this long (1 MiB). */
  readonly maxResultBytes?: number;
  /** Hears of each group commit once it is written (what it cost, for measuring the recorder). */
  readonly onCommit?: (commit: GroupCommitStats) => void;
}

/** One group commit: its actions, and what encoding and writing them took. */
export interface GroupCommitStats {
  readonly actions: number;
  /** Wall time, in ms. */
  readonly writeMs: number;
  /** The process's CPU time meanwhile, in ms: unlike wall time, not inflated by a busy machine. */
  readonly cpuMs: number;
}

export interface StartOptions {
  readonly concurrency?: number;
  readonly failFast?: boolean;
  /** Checked inputs (see `checkInputs`). */
  readonly inputs?: Readonly<Record<string, unknown>>;
}

export type CancelResult =
  | { readonly outcome: "cancelled"; readonly run: RunSummary }
  | { readonly outcome: "not-running"; readonly run: RunSummary }
  | { readonly outcome: "not-found" };

interface LiveRun {
  readonly id: string;
  /** Set once the run has started (its first actions are recorded while it starts). */
  store: Store<PipelineState> | null;
  readonly observers: Set<RunObserver>;
  readonly endWaiters: (() => void)[];
  task: Task<unknown> | null;
  /** The latest value each phase's attempts returned, kept when the phase completes. */
  readonly values: PhaseValues;
  /** The values this run reuses instead of running their phases. */
  readonly reuse: ReadonlyMap<string, KeptReuse>;
  /** Every this many actions the run's state is kept (see `snapshotInterval`), from its graph. */
  readonly snapshotInterval: number;
  seq: number;
  /** The terminal action is recorded (perhaps not yet written): nothing after it counts. */
  closed: boolean;
  ended: boolean;
}

/** A value a re-run reuses, with the JSON it was kept as. */
interface KeptReuse extends ReusedResult {
  readonly json: string | null;
}

/** An action waiting for the next group commit. */
interface PendingAction {
  readonly run: LiveRun;
  readonly recorded: RecordedAction;
  readonly progress: RunProgress;
  readonly terminal: RunStatus | null;
  /** The run's state after this action when it is to be kept as its snapshot, else null. */
  readonly snapshot: PipelineState | null;
  /** Whether that snapshot is also kept for good, for travelling in time. */
  readonly keepSnapshot: boolean;
  readonly result: AppendEntry["result"];
}

/**
 * Starts runs and holds the live ones. Every action a run's store dispatches is written to the
 * database first and only then handed to the run's observers, so a viewer never sees an action
 * that a reconnect could not find again.
 */
export class RunManager {
  readonly db: RunDatabase;
  private readonly pipelines: Map<string, Pipeline>;
  private readonly executor: PhaseExecutor;
  private readonly clock: Clock;
  private readonly createId: () => string;
  private readonly onError: (error: unknown) => void;
  private readonly maxResultBytes: number;
  private readonly onCommit: ((commit: GroupCommitStats) => void) | undefined;
  private readonly live = new Map<string, LiveRun>();
  private pending: PendingAction[] = [];
  private flushScheduled = false;

  constructor(options: RunManagerOptions) {
    this.db = options.db;
    this.pipelines = new Map();
    for (const pipeline of options.pipelines) {
      if (this.pipelines.has(pipeline.name)) {
        throw new Error(`Two pipelines are named "${pipeline.name}": give each a unique name.`);
      }
      this.pipelines.set(pipeline.name, pipeline);
    }
    this.executor = options.executor ?? inProcessExecutor;
    this.clock = options.clock ?? systemClock;
    this.createId = options.createId ?? createRunId;
    this.onError = options.onError ?? ((error) => console.error(error));
    this.maxResultBytes = options.maxResultBytes ?? DEFAULT_MAX_RESULT_BYTES;
    this.onCommit = options.onCommit;
    this.endInterruptedRuns();
  }

  /** Every loaded pipeline's graph, sorted by name. */
  pipelineGraphs(): PipelineGraph[] {
    return [...this.pipelines.values()]
      .map((pipeline) => pipeline.toGraph())
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  pipelineGraph(name: string): PipelineGraph | undefined {
    return this.pipelines.get(name)?.toGraph();
  }

  hasPipeline(name: string): boolean {
    return this.pipelines.has(name);
  }

  /**
   * A run's inputs checked against the pipeline's schema, defaults applied; a mismatch is a 400
   * naming each bad field.
   */
  async checkInputs(
    name: string,
    given: Readonly<Record<string, unknown>> | undefined,
  ): Promise<Readonly<Record<string, unknown>>> {
    const pipeline = this.pipelines.get(name);
    if (pipeline === undefined) return {};
    const checked = await pipeline.checkInputs(given);
    if (checked.ok) return checked.inputs;
    throw new ApiError(
      400,
      "INVALID_INPUTS",
      `Invalid inputs for pipeline "${name}": ${checked.problems.join("; ")}. The graph's "inputs" is their JSON Schema (GET /api/pipelines/${encodeURIComponent(name)}).`,
    );
  }

  /** Starts a run of the named pipeline; its first actions are recorded before this returns. */
  startRun(name: string, options: StartOptions = {}): RunSummary {
    return this.launch(name, options, undefined, new Map());
  }

  /**
   * Runs a finished run again (see `planRerun`): the new run reuses the kept values of the phases
   * it does not run, and records that it re-runs `sourceId`.
   */
  rerun(sourceId: string, request: RerunBody): RunSummary {
    const source = this.summary(sourceId);
    const loaded = source && loadRunState(this.db, sourceId);
    if (!source || !loaded) {
      throw new ApiError(
        404,
        "RUN_NOT_FOUND",
        `No run with id "${sourceId}". List the runs with GET /api/runs.`,
      );
    }
    if (this.live.has(sourceId)) {
      throw new ApiError(
        409,
        "RUN_NOT_FINISHED",
        `Run "${sourceId}" is still ${source.status}: wait for it to end (or cancel it) before re-running it.`,
      );
    }
    const pipeline = this.pipelines.get(source.pipeline);
    if (pipeline === undefined) {
      throw new ApiError(
        409,
        "PIPELINE_NOT_LOADED",
        `Run "${sourceId}" is of pipeline "${source.pipeline}", which this worker has not loaded (loaded: ${[...this.pipelines.keys()].join(", ") || "none"}).`,
      );
    }
    const stored = this.db.storedResults(sourceId);
    const kept = new Set(
      [...stored].filter(([, result]) => result.reason === undefined).map(([name]) => name),
    );
    const plan = planRerun(request, pipeline.toGraph(), loaded, kept);
    const reuse = new Map<string, KeptReuse>();
    for (const name of plan.reuse) {
      // A phase skipped by its policy has no kept value: its dependents got undefined.
      const json = stored.get(name)?.json ?? null;
      reuse.set(name, {
        value: json === null ? undefined : JSON.parse(json),
        fromRun: sourceId,
        json,
      });
    }
    const options = {
      concurrency: source.options.concurrency ?? undefined,
      failFast: source.options.failFast,
      inputs: this.db.inputsOf(sourceId),
    };
    return this.launch(pipeline.name, options, { runId: sourceId, mode: plan.mode }, reuse);
  }

  private launch(
    name: string,
    options: StartOptions,
    rerunOf: RerunOf | undefined,
    reuse: ReadonlyMap<string, KeptReuse>,
  ): RunSummary {
    const pipeline = this.pipelines.get(name);
    if (pipeline === undefined) {
      throw new Error(
        `No pipeline named "${name}". Loaded: ${[...this.pipelines.keys()].join(", ")}`,
      );
    }
    const graph = pipeline.toGraph();
    const id = this.createRunRow(pipeline, graph, options, rerunOf);
    const recording = recordingValues(this.executor);
    const run: LiveRun = {
      id,
      store: null,
      observers: new Set(),
      endWaiters: [],
      task: null,
      values: recording.values,
      reuse,
      snapshotInterval: snapshotInterval(graph.phases.length),
      seq: 0,
      closed: false,
      ended: false,
    };
    this.live.set(id, run);
    const started = runPipeline(pipeline, {
      concurrency: options.concurrency,
      failFast: options.failFast,
      clock: this.clock,
      executor: recording.executor,
      reuse,
      inputs: options.inputs,
      runId: id,
      onAction: (state, dispatched) => {
        if (!run.closed) this.record(run, state, dispatched);
      },
      onListenerError: (error) => this.onError(error),
      // The saga itself broke (not a phase): the run is ended as failed; the error is logged.
      onCrash: (error) => this.onError(error),
    });
    run.store = started.store;
    run.task = started.task;
    // The run's first actions are in the database before the caller hears of it.
    this.flush();
    return this.summary(id)!;
  }

  /** Cancels a live run; its cancellation is recorded like any other action. */
  cancelRun(id: string): CancelResult {
    const run = this.live.get(id);
    if (run === undefined) {
      const summary = this.summary(id);
      return summary ? { outcome: "not-running", run: summary } : { outcome: "not-found" };
    }
    run.task?.cancel();
    return { outcome: "cancelled", run: this.summary(id)! };
  }

  /** A page of runs, newest first. */
  listRuns(query: RunQuery): RunPage {
    return this.db.listRuns(query, this.clock.now());
  }

  summary(id: string): RunSummary | undefined {
    return this.db.getSummary(id, this.clock.now());
  }

  /**
   * The summary, graph and state of a run, all as of action `seq`: the state from the run's
   * latest snapshot and the few actions after it (both read in one tick, between group commits).
   */
  runDetail(id: string): RunDetail | undefined {
    const summary = this.summary(id);
    const loaded = summary && loadRunState(this.db, id);
    if (!summary || !loaded) return undefined;
    return {
      ...summary,
      graph: loaded.graph,
      state: loaded.state,
      seq: loaded.lastSeq,
      results: this.db.resultsOf(
        id,
        loaded.graph.phases.map((phase) => phase.name),
      ),
      reruns: this.db.rerunsOf(id),
      inputs: this.db.inputsOf(id),
    };
  }

  /**
   * Calls `listener(state, action)` for each of a live run's next actions, as its store
   * dispatches them (for a terminal view); returns the unsubscribe, or null when not live.
   */
  watchState(id: string, listener: (state: PipelineState, dispatched: AnyAction) => void) {
    const run = this.live.get(id);
    if (run?.store == null) return null;
    return run.store.subscribe((state, dispatched) => {
      if (dispatched.type !== INIT) listener(state, dispatched);
    });
  }

  isLive(id: string): boolean {
    return this.live.has(id);
  }

  liveRunIds(): string[] {
    return [...this.live.keys()];
  }

  /**
   * Registers an observer of a live run's next actions; returns its removal, or null when the
   * run is not live (it has ended, or never existed). Call it in the same tick as reading the
   * recorded actions, so nothing is missed or seen twice.
   */
  observe(id: string, observer: RunObserver): (() => void) | null {
    const run = this.live.get(id);
    if (run === undefined) return null;
    run.observers.add(observer);
    return () => {
      run.observers.delete(observer);
    };
  }

  /** Resolves with the run's summary once it has ended. */
  waitForEnd(id: string): Promise<RunSummary | undefined> {
    const run = this.live.get(id);
    if (run === undefined) return Promise.resolve(this.summary(id));
    return new Promise((resolve) => run.endWaiters.push(() => resolve(this.summary(id))));
  }

  /** Cancels every live run and waits until each has recorded its end. */
  async close(): Promise<void> {
    const ids = this.liveRunIds();
    for (const id of ids) this.cancelRun(id);
    await Promise.all(ids.map((id) => this.waitForEnd(id)));
  }

  /**
   * Queues an action for the next group commit: every action dispatched in this turn of the
   * event loop, of every run, is written in one transaction and only then sent to viewers. Write,
   * then fan out is the order that makes reconnecting viewers lossless; grouping the writes is
   * what lets one process record many busy runs at once.
   */
  private record(run: LiveRun, state: PipelineState, dispatched: AnyAction): void {
    const payload =
      typeof dispatched.payload === "object" && dispatched.payload !== null
        ? (dispatched.payload as Record<string, unknown>)
        : {};
    run.seq += 1;
    const result =
      dispatched.type === PHASE_COMPLETE || dispatched.type === PHASE_REUSED
        ? this.keepResult(run, state, String(payload.name))
        : undefined;
    const terminal = isTerminalAction(dispatched) ? state.status : null;
    if (terminal !== null) run.closed = true;
    // From the graph, not `state.phases`, which would build the whole phase list on every action.
    const keepSnapshot = run.seq % run.snapshotInterval === 0;
    this.pending.push({
      run,
      recorded: { seq: run.seq, type: dispatched.type, payload },
      progress: progressOf(state),
      terminal,
      snapshot: terminal !== null || keepSnapshot ? state : null,
      keepSnapshot,
      result,
    });
    // A handler logging in a loop dispatches without ever yielding: commit as it goes, so what
    // waits for the commit stays bounded.
    if (this.pending.length >= MAX_GROUP_COMMIT) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /**
   * Writes the pending actions in one transaction, then hands them to the runs' observers. Each
   * payload is encoded once, here, for the database and every viewer alike.
   */
  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    const started = performance.now();
    const cpuAtStart = this.onCommit === undefined ? undefined : process.cpuUsage();
    const entries: AppendEntry[] = new Array(batch.length);
    for (let index = 0; index < batch.length; index++) {
      const { run, recorded, progress, snapshot, keepSnapshot, result } = batch[index]!;
      entries[index] = {
        runId: run.id,
        action: recorded,
        payloadJson: JSON.stringify(recorded.payload),
        progress,
        result,
        // The state is immutable, so the one seen at the action is still that action's state.
        snapshot: snapshot === null ? undefined : JSON.stringify(snapshot),
        keepSnapshot,
      };
    }
    try {
      this.db.appendActions(entries);
    } catch (error) {
      // Nothing unrecorded may reach a viewer: stop the runs; the next start marks them interrupted.
      this.onError(error);
      for (const run of new Set(batch.map((entry) => entry.run))) {
        run.closed = true;
        if (!run.ended) this.finish(run, "failed");
        run.task?.cancel();
      }
      return;
    }
    try {
      if (this.onCommit !== undefined) {
        const cpu = process.cpuUsage(cpuAtStart);
        this.onCommit({
          actions: batch.length,
          writeMs: performance.now() - started,
          cpuMs: (cpu.user + cpu.system) / 1000,
        });
      }
    } catch (error) {
      this.onError(error);
    }
    for (let index = 0; index < batch.length; index++) {
      const { run, recorded, terminal } = batch[index]!;
      if (run.ended) continue;
      if (run.observers.size > 0) {
        const json = actionJson(recorded.seq, recorded.type, entries[index]!.payloadJson);
        for (const observer of run.observers) {
          try {
            observer.action(recorded.seq, json);
          } catch (error) {
            this.onError(error);
          }
        }
      }
      if (terminal !== null) this.finish(run, terminal);
    }
  }

  /**
   * A phase's value to keep for re-runs, or why it cannot be kept; written with its action in the
   * next group commit (one autocommit per completed phase would undo the grouping).
   */
  private keepResult(run: LiveRun, state: PipelineState, name: string): AppendEntry["result"] {
    // A reused value is kept as the JSON it was read from, already checked when first kept.
    const reused = run.reuse.get(name);
    if (reused !== undefined) return { phase: name, stored: { json: reused.json } };
    const returned = run.values.get(name);
    if (returned === undefined || returned.attempt !== phaseStatus(state, name)?.attempt) {
      return undefined;
    }
    const value = returned.value;
    run.values.delete(name);
    return { phase: name, stored: storableResult(value, this.maxResultBytes) };
  }

  private finish(run: LiveRun, status: RunStatus): void {
    run.ended = true;
    this.live.delete(run.id);
    for (const observer of run.observers) {
      try {
        observer.ended(status);
      } catch (error) {
        this.onError(error);
      }
    }
    run.observers.clear();
    for (const resolve of run.endWaiters.splice(0)) resolve();
  }

  /**
   * Records a new run under a fresh id. A taken id (a custom `createId` repeating itself) is
   * never an error: another is drawn, and after a few the worker's own random UUID is used.
   */
  private createRunRow(
    pipeline: Pipeline,
    graph: PipelineGraph,
    options: StartOptions,
    rerunOf: RerunOf | undefined,
  ): string {
    for (let attempt = 1; ; attempt += 1) {
      const id = attempt <= ID_ATTEMPTS ? this.createId() : createRunId();
      try {
        this.db.createRun({
          id,
          pipeline: pipeline.name,
          graph,
          options: {
            concurrency: options.concurrency ?? null,
            failFast: options.failFast ?? false,
          },
          createdAt: this.clock.now(),
          rerunOf,
          inputs: options.inputs,
        });
        return id;
      } catch (error) {
        if (!isIdTaken(error) || attempt > ID_ATTEMPTS * 2) throw error;
      }
    }
  }

  /** Runs left running by a worker that stopped are failed, keeping what they recorded. */
  private endInterruptedRuns(): void {
    for (const id of this.db.unfinishedRunIds()) {
      const replayed = loadRunState(this.db, id);
      if (replayed === undefined) continue;
      const interrupted = action(PIPELINE_FAILED, {
        at: this.clock.now(),
        error: INTERRUPTED_ERROR,
      });
      const state = replayed.reducer(replayed.state, interrupted);
      this.db.appendAction(
        id,
        { seq: replayed.lastSeq + 1, type: interrupted.type, payload: interrupted.payload },
        progressOf(state),
        JSON.stringify(state),
      );
    }
  }
}

/**
 * A random UUID (v4): 122 random bits, so ids never collide across workers sharing a database or
 * restarts within the same millisecond. Runs are listed by their row number, not by id, so the
 * id need not sort by time.
 */
export function createRunId(): string {
  return randomUUID();
}

/** How many ids a custom `createId` may give that are taken before the worker's own is used. */
const ID_ATTEMPTS = 5;
/** Actions one group commit takes at most (a few hundred KB of rows). */
const MAX_GROUP_COMMIT = 2000;

function isIdTaken(error: unknown): boolean {
  return (error as { code?: unknown }).code === "SQLITE_CONSTRAINT_UNIQUE";
}
