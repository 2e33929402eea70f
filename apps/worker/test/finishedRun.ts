import type { ActionPage } from "@milo/contract";
import type { Pipeline } from "@milo/core";
import Database from "better-sqlite3";
import type { RunSummary } from "../src/index";
import { request, startTestWorker, type TestWorker } from "./helpers";

/** A real worker that has run `pipeline` to its end, its SQLite file open beside it. */
export interface FinishedRun {
  readonly server: TestWorker;
  /** The worker's database, opened a second time, to read what it recorded. */
  readonly db: Database.Database;
  readonly runId: string;
  /** Every action the run recorded, as the API pages them. */
  readonly actions: ActionPage["actions"];
  /** Closes the database and stops the worker. */
  stop(): Promise<void>;
}

/** Starts a worker with only `pipeline`, runs it once and waits for the run's end. */
export async function startFinishedRun(pipeline: Pipeline): Promise<FinishedRun> {
  const server = await startTestWorker({ pipelines: [pipeline] });
  const db = new Database(server.dbFile);
  const started = await request<RunSummary>(
    server.url,
    "POST",
    `/api/pipelines/${encodeURIComponent(pipeline.name)}/runs`,
  );
  const runId = started.body.id;
  await server.worker.manager.waitForEnd(runId);
  const page = await request<ActionPage>(
    server.url,
    "GET",
    `/api/runs/${runId}/actions?limit=10000`,
  );
  return {
    server,
    db,
    runId,
    actions: page.body.actions,
    async stop() {
      db.close();
      await server.stop();
    },
  };
}
