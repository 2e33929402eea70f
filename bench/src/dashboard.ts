import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "@playwright/test";
import react from "@vitejs/plugin-react";
import { build } from "vite";
import { DEFAULT_LAYOUT_OPTIONS, layoutGraph } from "../../apps/web/src/components/Graph/layout";
import type { FloorGraph } from "../floor/src/FloorApp";
import { LAYOUT_ENGINES, type LayoutEngine } from "./peers/layoutEngines";
import type { LayoutRequest } from "./peers/timeLayout";
import { dashboardDag } from "./shared/dashboardDag";
import {
  CHROMIUM_ARGS,
  CHROMIUM_EXECUTABLE,
  frameTimes,
  openReady,
  type ReadyTiming,
  timeToReady,
} from "./shared/pageTimings";
import {
  atLeast,
  atMost,
  type BenchmarkOptions,
  type BenchmarkResult,
  milliseconds,
  ratio,
  type TargetCheck,
} from "./shared/report";
import { runInWorker } from "./shared/runInWorker";
import { serveStatic } from "./shared/serveStatic";
import { REPO_ROOT, startWorkerProcess } from "./shared/startWorkerProcess";
import { median, summarize } from "./shared/stats";

const OURS: LayoutEngine = "dashboard layout.ts";
const ELK: LayoutEngine = "elkjs (defaults)";
const LAYOUT_LIMIT_MS = 30_000;
const BIG = 2_000;

interface LayoutCell {
  /** Median ms; null when the measurement hit the time limit. */
  readonly ms: number | null;
  readonly samples: readonly number[];
}

async function measureLayouts(sizes: readonly number[], options: BenchmarkOptions) {
  const cells = new Map<string, LayoutCell>();
  for (const size of sizes) {
    for (const engine of LAYOUT_ENGINES) {
      const request: LayoutRequest = { engine, size, repeats: engine === OURS ? 15 : 3 };
      const samples = await runInWorker<number[]>(
        new URL("./peers/timeLayout.ts", import.meta.url),
        request,
        LAYOUT_LIMIT_MS,
      );
      cells.set(`${engine}|${size}`, {
        ms: samples === null ? null : median(samples),
        samples: samples ?? [],
      });
      options.log(
        `  dashboard: ${engine}, ${size} phases: ${samples === null ? "stopped at the limit" : milliseconds(median(samples))}`,
      );
    }
  }
  return cells;
}

/** The dashboard's positions for the 2,000-phase graph, for the floor page to draw. */
function floorGraph(): FloorGraph {
  const dag = dashboardDag(BIG);
  const layout = layoutGraph({ phases: dag.phases });
  return {
    nodes: layout.positions.map((position) => ({
      id: position.name,
      x: position.x,
      y: position.y,
    })),
    edges: dag.phases.flatMap((phase) =>
      phase.dependsOn.map((source) => ({ source, target: phase.name })),
    ),
    nodeWidth: DEFAULT_LAYOUT_OPTIONS.nodeWidth,
    nodeHeight: DEFAULT_LAYOUT_OPTIONS.nodeHeight,
  };
}

async function buildFloor(outDir: string): Promise<void> {
  await build({
    root: fileURLToPath(new URL("../floor", import.meta.url)),
    configFile: false,
    logLevel: "error",
    plugins: [react()],
    build: { outDir, emptyOutDir: true },
  });
}

/** Frame times in one window while statuses stream in, and how fast they streamed. */
interface FrameWindow {
  readonly frames: readonly number[];
  readonly updatesPerSecond: number;
}

interface BrowserResults {
  readonly dashboard: readonly ReadyTiming[];
  readonly floorCorner: readonly ReadyTiming[];
  readonly floorAll: readonly ReadyTiming[];
  /** The run page at the view it opens on, and after "fit view". */
  readonly dashboardOpening: FrameWindow;
  readonly dashboardFit: FrameWindow;
  /** The floor at those same two viewports, recoloring nodes as fast. */
  readonly floorOpening: FrameWindow;
  readonly floorFit: FrameWindow;
  /** From the click on "fit view" to the first frame painted after the new view was drawn. */
  readonly fitClickMs: number;
  /** Frame times during a 1 s drag of the pane at fit view, mid-run. */
  readonly dragFrames: readonly number[];
}

/** The viewport React Flow shows now and its pane's size, as the floor's query string. */
async function viewportQuery(page: Page): Promise<string> {
  const view = await page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>(".react-flow__viewport")!;
    const matrix = new DOMMatrix(getComputedStyle(viewport).transform);
    const pane = document.querySelector(".react-flow")!.getBoundingClientRect();
    return { x: matrix.e, y: matrix.f, zoom: matrix.a, width: pane.width, height: pane.height };
  });
  return `x=${view.x}&y=${view.y}&zoom=${view.zoom}&width=${Math.round(view.width)}&height=${Math.round(view.height)}`;
}

/** How long a loaded machine may take to show the run page's graph and its fit-view button. */
const FIT_BUTTON_WAIT_MS = 30_000;

/**
 * Waits for the graph's fit-view button, and says what the run page shows instead when it does
 * not come (an error in place of the run's content, a load error, a page not found).
 */
async function waitForFitButton(page: Page): Promise<void> {
  const button = page.getByTestId("fit-view");
  const problem = page.locator(
    '[data-testid="run-content-error"], [data-testid="load-error"], [data-testid="not-found"]',
  );
  try {
    await button.or(problem).first().waitFor({ timeout: FIT_BUTTON_WAIT_MS });
  } catch {
    // Neither came: said below with whatever the page shows.
  }
  if (await button.isVisible()) return;
  const shown = (await problem.count()) > 0 ? problem.first() : page.locator("main");
  const text =
    (await shown.textContent({ timeout: 1000 }).catch(() => null))?.replace(/\s+/g, " ").trim() ||
    "(no text)";
  throw new Error(
    `The run page never showed the graph's fit-view button (waited ${FIT_BUTTON_WAIT_MS / 1000} s); it shows: ${text.slice(0, 500)}`,
  );
}

/**
 * Clicks "fit view" and times, in the page, from the click to the first frame painted after
 * the graph has drawn the new view (the canvas's draw count moving on, or a frame when no canvas
 * is used): a rAF callback runs before the frame's paint, a task queued from it after.
 */
async function timeFitClick(page: Page): Promise<number> {
  await waitForFitButton(page);
  return page.evaluate(`new Promise((resolve) => {
    const canvasDraws = () => Number(document.querySelector('[data-testid="graph-shapes"]')?.dataset.drawn ?? -1);
    const before = canvasDraws();
    const start = performance.now();
    document.querySelector('[data-testid="fit-view"]').click();
    const check = () => {
      const drawn = canvasDraws();
      if ((drawn !== -1 && drawn !== before) || performance.now() - start > 10000) {
        setTimeout(() => resolve(performance.now() - start), 0);
      } else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })`) as Promise<number>;
}

/** Drags the pane for about `durationMs` in small steps while the frames are timed. */
async function dragFrameTimes(page: Page, durationMs: number): Promise<number[]> {
  const pane = (await page.locator(".react-flow__pane").boundingBox())!;
  const frames = frameTimes(page, durationMs + 200);
  const steps = 20;
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  await page.mouse.down();
  for (let step = 1; step <= steps; step++) {
    await page.mouse.move(
      pane.x + pane.width / 2 - (step * 200) / steps,
      pane.y + pane.height / 2 - (step * 60) / steps,
    );
    await new Promise((resolve) => setTimeout(resolve, durationMs / steps));
  }
  await page.mouse.up();
  return frames;
}

async function measureBrowser(options: BenchmarkOptions): Promise<BrowserResults> {
  const floorDir = path.join(options.scratchDir, "floor-dist");
  await buildFloor(floorDir);
  const floor = await serveStatic(floorDir, { "/floor-graph.json": floorGraph() });
  const worker = await startWorkerProcess(path.join(options.scratchDir, "dashboard.db"));
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS });
    const repeats = options.smoke ? 1 : 5;
    const dashboard: ReadyTiming[] = [];
    const floorCorner: ReadyTiming[] = [];
    const floorAll: ReadyTiming[] = [];
    // The floor opens on the very viewport the dashboard chose, whatever its rule for that is.
    let viewport = "";
    const timeDashboard = async () => {
      const timing = await timeToReady(browser!, `${worker.url}/pipelines/bench-2000`);
      if (timing.viewport === null)
        throw new Error("the dashboard's graph has no React Flow viewport");
      const { x, y, zoom, width, height } = timing.viewport;
      viewport = `x=${x}&y=${y}&zoom=${zoom}&width=${Math.round(width)}&height=${Math.round(height)}`;
      return timing;
    };
    const pages: [ReadyTiming[], () => Promise<ReadyTiming>][] = [
      [dashboard, timeDashboard],
      [floorCorner, () => timeToReady(browser!, `${floor.url}/?view=same&${viewport}`)],
      ...(options.smoke
        ? []
        : [
            [floorAll, () => timeToReady(browser!, `${floor.url}/?view=all`)] as [
              ReadyTiming[],
              () => Promise<ReadyTiming>,
            ],
          ]),
    ];
    // One throwaway load of each warms the server's and the browser's caches alike (and gives
    // the dashboard's viewport before the floor needs it).
    if (options.smoke) await timeDashboard();
    else for (const [, load] of pages) await load();
    for (let round = 0; round < repeats; round++) {
      for (let i = 0; i < pages.length; i++) {
        const [list, load] = pages[(round + i) % pages.length]!;
        list.push(await load());
      }
    }
    options.log("  dashboard: time to interactive measured");

    // bench-2000 at concurrency 50 runs about 20 s: both windows, the click and the drag fit in it.
    const windowMs = options.smoke ? 2_000 : 6_000;
    const run = (await (
      await fetch(`${worker.url}/api/pipelines/bench-2000/runs`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ concurrency: 50 }),
      })
    ).json()) as { id: string };
    const actionCount = async () =>
      ((await (await fetch(`${worker.url}/api/runs/${run.id}`)).json()) as { actionCount: number })
        .actionCount;
    const timedWindow = async (page: Page): Promise<FrameWindow> => {
      const before = await actionCount();
      const startedAt = performance.now();
      const frames = await frameTimes(page, windowMs);
      const updatesPerSecond =
        ((await actionCount()) - before) / ((performance.now() - startedAt) / 1000);
      return { frames, updatesPerSecond };
    };
    const runPage = await openReady(browser, `${worker.url}/runs/${run.id}`);
    const dashboardOpening = await timedWindow(runPage);
    const openingView = await viewportQuery(runPage);
    const fitClickMs = await timeFitClick(runPage);
    const dashboardFit = await timedWindow(runPage);
    const fitView = await viewportQuery(runPage);
    const dragFrames = await dragFrameTimes(runPage, 1_000);
    await runPage.context().close();
    await fetch(`${worker.url}/api/runs/${run.id}/cancel`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });

    // The floor recolors 200 nodes a second, the rate bench-2000 streams at.
    const floorWindow = async (view: string): Promise<FrameWindow> => {
      const floorPage = await openReady(browser!, `${floor.url}/?view=same&${view}&updates=200`);
      const frames = await frameTimes(floorPage, windowMs);
      await floorPage.context().close();
      return { frames, updatesPerSecond: 200 };
    };
    const floorOpening = await floorWindow(openingView);
    const floorFit = await floorWindow(fitView);
    options.log("  dashboard: frame times measured");
    return {
      dashboard,
      floorCorner,
      floorAll,
      dashboardOpening,
      dashboardFit,
      floorOpening,
      floorFit,
      fitClickMs,
      dragFrames,
    };
  } finally {
    await browser?.close();
    await worker.stop();
    await floor.close();
  }
}

/** The dashboard at scale: layout time against elkjs and dagre, load time and frame times in Chromium. */
export async function runDashboard(options: BenchmarkOptions): Promise<BenchmarkResult> {
  // The worker serves the dashboard from MILO_WEB_ROOT when it is set (a build of one's own).
  const webRoot = process.env.MILO_WEB_ROOT ?? path.join(REPO_ROOT, "apps/web/dist");
  if (!existsSync(path.join(webRoot, "index.html"))) {
    throw new Error(
      `The dashboard is not built (${path.join(webRoot, "index.html")} is missing): run \`npx -y pnpm@10.34.9 build\` first.`,
    );
  }
  if (!existsSync(CHROMIUM_EXECUTABLE)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_EXECUTABLE}: install it with \`apt-get install -y chromium\`.`,
    );
  }
  const sizes = options.smoke ? [100] : [100, 500, BIG];
  const layouts = await measureLayouts(sizes, options);
  const browser = await measureBrowser(options);

  const layoutMs = (engine: LayoutEngine, size: number) => layouts.get(`${engine}|${size}`)!.ms;
  const shown = (value: number | null) =>
    value === null ? `> ${LAYOUT_LIMIT_MS / 1000} s` : milliseconds(value);
  const layoutRows = sizes.map((size) => {
    const ours = layoutMs(OURS, size)!;
    return [
      size.toLocaleString("en-US"),
      ...LAYOUT_ENGINES.map((engine) => {
        const value = layoutMs(engine, size);
        if (engine === OURS) return shown(value);
        return value === null
          ? `${shown(value)} (> ${ratio(LAYOUT_LIMIT_MS / ours)})`
          : `${shown(value)} (${ratio(value / ours)})`;
      }),
    ];
  });

  const readySummary = (timings: readonly ReadyTiming[]) => ({
    readyMs: median(timings.map((timing) => timing.readyMs)),
    layoutMs: median(
      timings.map((timing) => timing.layoutMs ?? Number.NaN).filter(Number.isFinite),
    ),
    renderedNodes: median(timings.map((timing) => timing.renderedNodes)),
  });
  const dashboardReady = readySummary(browser.dashboard);
  const floorCorner = readySummary(browser.floorCorner);
  const floorAll = readySummary(browser.floorAll);
  const longFrames = (frames: readonly number[]) => frames.filter((frame) => frame > 33.4).length;
  const views = [
    ["opening view", browser.dashboardOpening, browser.floorOpening],
    ["fit view", browser.dashboardFit, browser.floorFit],
  ] as const;
  const dragWorst = Math.max(...browser.dragFrames);

  const biggest = sizes[sizes.length - 1]!;
  const oursBig = layoutMs(OURS, biggest)!;
  const elkBig = layoutMs(ELK, biggest);
  const targets: TargetCheck[] = [
    atMost(
      `Dashboard: layout of ${biggest.toLocaleString("en-US")} phases under 1 s`,
      oursBig,
      1_000,
      milliseconds,
    ),
    {
      ...atLeast(
        `Dashboard: layout of ${biggest.toLocaleString("en-US")} phases ≥ 10× faster than elkjs's defaults`,
        (elkBig ?? LAYOUT_LIMIT_MS) / oursBig,
        10,
        ratio,
      ),
      ...(elkBig === null
        ? {
            measured: `> ${ratio(LAYOUT_LIMIT_MS / oursBig)} (elkjs stopped at ${LAYOUT_LIMIT_MS / 1000} s)`,
          }
        : {}),
    },
    atMost(
      "Dashboard: 2,000-phase graph interactive within 2× of the bare React Flow floor",
      dashboardReady.readyMs / floorCorner.readyMs,
      2,
      ratio,
    ),
    ...views.flatMap(([view, dashboardWindow, floorWindow]) => {
      const ours = summarize(dashboardWindow.frames).p95;
      const floorP95 = summarize(floorWindow.frames).p95;
      return [
        atMost(
          `Dashboard: p95 frame time ≤ 33 ms at the ${view} while the 2,000-phase run streams`,
          ours,
          33,
          frameMs,
        ),
        atMost(
          `Dashboard: p95 frame time at the ${view} ≤ 1.5× the bare React Flow floor's`,
          ours / floorP95,
          1.5,
          ratio,
        ),
      ];
    }),
    atMost(
      "Dashboard: click on fit view to the next frame < 100 ms, mid-run",
      browser.fitClickMs,
      100,
      frameMs,
    ),
    atMost(
      "Dashboard: worst frame of a 1 s drag at fit view < 100 ms, mid-run",
      dragWorst,
      100,
      frameMs,
    ),
  ];

  return {
    id: "dashboard",
    title: "5. The dashboard at scale (Chromium)",
    tables: [
      {
        title:
          "Layout time, median (× the dashboard's), same graphs and node size, in worker threads",
        columns: ["phases", ...LAYOUT_ENGINES],
        rows: layoutRows,
      },
      {
        title: `Navigation to the ${BIG.toLocaleString("en-US")}-phase graph drawn and interactive (data-ready), median of ${browser.dashboard.length}`,
        columns: ["page", "ready", "× floor", "layout (in page)", "nodes in the DOM"],
        rows: [
          [
            "dashboard /pipelines/bench-2000",
            milliseconds(dashboardReady.readyMs),
            ratio(dashboardReady.readyMs / floorCorner.readyMs),
            milliseconds(dashboardReady.layoutMs),
            String(dashboardReady.renderedNodes),
          ],
          [
            "floor: React Flow, same viewport, sizes given (the floor)",
            milliseconds(floorCorner.readyMs),
            "1.00×",
            "precomputed",
            String(floorCorner.renderedNodes),
          ],
          ...(floorAll.renderedNodes > 0
            ? [
                [
                  "naive React Flow page: fit all, every node drawn and measured",
                  milliseconds(floorAll.readyMs),
                  ratio(floorAll.readyMs / floorCorner.readyMs),
                  "precomputed",
                  String(floorAll.renderedNodes),
                ],
              ]
            : []),
        ],
      },
      {
        title: `Frame times while statuses stream in (${(options.smoke ? 2 : 6).toString()} s windows, the same run and Chromium)`,
        columns: ["page", "view", "updates/s", "p50", "p95", "max", "frames > 33 ms"],
        rows: views.flatMap(([view, dashboardWindow, floorWindow]) =>
          [
            ["dashboard /runs/:id (bench-2000, concurrency 50)", dashboardWindow],
            ["floor: bare React Flow recoloring nodes", floorWindow],
          ].map(([page, window]) => {
            const { frames, updatesPerSecond } = window as FrameWindow;
            const summary = summarize(frames);
            return [
              page as string,
              view,
              Math.round(updatesPerSecond).toString(),
              frameMs(summary.median),
              frameMs(summary.p95),
              frameMs(summary.max),
              `${longFrames(frames)} of ${frames.length}`,
            ];
          }),
        ),
      },
      {
        title: "Interaction at fit view, mid-run",
        columns: ["action", "time"],
        rows: [
          ["click on fit view → next frame painted", frameMs(browser.fitClickMs)],
          [
            `1 s drag of the pane: worst frame (of ${browser.dragFrames.length})`,
            frameMs(dragWorst),
          ],
        ],
      },
    ],
    targets,
    notes: [
      `Layout graphs: about √n columns of √n phases, each depending on 1–3 of the column before. Each engine runs in its own worker thread (the dashboard's layout.ts imported as is); a run past ${LAYOUT_LIMIT_MS / 1000} s is stopped and shown as "> ${LAYOUT_LIMIT_MS / 1000} s".`,
      "Interactive = from navigation start to data-ready=\"true\" on the graph container, seen by a MutationObserver installed before the page's scripts; fresh browser context each load, pages alternated. The floor (a Vite build of bench/floor) fetches the dashboard's positions and draws them with React Flow's default nodes and edges, opening on the viewport the dashboard opened on, rendering only what is visible and told each node's size and handles (so it measures nothing): the least React Flow does for this view.",
      "Frame times are requestAnimationFrame deltas in headless Chromium (--disable-gpu: software rendering) while a 2,000-phase run streams about 200 status changes a second over SSE; updates/s is measured from the run's action count. Frames come at multiples of 16.7 ms (60 Hz), so a p95 of 33.3 ms means more than 5% of frames missed a vsync.",
      "Opening view: where the run page opens (the running phases, at a readable zoom, followed as they move). Fit view: after a click on the graph's fit-view button, the whole graph, which the dashboard draws as shapes on one canvas below a readable zoom; the floor is opened on that same viewport and draws every node as React Flow does. The click is timed in the page, from the click to the first frame painted after the canvas drew; the drag moves the pane 200 px in 20 steps over 1 s.",
    ],
    data: {
      layouts: Object.fromEntries(layouts),
      browser,
    },
  };
}

/** Frame times to a tenth of a millisecond: 33.3 ms (two vsyncs) must not read as 33 ms. */
function frameMs(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(1)} ms` : "n/a";
}
