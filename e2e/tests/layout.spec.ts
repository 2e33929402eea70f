import { expect, type Locator, type Page, test } from "@playwright/test";
import { PipelinePage } from "../pages/PipelinePage";
import type { RunPage } from "../pages/RunPage";

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

async function box(locator: Locator): Promise<Box> {
  const found = await locator.boundingBox();
  if (found === null) throw new Error(`${locator} is not drawn`);
  return found;
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 1 &&
  inner.y >= outer.y - 1 &&
  inner.x + inner.width <= outer.x + outer.width + 1 &&
  inner.y + inner.height <= outer.y + outer.height + 1;

/** A finished run of the five-phase pipeline, the last phase on the far right. */
async function finishedRun(page: Page): Promise<RunPage> {
  const pipeline = await PipelinePage.open(page, "e2e-broken");
  const run = await pipeline.startRun();
  await run.expectRunStatus("failed");
  return run;
}

/** Waits until the node stops moving (the view animates to keep it in sight). */
async function settledBox(locator: Locator): Promise<Box> {
  let last = await box(locator);
  for (let tries = 0; tries < 20; tries += 1) {
    await locator.page().waitForTimeout(100);
    const next = await box(locator);
    if (Math.abs(next.x - last.x) < 0.5 && Math.abs(next.y - last.y) < 0.5) return next;
    last = next;
  }
  return last;
}

async function expectPanelsApart(page: Page, run: RunPage): Promise<void> {
  const pane = await box(page.locator(".react-flow"));
  const search = await box(page.getByTestId("phase-search"));
  const legend = await box(page.getByRole("list", { name: "Status legend" }));
  expect(overlaps(search, legend), "legend over the search box").toBe(false);
  expect(overlaps(search, pane), "search over the canvas").toBe(false);
  expect(overlaps(legend, pane), "legend over the canvas").toBe(false);
  const minimap = page.locator(".react-flow__minimap");
  if ((await minimap.count()) > 0) {
    const map = await box(minimap);
    for (const node of await page.locator(".react-flow__node").all()) {
      expect(overlaps(map, await box(node)), "minimap over a node").toBe(false);
    }
  }
  await expect(run.panel).toBeVisible();
}

// 200% zoom is emulated as the browser does it: half the CSS pixels across and down
// (1280×800 → 640×400) at a device scale factor of 2.
const screens = [
  { name: "1280×800", viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  { name: "390×844 (phone)", viewport: { width: 390, height: 844 }, deviceScaleFactor: 3 },
  { name: "1280×800 at 200% zoom", viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
];

for (const screen of screens) {
  test.describe(screen.name, () => {
    test.use({ viewport: screen.viewport, deviceScaleFactor: screen.deviceScaleFactor });

    test("the clicked node stays in sight and nothing on the graph covers another", async ({
      page,
    }) => {
      const run = await finishedRun(page);
      const pane = page.locator(".react-flow");
      // The rightmost phase: the one the narrower pane would hide.
      const notify = page.locator('.react-flow__node[data-id="notify"]');
      await notify.scrollIntoViewIfNeeded();
      await notify.click();
      await expect(run.panel).toHaveAttribute("data-phase", "notify");
      const node = await settledBox(notify);
      expect(inside(node, await box(pane)), "the clicked node is inside the pane").toBe(true);
      await expectPanelsApart(page, run);

      // The canvas keeps most of the graph's card; the minimap appears only where it fits.
      const card = await box(page.getByTestId("pipeline-graph"));
      const canvas = await box(pane);
      expect(canvas.height / card.height).toBeGreaterThanOrEqual(0.6);
      if (canvas.width < 720) await expect(page.locator(".react-flow__minimap")).toHaveCount(0);
    });
  });
}
