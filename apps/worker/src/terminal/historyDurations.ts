import { existsSync } from "node:fs";
import { median } from "../median";

/** How many of a pipeline's latest runs give each phase's expected duration. */
export const HISTORY_RUNS = 20;

/**
 * Each phase's median wall time (first start to completion) over the pipeline's last `runs`
 * runs recorded in the SQLite file of `milo serve`, for `milo run`'s estimate of its end. The
 * file is opened read-only and only when it exists; a file that is not such a database (or is
 * locked past a moment) gives no history rather than an error: the estimate then guesses by
 * weight.
 */
export async function historyDurations(
  dbFile: string,
  pipeline: string,
  runs = HISTORY_RUNS,
): Promise<Record<string, number>> {
  if (!existsSync(dbFile)) return {};
  // Loaded only here: `milo run` without a history never loads SQLite.
  const { default: Database } = await import("better-sqlite3");
  let db: InstanceType<typeof Database> | undefined;
  try {
    db = new Database(dbFile, { readonly: true, fileMustExist: true, timeout: 1000 });
    const rows = db
      .prepare(
        `SELECT a.phase AS phase,
           min(CASE WHEN a.type = '@@PHASE_START' THEN a.at END) AS startedAt,
           max(CASE WHEN a.type = '@@PHASE_COMPLETE' THEN a.at END) AS endedAt
         FROM (SELECT id FROM runs WHERE pipeline = ? ORDER BY num DESC LIMIT ?) AS recent
         JOIN actions AS a ON a.run_id = recent.id
         WHERE a.type IN ('@@PHASE_START', '@@PHASE_COMPLETE') AND a.phase IS NOT NULL
         GROUP BY a.run_id, a.phase
         HAVING startedAt IS NOT NULL AND endedAt IS NOT NULL`,
      )
      .all(pipeline, runs) as { phase: string; startedAt: number; endedAt: number }[];
    const byPhase = new Map<string, number[]>();
    for (const row of rows) {
      const list = byPhase.get(row.phase) ?? [];
      list.push(Math.max(0, row.endedAt - row.startedAt));
      byPhase.set(row.phase, list);
    }
    const durations: Record<string, number> = {};
    // Every list has a duration at least.
    for (const [phase, list] of byPhase) durations[phase] = median(list)!;
    return durations;
  } catch {
    return {};
  } finally {
    db?.close();
  }
}
