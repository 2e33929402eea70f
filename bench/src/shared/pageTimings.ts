import type { Browser, Page } from "@playwright/test";

export const CHROMIUM_EXECUTABLE = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export const VIEWPORT = { width: 1280, height: 800 };

type Marked = Window & { __readyAt?: number };

export interface ReadyTiming {
  /** From navigation start to the graph container's data-ready="true". */
  readonly readyMs: number;
  /** The page's own data-layout-ms, when it reports one. */
  readonly layoutMs: number | null;
  /** React Flow nodes in the DOM once ready. */
  readonly renderedNodes: number;
  /** The viewport it opened on (React Flow's translate and scale) and the pane's size. */
  readonly viewport: {
    readonly x: number;
    readonly y: number;
    readonly zoom: number;
    readonly width: number;
    readonly height: number;
  } | null;
}

/**
 * Loads `url` in a fresh context and times it until an element with data-ready="true" appears,
 * seen by a MutationObserver installed before any of the page's scripts run.
 */
export async function timeToReady(
  browser: Browser,
  url: string,
  timeoutMs = 60_000,
): Promise<ReadyTiming> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const marked = window as Marked;
      new MutationObserver(() => {
        if (marked.__readyAt === undefined && document.querySelector('[data-ready="true"]')) {
          marked.__readyAt = performance.now();
        }
      }).observe(document, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ["data-ready"],
      });
    });
    await page.goto(url);
    await page.waitForFunction(() => (window as Marked).__readyAt !== undefined, null, {
      timeout: timeoutMs,
    });
    const timing = await page.evaluate(() => {
      const layout = document.querySelector("[data-layout-ms]")?.getAttribute("data-layout-ms");
      const viewport = document.querySelector<HTMLElement>(".react-flow__viewport");
      const pane = document.querySelector(".react-flow")?.getBoundingClientRect();
      return {
        readyMs: (window as Marked).__readyAt!,
        layoutMs: layout ? Number(layout) : null,
        renderedNodes: document.querySelectorAll(".react-flow__node").length,
        transform: viewport ? getComputedStyle(viewport).transform : null,
        paneWidth: pane?.width ?? 0,
        paneHeight: pane?.height ?? 0,
      };
    });
    const { transform, paneWidth, paneHeight, ...rest } = timing;
    const view = parseTransform(transform);
    return { ...rest, viewport: view && { ...view, width: paneWidth, height: paneHeight } };
  } finally {
    await context.close();
  }
}

/** matrix(a, b, c, d, tx, ty) as React Flow writes its viewport; null for anything else. */
function parseTransform(transform: string | null): { x: number; y: number; zoom: number } | null {
  const match = /^matrix\(([^)]+)\)$/.exec(transform ?? "");
  if (!match) return null;
  const [zoom, , , , x, y] = match[1]!.split(",").map(Number);
  return zoom === undefined || x === undefined || y === undefined ? null : { x, y, zoom };
}

/** Opens `url` in a fresh context and waits until its graph is ready. */
export async function openReady(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('[data-ready="true"]', { timeout: 60_000 });
  return page;
}

/** The time between animation frames, for `durationMs`, as requestAnimationFrame sees it. */
export function frameTimes(page: Page, durationMs: number): Promise<number[]> {
  // A string, not a function: tsx's name-keeping helper (__name) does not exist in the page.
  return page.evaluate(`new Promise((resolve) => {
    const deltas = [];
    let last = null;
    let end = Infinity;
    function tick(now) {
      if (last === null) end = now + ${Number(durationMs)};
      else deltas.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(tick);
      else resolve(deltas);
    }
    requestAnimationFrame(tick);
  })`) as Promise<number[]>;
}
