import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { deflateSync, inflateSync } from "node:zlib";
import type { PhaseResult, RerunOf } from "@milo/contract";
import type { PipelineGraph } from "@milo/core";
import Database from "better-sqlite3";
import type {
  LogEntry,
  RecordedAction,
  RunOptions,
  RunPage,
  RunProgress,
  RunStatus,
  RunSummary,
} from "./types";

/** A stored action with its payload still as JSON text (so streaming need not re-encode it). */
export interface ActionRow {
  readonly seq: number;
  readonly type: string;
  readonly payload: string;
}

export interface NewRun {
  readonly id: string;
  readonly pipeline: string;
  readonly graph: PipelineGraph;
  readonly options: RunOptions;
  readonly createdAt: number;
  /** The run this one re-runs, and how. */
  readonly rerunOf?: RerunOf;
  /** The run's checked inputs. */
  readonly inputs?: Readonly<Record<string, unknown>>;
}

/** A completed phase's value as kept: its JSON (null for `undefined`), or why it could not be kept. */
export type StoredResult =
  | { readonly json: string | null; readonly reason?: undefined }
  | { readonly json?: undefined; readonly reason: string };

export interface RunQuery {
  readonly pipeline?: string;
  readonly status?: RunStatus;
  readonly limit: number;
  /** Number of the run the page starts after (see `runNumber`). */
  readonly beforeNumber?: number;
}

interface RunRow {
  num: number;
  id: string;
  pipeline: string;
  status: RunStatus;
  progress: number;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
  elapsed: number;
  error: string | null;
  action_count: number;
  concurrency: number | null;
  fail_fast: number;
  rerun_source: string | null;
  rerun_mode: RerunOf["mode"] | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  num INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  pipeline TEXT NOT NULL,
  status TEXT NOT NULL,
  progress REAL NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  ended_at INTEGER,
  elapsed INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  action_count INTEGER NOT NULL DEFAULT 0,
  concurrency INTEGER,
  fail_fast INTEGER NOT NULL DEFAULT 0,
  graph TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_by_pipeline ON runs (pipeline, num);
CREATE INDEX IF NOT EXISTS runs_by_status ON runs (status, num);
CREATE TABLE IF NOT EXISTS actions (
  run_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  phase TEXT,
  payload TEXT NOT NULL,
  at INTEGER,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS actions_logs ON actions (run_id, phase, seq) WHERE type = '@@PHASE_LOG';
CREATE INDEX IF NOT EXISTS actions_phase_times ON actions (run_id, phase, type, at)
  WHERE type IN ('@@PHASE_START', '@@PHASE_COMPLETE');
CREATE TABLE IF NOT EXISTS snapshots (
  run_id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  format INTEGER NOT NULL,
  state TEXT NOT NULL -- deflated JSON (a BLOB); older versions wrote the JSON as TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS snapshot_history (
  run_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  format INTEGER NOT NULL,
  state BLOB NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS snapshot_history_by_seq ON snapshot_history (run_id, seq);
CREATE TABLE IF NOT EXISTS reruns (
  run_id TEXT PRIMARY KEY,
  source_id TEXT NOT NULL,
  mode TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS reruns_by_source ON reruns (source_id);
CREATE TABLE IF NOT EXISTS run_inputs (
  run_id TEXT PRIMARY KEY,
  json TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS results (
  run_id TEXT NOT NULL,
  phase TEXT NOT NULL,
  json TEXT,
  reason TEXT,
  PRIMARY KEY (run_id, phase)
) WITHOUT ROWID;
`;

/**
 * The shape of the snapshots' state JSON. A snapshot of another format (written by another
 * version) is ignored and rebuilt from the log; raise this when the state's shape changes.
 */
export const SNAPSHOT_FORMAT = 1;

/**
 * A live run's state is kept as a snapshot every `snapshotInterval` actions (at least this many),
 * and at its end. Every one at a multiple of it is also kept for good (deflated), so any moment of
 * a run is at most that many actions from a state: one state per interval is what travelling in
 * time costs.
 */
export const SNAPSHOT_INTERVAL = 1000;

/**
 * Actions per phase of the graph between two snapshots. A state's size grows with its phases, so
 * a fixed interval would make a big graph's snapshots cost more per action than its actions do;
 * this many actions per phase keeps the snapshot bytes per action bounded (about a quarter of a
 * phase's JSON).
 */
const ACTIONS_PER_PHASE_BETWEEN_SNAPSHOTS = 4;

/**
 * The snapshot interval of a run of `phaseCount` phases: derived from its graph, so a run needs
 * nothing stored to know it. A multiple of SNAPSHOT_INTERVAL, so the snapshots a run recorded
 * when every interval was SNAPSHOT_INTERVAL still fall on its grid.
 */
export function snapshotInterval(phaseCount: number): number {
  const actions = ACTIONS_PER_PHASE_BETWEEN_SNAPSHOTS * phaseCount;
  return Math.max(1, Math.ceil(actions / SNAPSHOT_INTERVAL)) * SNAPSHOT_INTERVAL;
}

/** A run's state as JSON as of action `seq`: derived data, rebuilt from the log when missing. */
export interface Snapshot {
  readonly seq: number;
  readonly state: string;
}

const SUMMARY_COLUMNS =
  "num, id, pipeline, status, progress, created_at, started_at, ended_at, elapsed, error, " +
  "action_count, concurrency, fail_fast, " +
  "(SELECT source_id FROM reruns WHERE run_id = runs.id) AS rerun_source, " +
  "(SELECT mode FROM reruns WHERE run_id = runs.id) AS rerun_mode";

/** One action to append, with its run's summary as of that action. */
export interface AppendEntry {
  readonly runId: string;
  readonly action: RecordedAction;
  /** `JSON.stringify(action.payload)`, made once by the caller. */
  readonly payloadJson: string;
  readonly progress: RunProgress;
  /** `JSON.stringify` of the run's state after this action, to keep as its latest snapshot. */
  readonly snapshot?: string;
  /** Whether the snapshot is also kept for good (at a multiple of the run's snapshot interval). */
  readonly keepSnapshot?: boolean;
  /** A completed phase's value to keep, written in the same transaction as its action. */
  readonly result?: { readonly phase: string; readonly stored: StoredResult };
}

/**
 * How the worker's connection is set up (the benchmark's insert floors use the same). WAL with
 * NORMAL survives a process crash; only an OS crash may lose the last commits. A checkpoint runs
 * inside the commit that fills the WAL past `wal_autocheckpoint` pages, and that commit takes as
 * long as the checkpoint: 2,000 pages (8 MB) rather than SQLite's 1,000 records a burst of group
 * commits about a tenth faster (fewer copies of pages the next commits rewrite) while keeping
 * that commit near 20 ms here; 10,000 was a quarter faster but held the commit, and every viewer,
 * for 50–60 ms. The WAL file is cut back to 64 MB after a checkpoint.
 */
export const SQLITE_SETTINGS: readonly string[] = [
  "journal_mode = WAL",
  "synchronous = NORMAL",
  "busy_timeout = 5000",
  "wal_autocheckpoint = 2000",
  `journal_size_limit = ${64 * 1024 * 1024}`,
];

/**
 * The run history in SQLite. The action log is the source of truth; the runs table keeps a
 * summary of each run, updated with every batch of its actions, so listing never replays anything;
 * the snapshots table keeps each run's latest state, so opening a run never replays it all.
 */
export class RunDatabase {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly statements: Statements;
  private readonly appendTransaction: (entries: readonly AppendEntry[]) => void;

  constructor(file: string) {
    if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
    this.file = file;
    this.db = new Database(file);
    for (const setting of SQLITE_SETTINGS) this.db.pragma(setting);
    this.db.exec(SCHEMA);
    this.statements = prepareStatements(this.db);
    this.appendTransaction = this.db.transaction((entries: readonly AppendEntry[]) => {
      const lastOfRun = new Map<string, AppendEntry>();
      for (const entry of entries) {
        const payload = entry.action.payload;
        this.statements.insertAction.run(
          entry.runId,
          entry.action.seq,
          entry.action.type,
          typeof payload.name === "string" ? payload.name : null,
          entry.payloadJson,
          typeof payload.at === "number" ? payload.at : null,
        );
        lastOfRun.set(entry.runId, entry);
        if (entry.result !== undefined)
          this.putResult(entry.runId, entry.result.phase, entry.result.stored);
        if (entry.snapshot !== undefined) {
          const deflated = deflateState(entry.snapshot);
          this.statements.putSnapshot.run(entry.runId, entry.action.seq, SNAPSHOT_FORMAT, deflated);
          if (entry.keepSnapshot === true) {
            this.statements.keepSnapshot.run(
              entry.runId,
              entry.action.seq,
              SNAPSHOT_FORMAT,
              deflated,
            );
          }
        }
      }
      // One summary update per run: its state after the last of its actions in this batch.
      for (const entry of lastOfRun.values()) {
        this.statements.updateRun.run({
          id: entry.runId,
          seq: entry.action.seq,
          ...entry.progress,
        });
      }
    });
  }

  createRun(run: NewRun): void {
    this.statements.insertRun.run({
      id: run.id,
      pipeline: run.pipeline,
      createdAt: run.createdAt,
      concurrency: run.options.concurrency,
      failFast: run.options.failFast ? 1 : 0,
      graph: JSON.stringify(run.graph),
    });
    if (run.rerunOf !== undefined) {
      this.statements.insertRerun.run(run.id, run.rerunOf.runId, run.rerunOf.mode);
    }
    if (run.inputs !== undefined && Object.keys(run.inputs).length > 0) {
      this.statements.insertInputs.run(run.id, JSON.stringify(run.inputs));
    }
  }

  /** The inputs a run ran with ({} when it had none). */
  inputsOf(runId: string): Record<string, unknown> {
    const row = this.statements.inputs.get(runId) as { json: string } | undefined;
    return row === undefined ? {} : (JSON.parse(row.json) as Record<string, unknown>);
  }

  /** The ids of the runs that re-ran `runId`, oldest first. */
  rerunsOf(runId: string): string[] {
    return (this.statements.rerunsOf.all(runId) as { run_id: string }[]).map((row) => row.run_id);
  }

  /** Keeps a completed phase's value (as JSON) or why it could not be kept. */
  putResult(runId: string, phase: string, result: StoredResult): void {
    this.statements.putResult.run(runId, phase, result.json ?? null, result.reason ?? null);
  }

  /** The kept value of each phase of a run that has one, by phase. */
  storedResults(runId: string): Map<string, StoredResult> {
    const rows = this.statements.results.all(runId) as {
      phase: string;
      json: string | null;
      reason: string | null;
    }[];
    return new Map(
      rows.map((row) => [
        row.phase,
        row.reason === null ? { json: row.json } : { reason: row.reason },
      ]),
    );
  }

  /** What was kept of each phase's value, for the run's detail. */
  resultsOf(runId: string, order: readonly string[]): PhaseResult[] {
    const stored = this.storedResults(runId);
    return order.flatMap((phase): PhaseResult[] => {
      const result = stored.get(phase);
      if (result === undefined) return [];
      return result.reason === undefined
        ? [
            {
              phase,
              stored: true,
              bytes: result.json === null ? 0 : Buffer.byteLength(result.json),
            },
          ]
        : [{ phase, stored: false, reason: result.reason }];
    });
  }

  /** Appends one action and the run's summary (and snapshot) after it, in one transaction. */
  appendAction(
    runId: string,
    action: RecordedAction,
    progress: RunProgress,
    snapshot?: string,
  ): void {
    this.appendTransaction([
      { runId, action, payloadJson: JSON.stringify(action.payload), progress, snapshot },
    ]);
  }

  /** The run's latest snapshot of the current format; undefined when there is none. */
  latestSnapshot(runId: string): Snapshot | undefined {
    const row = this.statements.snapshot.get(runId, SNAPSHOT_FORMAT) as
      | { seq: number; state: Buffer | string }
      | undefined;
    if (row === undefined) return undefined;
    // Older versions kept the JSON itself.
    return typeof row.state === "string"
      ? { seq: row.seq, state: row.state }
      : { seq: row.seq, state: inflateState(row.state) };
  }

  /** Keeps `state` (JSON) as the run's snapshot at `seq`, in place of the one it had. */
  putSnapshot(runId: string, seq: number, state: string): void {
    this.statements.putSnapshot.run(runId, seq, SNAPSHOT_FORMAT, deflateState(state));
  }

  /** The kept snapshot of the current format with the greatest seq at or before `seq`, if any. */
  snapshotAtOrBefore(runId: string, seq: number): Snapshot | undefined {
    const row = this.statements.snapshotAtOrBefore.get(runId, SNAPSHOT_FORMAT, seq) as
      | { seq: number; state: Buffer }
      | undefined;
    if (row === undefined) return undefined;
    return { seq: row.seq, state: inflateState(row.state) };
  }

  /** Keeps `state` (JSON) for good as the run's state at `seq`, in place of one kept there. */
  keepSnapshot(runId: string, seq: number, state: string): void {
    this.statements.keepSnapshot.run(runId, seq, SNAPSHOT_FORMAT, deflateState(state));
  }

  /** When action `seq` of the run happened (its payload's `at`); undefined when unknown. */
  actionAt(runId: string, seq: number): number | undefined {
    const row = this.statements.actionAt.get(runId, seq) as { at: number | null } | undefined;
    return row?.at ?? undefined;
  }

  /** Appends actions of any runs, and each run's summary after its last one, in one transaction. */
  appendActions(entries: readonly AppendEntry[]): void {
    this.appendTransaction(entries);
  }

  /** The summary of a run; `now` gives the elapsed time of a run still going. */
  getSummary(runId: string, now: number): RunSummary | undefined {
    const row = this.statements.summary.get(runId) as RunRow | undefined;
    return row && toSummary(row, now);
  }

  getGraph(runId: string): PipelineGraph | undefined {
    const row = this.statements.graph.get(runId) as { graph: string } | undefined;
    return row && (JSON.parse(row.graph) as PipelineGraph);
  }

  /** The run's place in creation order, for paging; undefined for an unknown id. */
  runNumber(runId: string): number | undefined {
    const row = this.statements.number.get(runId) as { num: number } | undefined;
    return row?.num;
  }

  /** Newest first; one more row is read to know whether another page follows. */
  listRuns(query: RunQuery, now: number): RunPage {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.pipeline !== undefined) {
      where.push("pipeline = ?");
      params.push(query.pipeline);
    }
    if (query.status !== undefined) {
      where.push("status = ?");
      params.push(query.status);
    }
    if (query.beforeNumber !== undefined) {
      where.push("num < ?");
      params.push(query.beforeNumber);
    }
    const sql =
      `SELECT ${SUMMARY_COLUMNS} FROM runs` +
      (where.length > 0 ? ` WHERE ${where.join(" AND ")}` : "") +
      " ORDER BY num DESC LIMIT ?";
    const rows = this.db.prepare(sql).all(...params, query.limit + 1) as RunRow[];
    const page = rows.slice(0, query.limit);
    return {
      runs: page.map((row) => toSummary(row, now)),
      nextBefore: rows.length > query.limit ? page[page.length - 1]!.id : null,
    };
  }

  /** Ids of runs that never ended: after a restart these were interrupted. */
  unfinishedRunIds(): string[] {
    return (this.statements.unfinished.all() as { id: string }[]).map((row) => row.id);
  }

  actionRows(runId: string, after: number, limit: number): ActionRow[] {
    return this.statements.actions.all(runId, after, limit) as ActionRow[];
  }

  listActions(runId: string, after: number, limit: number): RecordedAction[] {
    return this.actionRows(runId, after, limit).map((row) => ({
      seq: row.seq,
      type: row.type,
      payload: JSON.parse(row.payload) as Record<string, unknown>,
    }));
  }

  lastSeq(runId: string): number {
    const row = this.statements.lastSeq.get(runId) as { seq: number | null };
    return row.seq ?? 0;
  }

  listLogs(runId: string, phase: string, page: LogPageRange): LogEntry[] {
    const rows = this.statements.logs.all(runId, phase, page.after, page.limit, page.offset) as {
      seq: number;
      payload: string;
    }[];
    return rows.map(toLogEntry);
  }

  countLogs(runId: string, phase: string): number {
    return (this.statements.logCount.get(runId, phase) as { total: number }).total;
  }

  /**
   * The phase's lines after `after` containing `text` (any case, `%` and `_` taken literally)
   * and of `stream`, when given: over the whole log, not the lines a run state keeps.
   */
  searchLogs(runId: string, phase: string, filter: LogFilter, page: LogPageRange) {
    const params = {
      runId,
      phase,
      pattern: likePattern(filter.text ?? ""),
      stream: filter.stream ?? null,
      ...page,
    };
    const rows = this.statements.searchLogs.all(params) as { seq: number; payload: string }[];
    const { total } = this.statements.searchLogCount.get(params) as { total: number };
    return { lines: rows.map(toLogEntry), total };
  }

  /** Every line of the phase, oldest first, read lazily so a long log is never held whole. */
  *iterateLogs(runId: string, phase: string): Generator<LogEntry> {
    for (const row of this.statements.allLogs.iterate(runId, phase)) {
      yield toLogEntry(row as { seq: number; payload: string });
    }
  }

  /** The pipeline's last `limit` finished runs, newest first, with when each started and ended. */
  finishedRuns(pipeline: string, limit: number): FinishedRun[] {
    return this.statements.finishedRuns.all(pipeline, limit) as FinishedRun[];
  }

  /**
   * Each phase's wall time (first attempt's start to completion) in the pipeline's last runs in
   * which it completed, newest first, at most `limit` per phase. Runs are read newest first,
   * `limit` at a time, until each of `phases` has `limit` or `maxRuns` runs were read, so a phase
   * reused or failing in every recent run does not make it read the whole history.
   */
  phaseSpans(
    pipeline: string,
    phases: readonly string[],
    limit: number,
    maxRuns: number,
  ): Map<string, PhaseSpan[]> {
    const spans = new Map<string, PhaseSpan[]>();
    let beforeNumber = Number.MAX_SAFE_INTEGER;
    let read = 0;
    while (read < maxRuns) {
      const runs = this.statements.runsBefore.all(pipeline, beforeNumber, limit) as {
        id: string;
        num: number;
      }[];
      for (const run of runs) {
        const rows = this.statements.phaseSpans.all(run.id) as Omit<PhaseSpan, "runId">[];
        for (const row of rows) {
          const list = spans.get(row.phase) ?? [];
          if (list.length < limit) list.push({ runId: run.id, ...row });
          spans.set(row.phase, list);
        }
      }
      read += runs.length;
      if (runs.length < limit) break;
      beforeNumber = runs.at(-1)!.num;
      if (phases.every((name) => (spans.get(name)?.length ?? 0) >= limit)) break;
    }
    return spans;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** A finished run's outcome and times, for timings across runs. */
export interface FinishedRun {
  readonly id: string;
  readonly status: RunStatus;
  readonly startedAt: number;
  readonly endedAt: number;
}

/** When a phase that completed in run `runId` first started and when it completed. */
export interface PhaseSpan {
  readonly runId: string;
  readonly phase: string;
  readonly startedAt: number;
  readonly endedAt: number;
}

/** A page of a phase's log: `limit` lines after seq `after`, skipping the first `offset`. */
export interface LogPageRange {
  readonly after: number;
  readonly offset: number;
  readonly limit: number;
}

/** Which lines of a phase's log to keep: containing `text`, of `stream`; all when absent. */
export interface LogFilter {
  readonly text?: string;
  readonly stream?: LogEntry["stream"];
}

// SQLite's LIKE ignores ASCII case; the payload's line and stream are read with json_extract.
const LOG_FILTER = `json_extract(payload, '$.line') LIKE @pattern ESCAPE '\\'
         AND (@stream IS NULL OR json_extract(payload, '$.stream') = @stream)`;

/**
 * A state's JSON as it is stored. Level 1: a state's repeated keys and log lines shrink it 10–40
 * times for a fraction of a millisecond, less than writing (and checkpointing) the JSON itself.
 */
function deflateState(json: string): Buffer {
  return deflateSync(json, { level: 1 });
}

/** A stored state's JSON; "" when it cannot be read (the caller passes over it). */
function inflateState(stored: Buffer): string {
  try {
    return inflateSync(stored).toString("utf8");
  } catch {
    return "";
  }
}

/** `%text%` with LIKE's wildcards (and its escape) in `text` matched literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

function toLogEntry(row: { seq: number; payload: string }): LogEntry {
  const payload = JSON.parse(row.payload) as Omit<LogEntry, "seq">;
  return { seq: row.seq, line: payload.line, stream: payload.stream, at: payload.at };
}

type Statements = ReturnType<typeof prepareStatements>;

function prepareStatements(db: Database.Database) {
  return {
    insertRun: db.prepare(
      `INSERT INTO runs (id, pipeline, status, created_at, concurrency, fail_fast, graph)
       VALUES (@id, @pipeline, 'pending', @createdAt, @concurrency, @failFast, @graph)`,
    ),
    insertAction: db.prepare(
      `INSERT INTO actions (run_id, seq, type, phase, payload, at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    updateRun: db.prepare(
      `UPDATE runs SET status = @status, progress = @progress, started_at = @startedAt,
         ended_at = @endedAt, elapsed = @elapsed, error = @error, action_count = @seq
       WHERE id = @id`,
    ),
    summary: db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM runs WHERE id = ?`),
    insertInputs: db.prepare("INSERT INTO run_inputs (run_id, json) VALUES (?, ?)"),
    inputs: db.prepare("SELECT json FROM run_inputs WHERE run_id = ?"),
    insertRerun: db.prepare("INSERT INTO reruns (run_id, source_id, mode) VALUES (?, ?, ?)"),
    rerunsOf: db.prepare(
      `SELECT reruns.run_id FROM reruns JOIN runs ON runs.id = reruns.run_id
       WHERE reruns.source_id = ? ORDER BY runs.num`,
    ),
    putResult: db.prepare(
      `INSERT INTO results (run_id, phase, json, reason) VALUES (?, ?, ?, ?)
       ON CONFLICT (run_id, phase) DO UPDATE SET json = excluded.json, reason = excluded.reason`,
    ),
    results: db.prepare("SELECT phase, json, reason FROM results WHERE run_id = ?"),
    putSnapshot: db.prepare(
      `INSERT INTO snapshots (run_id, seq, format, state) VALUES (?, ?, ?, ?)
       ON CONFLICT (run_id) DO UPDATE SET seq = excluded.seq, format = excluded.format,
         state = excluded.state`,
    ),
    snapshot: db.prepare("SELECT seq, state FROM snapshots WHERE run_id = ? AND format = ?"),
    keepSnapshot: db.prepare(
      `INSERT INTO snapshot_history (run_id, seq, format, state) VALUES (?, ?, ?, ?)
       ON CONFLICT (run_id, seq) DO UPDATE SET format = excluded.format, state = excluded.state`,
    ),
    snapshotAtOrBefore: db.prepare(
      `SELECT seq, state FROM snapshot_history WHERE run_id = ? AND format = ? AND seq <= ?
       ORDER BY seq DESC LIMIT 1`,
    ),
    actionAt: db.prepare("SELECT at FROM actions WHERE run_id = ? AND seq = ?"),
    graph: db.prepare("SELECT graph FROM runs WHERE id = ?"),
    number: db.prepare("SELECT num FROM runs WHERE id = ?"),
    unfinished: db.prepare(
      "SELECT id FROM runs WHERE status IN ('pending', 'running') ORDER BY num",
    ),
    actions: db.prepare(
      "SELECT seq, type, payload FROM actions WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?",
    ),
    lastSeq: db.prepare("SELECT max(seq) AS seq FROM actions WHERE run_id = ?"),
    logs: db.prepare(
      `SELECT seq, payload FROM actions
       WHERE run_id = ? AND phase = ? AND type = '@@PHASE_LOG' AND seq > ?
       ORDER BY seq LIMIT ? OFFSET ?`,
    ),
    logCount: db.prepare(
      `SELECT count(*) AS total FROM actions
       WHERE run_id = ? AND phase = ? AND type = '@@PHASE_LOG'`,
    ),
    searchLogs: db.prepare(
      `SELECT seq, payload FROM actions
       WHERE run_id = @runId AND phase = @phase AND type = '@@PHASE_LOG' AND seq > @after
         AND ${LOG_FILTER}
       ORDER BY seq LIMIT @limit OFFSET @offset`,
    ),
    searchLogCount: db.prepare(
      `SELECT count(*) AS total FROM actions
       WHERE run_id = @runId AND phase = @phase AND type = '@@PHASE_LOG' AND ${LOG_FILTER}`,
    ),
    finishedRuns: db.prepare(
      `SELECT id, status, started_at AS startedAt, ended_at AS endedAt FROM runs
       WHERE pipeline = ? AND status IN ('completed', 'failed', 'cancelled')
         AND started_at IS NOT NULL AND ended_at IS NOT NULL
       ORDER BY num DESC LIMIT ?`,
    ),
    runsBefore: db.prepare(
      "SELECT id, num FROM runs WHERE pipeline = ? AND num < ? ORDER BY num DESC LIMIT ?",
    ),
    phaseSpans: db.prepare(
      `SELECT phase,
         min(CASE WHEN type = '@@PHASE_START' THEN at END) AS startedAt,
         max(CASE WHEN type = '@@PHASE_COMPLETE' THEN at END) AS endedAt
       FROM actions
       WHERE run_id = ? AND type IN ('@@PHASE_START', '@@PHASE_COMPLETE') AND phase IS NOT NULL
       GROUP BY phase HAVING startedAt IS NOT NULL AND endedAt IS NOT NULL`,
    ),
    allLogs: db.prepare(
      `SELECT seq, payload FROM actions
       WHERE run_id = ? AND phase = ? AND type = '@@PHASE_LOG' ORDER BY seq`,
    ),
  };
}

function toSummary(row: RunRow, now: number): RunSummary {
  const going = row.status === "running" && row.started_at !== null;
  return {
    id: row.id,
    pipeline: row.pipeline,
    status: row.status,
    progress: row.progress,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    elapsed: going ? Math.max(0, now - row.started_at!) : row.elapsed,
    createdAt: row.created_at,
    actionCount: row.action_count,
    error: row.error,
    options: { concurrency: row.concurrency, failFast: row.fail_fast === 1 },
    rerunOf:
      row.rerun_source === null || row.rerun_mode === null
        ? null
        : { runId: row.rerun_source, mode: row.rerun_mode },
  };
}
