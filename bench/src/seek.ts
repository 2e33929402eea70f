import { existsSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium } from "@playwright/test";
import { recordRuns } from "./runOpening";
import { createRandom, randomInt } from "./shared/createRandom";
import { openSqlite } from "./shared/openSqlite";
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE, VIEWPORT } from "./shared/pageTimings";
import {
  atMost,
  type BenchmarkOptions,
  type BenchmarkResult,
  milliseconds,
  type TargetCheck,
} from "./shared/report";
import { REPO_ROOT, startWorkerProcess } from "./shared/startWorkerProcess";
import { type Summary, summarize } from "./shared/stats";

const SEEK_LIMIT_MS = 100;

interface StateAnswer {
  readonly seq: number;
  readonly state: {
    readonly phases: readonly { readonly name: string; readonly status: string }[];
  };
}

/** GET /api/runs/:id/state?at= at random positions: the request's round trip, answer read. */
async function timeStateRequests(
  baseUrl: string,
  runId: string,
  positions: readonly number[],
): Promise<{ ms: number[]; bytes: number }> {
  const ms: number[] = [];
  let bytes = 0;
  // A few first, so the worker's code paths are compiled before any is timed.
  for (const at of positions.slice(0, 3))
    await fetch(`${baseUrl}/api/runs/${runId}/state?at=${at}`);
  for (const at of positions) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/api/runs/${runId}/state?at=${at}`);
    const text = await response.text();
    ms.push(performance.now() - started);
    if (!response.ok) throw new Error(`GET /state?at=${at} answered ${response.status}: ${text}`);
    bytes = Math.max(bytes, text.length);
  }
  return { ms, bytes };
}

/** Each phase's status after action `at`, as the worker computes it. */
async function statusesAt(baseUrl: string, runId: string, at: number): Promise<string[]> {
  const response = await fetch(`${baseUrl}/api/runs/${runId}/state?at=${at}`);
  const answer = (await response.json()) as StateAnswer;
  return answer.state.phases.map((phase) => `${phase.name}=${phase.status}`);
}

/**
 * In Chromium, on the run's page: from setting the scrubber to `at` (as a drag does) to the next
 * frame after the graph draws that moment — the scrubber showing it loaded, and every phase node
 * with its status at that moment.
 */
async function timeScrubs(
  browser: Browser,
  url: string,
  targets: readonly { at: number; statuses: readonly string[] }[],
): Promise<number[]> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('[data-ready="true"]').waitFor({ timeout: 60_000 });
    await page.getByTestId("scrubber-range").waitFor();
    const times: number[] = [];
    for (const target of targets) {
      times.push((await page.evaluate(scrubScript(target.at, target.statuses))) as number);
    }
    return times;
  } finally {
    await context.close();
  }
}

/**
 * The page-side measurement, as source text: tsx would wrap a function's inner functions in a
 * helper that does not exist in the page.
 */
function scrubScript(at: number, statuses: readonly string[]): string {
  return `new Promise((resolve, reject) => {
    const at = ${JSON.stringify(at)};
    const wanted = new Set(${JSON.stringify(statuses)});
    const scrubber = document.querySelector('[data-testid="run-scrubber"]');
    const range = document.querySelector('[data-testid="scrubber-range"]');
    const drawn = () => {
      if (scrubber.dataset.shownSeq !== String(at)) return false;
      if (scrubber.dataset.loading !== "false") return false;
      const nodes = document.querySelectorAll('.react-flow__node [data-testid^="phase-node-"]');
      if (nodes.length !== wanted.size) return false;
      for (const node of nodes) {
        const name = node.dataset.testid.slice("phase-node-".length);
        if (!wanted.has(name + "=" + node.dataset.status)) return false;
      }
      return true;
    };
    const timeout = setTimeout(
      () => reject(new Error("the page did not draw action " + at + " within 30 s")),
      30000,
    );
    const started = performance.now();
    const observer = new MutationObserver(() => {
      if (!drawn()) return;
      observer.disconnect();
      clearTimeout(timeout);
      requestAnimationFrame(() => resolve(performance.now() - started));
    });
    observer.observe(document.body, { subtree: true, attributes: true });
    // What a drag does: the range's value set, then its input event.
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(range, String(at));
    range.dispatchEvent(new Event("input", { bubbles: true }));
  })`;
}

/** What keeping a state every 1,000 actions cost the run on disk, beside its action log. */
function keptStates(dbFile: string, runId: string) {
  const db = openSqlite(dbFile);
  try {
    const [states] = db
      .prepare(
        "SELECT count(*) AS count, sum(length(state)) AS bytes FROM snapshot_history WHERE run_id = ?",
      )
      .all(runId) as { count: number; bytes: number }[];
    const [log] = db
      .prepare("SELECT sum(length(payload)) AS bytes FROM actions WHERE run_id = ?")
      .all(runId) as { bytes: number }[];
    return { count: states!.count, bytes: states!.bytes ?? 0, logBytes: log!.bytes ?? 0 };
  } finally {
    db.close();
  }
}

function row(what: string, summary: Summary): string[] {
  return [
    what,
    String(summary.count),
    milliseconds(summary.median),
    milliseconds(summary.p95),
    milliseconds(summary.max),
  ];
}

/**
 * Seeking in a long run: GET /api/runs/:id/state?at= at random positions of a 200,000-action
 * run, and in Chromium from setting the run page's scrubber to the graph drawing that moment.
 */
export async function runSeek(options: BenchmarkOptions): Promise<BenchmarkResult> {
  const size = options.smoke ? 3_000 : 200_000;
  const requests = options.smoke ? 5 : 200;
  const scrubs = options.smoke ? 2 : 30;
  const dbFile = path.join(options.scratchDir, "seek.db");
  const runId = (await recordRuns(dbFile, [size])).get(size)!;
  options.log(`  seek: recorded a run of ${size.toLocaleString("en-US")} actions`);
  const kept = keptStates(dbFile, runId);

  const random = createRandom(20261202);
  const positions = Array.from({ length: requests }, () => randomInt(random, 0, size));
  const webRoot = process.env.MILO_WEB_ROOT ?? path.join(REPO_ROOT, "apps/web/dist");
  const worker = await startWorkerProcess(dbFile);
  const baseUrl = worker.url.replace(/\/+$/, "");
  let server: { ms: number[]; bytes: number };
  let pageMs: number[] = [];
  let pageNote = "";
  try {
    const lastSeq = (
      (await (await fetch(`${baseUrl}/api/runs/${runId}`)).json()) as { seq: number }
    ).seq;
    server = await timeStateRequests(baseUrl, runId, positions);
    options.log(`  seek: ${requests} requests of /state?at= timed (last seq ${lastSeq})`);
    if (!existsSync(path.join(webRoot, "index.html"))) {
      pageNote = `The dashboard is not built (${webRoot}): the run page was not timed.`;
    } else if (!existsSync(CHROMIUM_EXECUTABLE)) {
      pageNote = `No Chromium at ${CHROMIUM_EXECUTABLE}: the run page was not timed.`;
    } else {
      const targets = [];
      for (let index = 0; index < scrubs; index++) {
        const at = randomInt(random, 0, lastSeq);
        targets.push({ at, statuses: await statusesAt(baseUrl, runId, at) });
      }
      const browser = await chromium.launch({
        executablePath: CHROMIUM_EXECUTABLE,
        args: CHROMIUM_ARGS,
      });
      try {
        const url = `${baseUrl}/runs/${runId}`;
        // The first scrubs warm the page's code paths; they are not counted.
        const warm = Math.min(2, targets.length - 1);
        pageMs = (await timeScrubs(browser, url, targets)).slice(warm);
      } finally {
        await browser.close();
      }
      options.log("  seek: the run page's scrubber timed");
    }
  } finally {
    await worker.stop();
  }

  const serverSummary = summarize(server.ms);
  const label = size.toLocaleString("en-US");
  const rows = [row("GET /api/runs/:id/state?at= (round trip on loopback)", serverSummary)];
  const targets: TargetCheck[] = [
    atMost(
      `GET /state?at= at random positions of a ${label}-action run (p95)`,
      serverSummary.p95,
      SEEK_LIMIT_MS,
      milliseconds,
    ),
  ];
  if (pageMs.length > 0) {
    const pageSummary = summarize(pageMs);
    rows.push(row("run page: scrubber set → graph drawn at that moment", pageSummary));
    targets.push(
      atMost(
        `seek on the run page of a ${label}-action run, scrubber set to the graph drawn (p95)`,
        pageSummary.p95,
        SEEK_LIMIT_MS,
        milliseconds,
      ),
    );
  }
  return {
    id: "seek",
    title: "Seeking in a long run: the state at any action, and the page drawing it",
    tables: [
      {
        title: `Seeks to random positions of a finished ${label}-action run`,
        columns: ["what", "samples", "median", "p95", "max"],
        rows,
      },
    ],
    targets,
    notes: [
      `The run is the opening benchmark's: 20 chained phases that log lines, recorded through RunManager (a state kept every 1,000 actions), served by \`milo serve\` in its own process. Each answer is the nearest kept state plus under 1,000 actions replayed; the largest was ${(server.bytes / 1024).toFixed(0)} KiB.`,
      `Keeping them: ${kept.count} states, ${(kept.bytes / 1024 / 1024).toFixed(1)} MiB deflated (${(kept.bytes / kept.count / 1024).toFixed(0)} KiB each), beside ${(kept.logBytes / 1024 / 1024).toFixed(1)} MiB of action payloads.`,
      "The page time runs from setting the range's value and firing its input event (what a drag does) to the frame after the scrubber shows that moment loaded and every phase node has its status at that moment (as /state?at= gives it), seen by a MutationObserver; the first two seeks warm the page and are not counted.",
      ...(pageNote === "" ? [] : [pageNote]),
    ],
    data: { size, serverMs: server.ms, pageMs, positions, kept },
  };
}
