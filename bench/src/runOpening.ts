import { existsSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { Phase, Pipeline } from "@milo/core";
import { type Browser, chromium } from "@playwright/test";
import { RunDatabase, RunManager, replayRun } from "../../apps/worker/src/index";
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE, VIEWPORT } from "./shared/pageTimings";
import {
  atMost,
  type BenchmarkOptions,
  type BenchmarkResult,
  milliseconds,
  type TargetCheck,
} from "./shared/report";
import { REPO_ROOT, startWorkerProcess } from "./shared/startWorkerProcess";
import { median, summarize } from "./shared/stats";

const PHASES = 20;
/** Actions of a run besides its log lines: start and end, and each phase's start and end. */
const FRAME_ACTIONS = 2 + 2 * PHASES;
const HEALTH_INTERVAL_MS = 2;
const GET_LIMIT_MS = 50;
const STALL_LIMIT_MS = 50;
const PAGE_LIMIT_MS = 1000;

/** A pipeline of PHASES phases in a chain that log enough lines for a run of `actions` actions. */
function loggingPipeline(actions: number): Pipeline {
  const lines = Math.max(0, Math.floor((actions - FRAME_ACTIONS) / PHASES));
  const phases = Array.from(
    { length: PHASES },
    (_, index) =>
      new Phase(`step-${index + 1}`, {
        dependsOn: index === 0 ? [] : [`step-${index}`],
        handler: (ctx) => {
          for (let line = 0; line < lines; line++) ctx.log(`step ${index + 1}: line ${line}`);
        },
      }),
  );
  return new Pipeline(`opening-${actions}`, ...phases);
}

/** Records one finished run of each size through the worker's own recording path. */
export async function recordRuns(
  dbFile: string,
  sizes: readonly number[],
): Promise<Map<number, string>> {
  const pipelines = sizes.map(loggingPipeline);
  const db = new RunDatabase(dbFile);
  const manager = new RunManager({ db, pipelines });
  const ids = new Map<number, string>();
  try {
    for (const [index, size] of sizes.entries()) {
      const run = manager.startRun(pipelines[index]!.name);
      await manager.waitForEnd(run.id);
      ids.set(size, run.id);
    }
  } finally {
    db.close();
  }
  return ids;
}

/** What GET /api/runs/:id did before snapshots: replay the whole log, then encode the state. */
function timeFullReplay(dbFile: string, runId: string, repeats: number): number[] {
  const db = new RunDatabase(dbFile);
  try {
    return Array.from({ length: repeats }, () => {
      const started = performance.now();
      JSON.stringify(replayRun(db, runId)!.state);
      return performance.now() - started;
    });
  } finally {
    db.close();
  }
}

interface HealthSample {
  readonly start: number;
  readonly end: number;
}

/** Asks /api/health every few ms on a connection of its own, until stopped. */
function pollHealth(baseUrl: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const samples: HealthSample[] = [];
  let running = true;
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const start = performance.now();
      http
        .get(`${baseUrl}/api/health`, { agent }, (response) => {
          response.resume();
          response.on("end", () => {
            samples.push({ start, end: performance.now() });
            resolve();
          });
        })
        .on("error", reject);
    });
  const loop = (async () => {
    while (running) {
      await once();
      await new Promise((resolve) => setTimeout(resolve, HEALTH_INTERVAL_MS));
    }
  })();
  return {
    samples,
    async stop() {
      running = false;
      await loop;
      agent.destroy();
    },
  };
}

interface EndpointResult {
  readonly getMs: readonly number[];
  /** The longest /api/health answer that overlapped a GET /api/runs/:id. */
  readonly worstHealthMs: number;
  readonly bytes: number;
}

async function timeRunDetail(
  baseUrl: string,
  runId: string,
  repeats: number,
): Promise<EndpointResult> {
  const url = `${baseUrl}/api/runs/${runId}`;
  let bytes = 0;
  // A few answers first, so the worker's code paths are compiled before any is timed.
  for (let warm = 0; warm < 3; warm++) bytes = (await (await fetch(url)).text()).length;
  const poller = pollHealth(baseUrl);
  const windows: { start: number; end: number }[] = [];
  try {
    // Let the poller get going, so every GET has health requests around it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (let round = 0; round < repeats; round++) {
      const start = performance.now();
      const response = await fetch(url);
      const text = await response.text();
      const end = performance.now();
      if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${text}`);
      bytes = text.length;
      windows.push({ start, end });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await poller.stop();
  }
  const overlapping = poller.samples.filter((sample) =>
    windows.some((window) => sample.start < window.end && sample.end > window.start),
  );
  return {
    getMs: windows.map((window) => window.end - window.start),
    worstHealthMs: Math.max(0, ...overlapping.map((sample) => sample.end - sample.start)),
    bytes,
  };
}

type Marked = Window & { __drawnAt?: number };

/**
 * From navigation start to the run's graph drawn with its final state: the graph ready, every
 * phase node there, and each one showing "completed".
 */
async function timeRunPage(browser: Browser, url: string, phases: number): Promise<number> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.addInitScript(`(() => {
      const done = () => {
        if (window.__drawnAt !== undefined) return;
        if (!document.querySelector('[data-ready="true"]')) return;
        const nodes = document.querySelectorAll('.react-flow__node [data-status]');
        if (nodes.length < ${Number(phases)}) return;
        for (const node of nodes) if (node.getAttribute('data-status') !== 'completed') return;
        window.__drawnAt = performance.now();
      };
      new MutationObserver(done).observe(document, {
        subtree: true, childList: true, attributes: true,
        attributeFilter: ['data-ready', 'data-status'],
      });
    })()`);
    const failed = new Promise<never>((_, reject) =>
      page.once("pageerror", (error) => reject(new Error(`${url} threw: ${error.message}`))),
    );
    await page.goto(url);
    await Promise.race([
      failed,
      page.waitForFunction(() => (window as Marked).__drawnAt !== undefined, null, {
        timeout: 60_000,
      }),
    ]);
    return await page.evaluate(() => (window as Marked).__drawnAt!);
  } finally {
    await context.close();
  }
}

/**
 * Opening a finished run: GET /api/runs/:id from its snapshot against the full replay it took
 * before, the worst /api/health stall meanwhile, and the run page in Chromium.
 */
export async function runRunOpening(options: BenchmarkOptions): Promise<BenchmarkResult> {
  const sizes = options.smoke ? [1_000, 5_000] : [1_000, 200_000];
  const largest = sizes[sizes.length - 1]!;
  const repeats = options.smoke ? 3 : 15;
  const dbFile = path.join(options.scratchDir, "run-opening.db");
  const ids = await recordRuns(dbFile, sizes);
  options.log(`  opening: recorded runs of ${sizes.join(", ")} actions`);

  const replays = new Map<number, number[]>();
  for (const size of sizes) {
    replays.set(size, timeFullReplay(dbFile, ids.get(size)!, options.smoke ? 1 : 5));
  }

  const worker = await startWorkerProcess(dbFile);
  // The worker prints its dashboard's address, with or without a trailing slash.
  const baseUrl = worker.url.replace(/\/+$/, "");
  const endpoint = new Map<number, EndpointResult>();
  let pageMs: number[] = [];
  let pageNote = "";
  try {
    for (const size of sizes) {
      endpoint.set(size, await timeRunDetail(baseUrl, ids.get(size)!, repeats));
      options.log(`  opening: GET /api/runs/:id of ${size} actions timed`);
    }
    if (!existsSync(path.join(REPO_ROOT, "apps/web/dist/index.html"))) {
      pageNote = "The dashboard is not built (apps/web/dist): the run page was not timed.";
    } else if (!existsSync(CHROMIUM_EXECUTABLE)) {
      pageNote = `No Chromium at ${CHROMIUM_EXECUTABLE}: the run page was not timed.`;
    } else {
      const browser = await chromium.launch({
        executablePath: CHROMIUM_EXECUTABLE,
        args: CHROMIUM_ARGS,
      });
      try {
        const url = `${baseUrl}/runs/${ids.get(largest)!}`;
        await timeRunPage(browser, url, PHASES); // warms the caches
        const pages = options.smoke ? 1 : 5;
        pageMs = [];
        for (let round = 0; round < pages; round++) {
          pageMs.push(await timeRunPage(browser, url, PHASES));
        }
      } finally {
        await browser.close();
      }
      options.log("  opening: the run page timed");
    }
  } finally {
    await worker.stop();
  }

  const rows = sizes.map((size) => {
    const result = endpoint.get(size)!;
    const get = summarize(result.getMs);
    const replay = median(replays.get(size)!);
    return [
      size.toLocaleString("en-US"),
      `${(result.bytes / 1024).toFixed(0)} KiB`,
      milliseconds(get.median),
      milliseconds(get.max),
      milliseconds(result.worstHealthMs),
      milliseconds(replay),
      `${(replay / get.median).toFixed(1)}×`,
    ];
  });
  const largestGet = summarize(endpoint.get(largest)!.getMs);
  const worstStall = Math.max(...sizes.map((size) => endpoint.get(size)!.worstHealthMs));
  const label = largest.toLocaleString("en-US");
  const targets: TargetCheck[] = [
    atMost(
      `GET /api/runs/:id of a finished ${label}-action run (median)`,
      largestGet.median,
      GET_LIMIT_MS,
      milliseconds,
    ),
    atMost(
      "worst /api/health answer during GET /api/runs/:id",
      worstStall,
      STALL_LIMIT_MS,
      milliseconds,
    ),
  ];
  if (pageMs.length > 0) {
    targets.push(
      atMost(
        `a finished ${label}-action run's page, navigation to the graph drawn in its final state (median)`,
        median(pageMs),
        PAGE_LIMIT_MS,
        milliseconds,
      ),
    );
  }
  return {
    id: "opening",
    title: "Opening a run: snapshot + tail against a full replay",
    tables: [
      {
        title: `GET /api/runs/:id of finished runs (${repeats} requests each), /api/health polled every ${HEALTH_INTERVAL_MS} ms meanwhile on its own connection`,
        columns: [
          "actions",
          "answer",
          "GET median",
          "GET max",
          "worst health",
          "full replay (before)",
          "replay / GET",
        ],
        rows,
      },
      ...(pageMs.length > 0
        ? [
            {
              title: `The run page of the ${label}-action run in Chromium`,
              columns: ["samples", "median", "max"],
              rows: [
                [
                  String(pageMs.length),
                  milliseconds(median(pageMs)),
                  milliseconds(Math.max(...pageMs)),
                ],
              ],
            },
          ]
        : []),
    ],
    targets,
    notes: [
      `Runs of ${PHASES} chained phases that log lines, recorded through RunManager as the worker records them (a snapshot every 1,000 actions and at the end), then served by \`milo serve\` in its own process.`,
      "The full replay is the path GET /api/runs/:id took before snapshots (replayRun, then JSON.stringify), timed in the benchmark's process on the same database; being synchronous it stalls the worker's event loop for all of its time, so it is also the health stall it would cause.",
      "The page time runs from navigation start until the graph is ready and every phase node shows completed, seen by a MutationObserver installed before the page's scripts.",
      ...(pageNote === "" ? [] : [pageNote]),
    ],
    data: {
      sizes,
      endpoint: Object.fromEntries(endpoint),
      fullReplayMs: Object.fromEntries(replays),
      pageMs,
    },
  };
}
