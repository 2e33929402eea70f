import { createRequire } from "node:module";
import path from "node:path";
import { REPO_ROOT } from "./startWorkerProcess";

export interface SqliteStatement {
  run(...parameters: unknown[]): unknown;
  all(...parameters: unknown[]): unknown[];
}

export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  pragma(source: string): unknown;
  exec(sql: string): void;
  transaction<Args extends unknown[]>(body: (...args: Args) => void): (...args: Args) => void;
  close(): void;
}

/**
 * Opens a SQLite file with the worker's own better-sqlite3 (the same build, so the floor and the
 * worker write through the same library); the benchmark does not install a second copy.
 */
export function openSqlite(file: string): SqliteDatabase {
  const requireFromWorker = createRequire(path.join(REPO_ROOT, "apps/worker/package.json"));
  const Database = requireFromWorker("better-sqlite3") as new (file: string) => SqliteDatabase;
  return new Database(file);
}
