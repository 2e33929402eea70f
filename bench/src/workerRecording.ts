import {
  type GroupCommitStats,
  RunDatabase,
  RunManager,
  SQLITE_SETTINGS,
} from "../../apps/worker/src/index";
import { benchBurst } from "./pipelines/benchPipelines";
import { openSqlite } from "./shared/openSqlite";

/**
 * The worker's recorder fed by the engine in one process, with nothing else around them. Rates
 * are per second of CPU time (process.cpuUsage), so a machine busy with other work skews them
 * far less than wall time would.
 */
export interface RecorderRate {
  readonly runs: number;
  readonly actions: number;
  readonly commits: number;
  readonly largestCommit: number;
  /** From the runs' start to their end: the engine and the recorder, taking turns on one thread. */
  readonly wallMs: number;
  /** The CPU time of that. */
  readonly cpuMs: number;
  /** CPU time inside the group commits: encoding the payloads and snapshots, the transaction. */
  readonly recorderMs: number;
  /** Actions per second of the recorder's own time: what it takes given actions at once. */
  readonly recorderPerSecond: number;
  /** Actions per second of the rest of the time: what the engine produces. */
  readonly enginePerSecond: number;
  /** Actions per second of CPU time, both together. */
  readonly inProcessPerSecond: number;
  /** The one-transaction floor on this round's rows, measured right after it. */
  readonly floorPerSecond: number;
  /** recorderPerSecond / floorPerSecond: paired, so the machine's drift between them cancels. */
  readonly ofFloor: number;
  readonly runIds: readonly string[];
}

/**
 * `runs` bench-burst runs started together in this process through the worker's own RunManager and
 * RunDatabase (a fresh file, the worker's SQLite settings), their handlers called in process: no
 * agents, HTTP or viewers, so actions come as fast as the engine makes them. Each group commit
 * reports its cost, which splits the wall time into the recorder's part and the engine's. Each
 * round is paired with the one-transaction floor on its own rows, taken right after it. One round
 * warms the JIT up (the first is several times slower), then the round of median ratio.
 */
export async function measureRecorder(
  dbFile: string,
  runs: number,
  rounds: number,
): Promise<RecorderRate> {
  const commits: GroupCommitStats[] = [];
  const db = new RunDatabase(dbFile);
  const manager = new RunManager({
    db,
    pipelines: [benchBurst],
    onCommit: (commit) => commits.push(commit),
  });
  const round = async (): Promise<RecorderRate> => {
    commits.length = 0;
    const started = performance.now();
    const cpuAtStart = process.cpuUsage();
    const runIds = Array.from({ length: runs }, () => manager.startRun(benchBurst.name).id);
    const summaries = await Promise.all(runIds.map((id) => manager.waitForEnd(id)));
    const wallMs = performance.now() - started;
    const cpuMs = cpuMsSince(cpuAtStart);
    for (const summary of summaries) {
      if (summary?.status !== "completed") {
        throw new Error(`an in-process bench-burst run ended ${summary?.status}`);
      }
    }
    const actions = commits.reduce((sum, commit) => sum + commit.actions, 0);
    const recorderMs = commits.reduce((sum, commit) => sum + commit.cpuMs, 0);
    const recorderPerSecond = actions / (recorderMs / 1000);
    const floorPerSecond = insertFloors(dbFile, runIds, ["oneTransaction"]).oneTransactionPerSecond;
    return {
      runs,
      actions,
      commits: commits.length,
      largestCommit: Math.max(...commits.map((commit) => commit.actions)),
      wallMs,
      cpuMs,
      recorderMs,
      recorderPerSecond,
      enginePerSecond: actions / (Math.max(1, cpuMs - recorderMs) / 1000),
      inProcessPerSecond: actions / (cpuMs / 1000),
      floorPerSecond,
      ofFloor: recorderPerSecond / floorPerSecond,
      runIds,
    };
  };
  try {
    await round();
    const measured: RecorderRate[] = [];
    for (let index = 0; index < rounds; index++) measured.push(await round());
    measured.sort((a, b) => a.ofFloor - b.ofFloor);
    return measured[Math.floor(measured.length / 2)]!;
  } finally {
    db.close();
  }
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export interface InsertFloor {
  readonly rows: number;
  readonly autocommitPerSecond: number;
  readonly withSummaryPerSecond: number;
  readonly oneTransactionPerSecond: number;
}

type FloorKind = "autocommit" | "withSummary" | "oneTransaction";

const FLOOR_TABLES: Record<FloorKind, string> = {
  autocommit: "bench_floor_autocommit",
  withSummary: "bench_floor_summary",
  oneTransaction: "bench_floor_batch",
};

interface ActionRowValues {
  run_id: string;
  seq: number;
  type: string;
  phase: string | null;
  payload: string;
  at: number | null;
}

/**
 * The floors: the rows the recorder wrote, inserted again into a copy of the actions table (its
 * indexes too) in the same file with the worker's own SQLite settings, in the order they were
 * recorded (the runs' actions interleaved, by time), per second of CPU time: one autocommit INSERT per row (what recording actions one at a
 * time costs at the least), one INSERT and one summary UPDATE per transaction, and all rows in one
 * transaction (what the database takes when nothing else costs anything).
 */
export function rawInsertFloor(dbFile: string, runIds: readonly string[]): InsertFloor {
  return insertFloors(dbFile, runIds, ["autocommit", "withSummary", "oneTransaction"]);
}

/** The floors of `kinds` (the others NaN). */
function insertFloors(
  dbFile: string,
  runIds: readonly string[],
  kinds: readonly FloorKind[],
): InsertFloor {
  const db = openSqlite(dbFile);
  try {
    for (const setting of SQLITE_SETTINGS) db.pragma(setting);
    const placeholders = runIds.map(() => "?").join(", ");
    const rows = db
      .prepare(
        `SELECT run_id, seq, type, phase, payload, at FROM actions WHERE run_id IN (${placeholders}) ORDER BY at, seq, run_id`,
      )
      .all(...runIds) as ActionRowValues[];
    // The actions table's own indexes, so a floor row costs what an action row costs the database.
    const indexes = (
      db
        .prepare(
          "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'actions' AND sql IS NOT NULL",
        )
        .all() as { name: string; sql: string }[]
    ).map(
      ({ name, sql }) =>
        (table: string) =>
          sql.replace(name, `${table}_${name}`).replace(/ ON actions\b/, ` ON ${table}`),
    );
    const rate = (table: string, insertAll: () => void) => {
      if (!kinds.some((kind) => table === FLOOR_TABLES[kind])) return Number.NaN;
      db.exec(`DROP TABLE IF EXISTS ${table}`);
      db.exec(
        `CREATE TABLE ${table} (run_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, phase TEXT, payload TEXT NOT NULL, at INTEGER, PRIMARY KEY (run_id, seq)) WITHOUT ROWID`,
      );
      for (const index of indexes) db.exec(index(table));
      const cpuAtStart = process.cpuUsage();
      insertAll();
      const perSecond = rows.length / (Math.max(0.001, cpuMsSince(cpuAtStart)) / 1000);
      db.exec(`DROP TABLE ${table}`);
      return perSecond;
    };
    const insertInto = (table: string) =>
      db.prepare(
        `INSERT INTO ${table} (run_id, seq, type, phase, payload, at) VALUES (?, ?, ?, ?, ?, ?)`,
      );
    const autocommitPerSecond = rate("bench_floor_autocommit", () => {
      const insert = insertInto("bench_floor_autocommit");
      for (const row of rows)
        insert.run(row.run_id, row.seq, row.type, row.phase, row.payload, row.at);
    });
    db.exec("DROP TABLE IF EXISTS bench_floor_runs");
    db.exec("CREATE TABLE bench_floor_runs (id TEXT PRIMARY KEY, action_count INTEGER NOT NULL)");
    db.prepare("INSERT INTO bench_floor_runs (id, action_count) VALUES ('run', 0)").run();
    const withSummaryPerSecond = rate("bench_floor_summary", () => {
      const insert = insertInto("bench_floor_summary");
      const update = db.prepare("UPDATE bench_floor_runs SET action_count = ? WHERE id = 'run'");
      const append = db.transaction((row: ActionRowValues) => {
        insert.run(row.run_id, row.seq, row.type, row.phase, row.payload, row.at);
        update.run(row.seq);
      });
      for (const row of rows) append(row);
    });
    db.exec("DROP TABLE bench_floor_runs");
    const oneTransactionPerSecond = rate("bench_floor_batch", () => {
      const insert = insertInto("bench_floor_batch");
      db.transaction(() => {
        for (const row of rows)
          insert.run(row.run_id, row.seq, row.type, row.phase, row.payload, row.at);
      })();
    });
    return {
      rows: rows.length,
      autocommitPerSecond,
      withSummaryPerSecond,
      oneTransactionPerSecond,
    };
  } finally {
    db.close();
  }
}
