import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { dependentsOf, type PipelineState } from "@milo/core";
import {
  BENCH_RERUN_FAILING,
  benchRerun,
  benchRerunSmoke,
  FAIL_FILE_VARIABLE,
} from "./pipelines/rerunPipelines";
import {
  atMost,
  type BenchmarkOptions,
  type BenchmarkResult,
  milliseconds,
  ratio,
  type TargetCheck,
} from "./shared/report";
import { startWorkerProcess } from "./shared/startWorkerProcess";
import { median } from "./shared/stats";
import { watchRun } from "./shared/watchRun";

const RERUN_PIPELINES = fileURLToPath(new URL("./pipelines/rerunPipelines.ts", import.meta.url));
/** A re-run from failure reaches its first phase start within this many times a fresh run's. */
const RATIO_LIMIT = 2;

const epochNow = () => performance.timeOrigin + performance.now();

/** What this benchmark reads of a run's summary and detail (the contract's RunSummary/RunDetail). */
interface RunSummary {
  readonly id: string;
}
interface RunDetail {
  readonly state: PipelineState;
}

interface Started {
  readonly runId: string;
  /** From sending the POST to the first @@PHASE_START arriving on the run's event stream, in ms. */
  readonly firstStartMs: number;
  /** From sending the POST to its answer, in ms. */
  readonly answeredMs: number;
  /** The phases the run started, by name. */
  readonly startedPhases: ReadonlySet<string>;
  readonly status: string | null;
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as T;
}

/**
 * Sends `post` (which starts a run), follows the new run's event stream to its end, and finds when
 * its first @@PHASE_START arrived; which phases started is read back from its recorded actions.
 */
async function timeFirstStart(baseUrl: string, post: () => Promise<RunSummary>): Promise<Started> {
  const sentAt = epochNow();
  const run = await post();
  const answeredMs = epochNow() - sentAt;
  const viewed = await watchRun(baseUrl, run.id, 300_000);
  const startedPhases = new Set<string>();
  let firstStartSeq: number | null = null;
  for (let after = 0; ; ) {
    const page = await getJson<{
      actions: { seq: number; type: string; payload: { name?: string } }[];
    }>(`${baseUrl}/api/runs/${run.id}/actions?after=${after}&limit=10000`);
    for (const action of page.actions) {
      if (action.type !== "@@PHASE_START") continue;
      firstStartSeq ??= action.seq;
      startedPhases.add(action.payload.name!);
    }
    if (page.actions.length === 0) break;
    after = page.actions.at(-1)!.seq;
  }
  const arrived = viewed.actions.find((action) => action.seq === firstStartSeq);
  return {
    runId: run.id,
    firstStartMs: arrived === undefined ? Number.NaN : arrived.arrivedAt - sentAt,
    answeredMs,
    startedPhases,
    status: viewed.endStatus,
  };
}

/** `phase` and every phase downstream of it. */
function downstreamOf(phase: string, graph: ReturnType<typeof benchRerun.toGraph>): Set<string> {
  const dependents = dependentsOf(graph);
  const found = new Set([phase]);
  const queue = [phase];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    for (const dependent of dependents.get(name) ?? []) {
      if (!found.has(dependent)) {
        found.add(dependent);
        queue.push(dependent);
      }
    }
  }
  return found;
}

/**
 * Re-run from failure of the 2,000-phase pipeline with one failing phase: it must start only the
 * failed phase and its downstream, and reach its first phase start within 2× the time a fresh run
 * of the same pipeline takes, both measured in the same worker from the POST to the first
 * @@PHASE_START on the event stream.
 */
export async function runRerun(options: BenchmarkOptions): Promise<BenchmarkResult> {
  const pipeline = options.smoke ? benchRerunSmoke : benchRerun;
  const failing = options.smoke ? BENCH_RERUN_FAILING.smoke : BENCH_RERUN_FAILING.full;
  const repeats = options.smoke ? 1 : 3;
  const graph = pipeline.toGraph();
  const expected = downstreamOf(failing, graph);
  const failFile = path.join(options.scratchDir, "rerun-fail-flag");
  const dbFile = path.join(options.scratchDir, "rerun.db");
  const previousFlag = process.env[FAIL_FILE_VARIABLE];
  process.env[FAIL_FILE_VARIABLE] = failFile;
  const worker = await startWorkerProcess(dbFile, [], ["--pipelines", RERUN_PIPELINES]);
  const fresh: number[] = [];
  const rerun: number[] = [];
  const answered = { fresh: [] as number[], rerun: [] as number[] };
  const counts: { rerunId: string; started: number; unexpected: string[]; missing: string[] }[] =
    [];
  const notes: string[] = [];
  try {
    for (let repeat = 0; repeat < repeats; repeat++) {
      // The source run: the failing phase fails, after everything outside its downstream is done.
      await writeFile(failFile, "fail\n");
      const source = await postJson<RunSummary>(
        `${worker.url}/api/pipelines/${pipeline.name}/runs`,
        {},
      );
      await watchRun(worker.url, source.id, 300_000);
      const detail = await getJson<RunDetail>(`${worker.url}/api/runs/${source.id}`);
      const notDone = detail.state.phases
        .filter((phase) => phase.status !== "completed")
        .map((phase) => phase.name);
      const outside = notDone.filter((name) => !expected.has(name));
      if (detail.state.status !== "failed" || outside.length > 0) {
        notes.push(
          `source run ${source.id} ended ${detail.state.status} with ${outside.length} phase(s) outside the failed one's downstream not completed (${outside.slice(0, 5).join(", ")}): its re-run runs those too`,
        );
      }
      await rm(failFile, { force: true });

      // A fresh run of the same pipeline, then the re-run from failure; the phase now completes.
      const freshRun = await timeFirstStart(worker.url, () =>
        postJson<RunSummary>(`${worker.url}/api/pipelines/${pipeline.name}/runs`, {}),
      );
      fresh.push(freshRun.firstStartMs);
      answered.fresh.push(freshRun.answeredMs);
      const rerunRun = await timeFirstStart(worker.url, () =>
        postJson<RunSummary>(`${worker.url}/api/runs/${source.id}/rerun`, { from: "failure" }),
      );
      rerun.push(rerunRun.firstStartMs);
      answered.rerun.push(rerunRun.answeredMs);
      counts.push({
        rerunId: rerunRun.runId,
        started: rerunRun.startedPhases.size,
        unexpected: [...rerunRun.startedPhases].filter((name) => !expected.has(name)),
        missing: [...expected].filter((name) => !rerunRun.startedPhases.has(name)),
      });
      options.log(
        `  repeat ${repeat + 1}: fresh first start ${milliseconds(freshRun.firstStartMs)}, re-run ${milliseconds(rerunRun.firstStartMs)}, re-run started ${rerunRun.startedPhases.size} phase(s) (expected ${expected.size}), ended ${rerunRun.status}`,
      );
    }
  } finally {
    await worker.stop();
    await rm(failFile, { force: true });
    if (previousFlag === undefined) delete process.env[FAIL_FILE_VARIABLE];
    else process.env[FAIL_FILE_VARIABLE] = previousFlag;
  }

  const freshMs = median(fresh);
  const rerunMs = median(rerun);
  const exact = counts.every(
    (count) => count.unexpected.length === 0 && count.missing.length === 0,
  );
  const phases = graph.phases.length.toLocaleString("en-US");
  const targets: TargetCheck[] = [
    {
      target: `re-run from failure of the ${phases}-phase pipeline starts only the failed phase and its downstream (${expected.size})`,
      measured: `${counts.map((count) => count.started).join(", ")} started`,
      met: exact,
      margin: exact
        ? "exactly those, in every repeat"
        : `missed: ${counts
            .map(
              (count) =>
                `${count.unexpected.length} unexpected (${count.unexpected.slice(0, 3).join(", ")}), ${count.missing.length} missing`,
            )
            .join("; ")}`,
    },
    atMost(
      `re-run from failure reaches its first phase start within ${RATIO_LIMIT}× a fresh run's (${milliseconds(freshMs)} here)`,
      rerunMs / freshMs,
      RATIO_LIMIT,
      ratio,
    ),
  ];
  return {
    id: "rerun",
    title: `Re-run from failure: ${phases} phases, ${graph.phases.length - expected.size} reused`,
    tables: [
      {
        title: "From the POST to the first @@PHASE_START on the event stream (median)",
        columns: ["run", "first phase start", "repeats", "POST answered"],
        rows: [
          [
            "fresh run",
            milliseconds(freshMs),
            fresh.map(milliseconds).join(", "),
            milliseconds(median(answered.fresh)),
          ],
          [
            "re-run from failure",
            milliseconds(rerunMs),
            rerun.map(milliseconds).join(", "),
            milliseconds(median(answered.rerun)),
          ],
        ],
      },
    ],
    targets,
    notes: [
      `failing phase ${failing}; it and its downstream: ${expected.size} phases; the re-run reuses the kept results of the other ${graph.phases.length - expected.size}`,
      "the re-run's POST answers only once its first actions are recorded: it loads the source run's state, plans, and records one @@PHASE_REUSED per reused phase before the first start, which is where its time goes (POST answered)",
      ...notes,
    ],
    data: { fresh, rerun, answered, expected: expected.size, counts },
  };
}
