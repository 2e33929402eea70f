import { expect, type Page, test } from "@playwright/test";
import { RunPage } from "../pages/RunPage";

// The 2,000-phase "large" example, run a few phases at a time so it is still running while the
// page is looked at (about 15 s), and cancelled at the end of each test.
async function startLargeRun(page: Page, at?: number): Promise<RunPage> {
  const response = await page.request.post("/api/pipelines/large/runs", {
    data: { concurrency: 3 },
  });
  expect(response.ok()).toBe(true);
  const { id } = (await response.json()) as { id: string };
  if (at !== undefined) {
    // A moment of the run already recorded: its running phases stay the same while looked at.
    await expect
      .poll(async () => {
        const detail = (await (await page.request.get(`/api/runs/${id}`)).json()) as {
          actionCount: number;
        };
        return detail.actionCount;
      })
      .toBeGreaterThan(at);
  }
  await page.goto(`/runs/${id}${at === undefined ? "" : `?at=${at}`}`);
  const run = new RunPage(page);
  await run.waitForGraph();
  started = { page, run };
  // The graph card fits in the window: bring all of it into sight, as a person would scroll.
  await page.getByTestId("pipeline-graph").scrollIntoViewIfNeeded();
  return run;
}

async function cancel(page: Page, run: RunPage): Promise<void> {
  await page.request.post(`/api/runs/${run.runId}/cancel`, { data: {} });
}

// A test that fails midway still stops its run, so the next one has the agents to itself.
let started: { page: Page; run: RunPage } | null = null;
test.afterEach(async () => {
  if (started) await cancel(started.page, started.run);
  started = null;
});

/** The graph pane's box on screen and React Flow's viewport (translate and zoom). */
async function paneAndViewport(page: Page) {
  const pane = (await page.locator(".react-flow").boundingBox())!;
  const viewport = await page.evaluate(() => {
    const element = document.querySelector<HTMLElement>(".react-flow__viewport")!;
    const matrix = new DOMMatrix(getComputedStyle(element).transform);
    return { x: matrix.e, y: matrix.f, zoom: matrix.a };
  });
  return { pane, viewport };
}

/** Whether a box lies wholly inside another. */
const inside = (
  box: { x: number; y: number; width: number; height: number },
  pane: { x: number; y: number; width: number; height: number },
) =>
  box.x >= pane.x &&
  box.y >= pane.y &&
  box.x + box.width <= pane.x + pane.width &&
  box.y + box.height <= pane.y + pane.height;

test("a 2,000-phase run opens where its phases run, readable, and follows them", async ({
  page,
}) => {
  // Its phases take 5–50 ms each: a moment of the run holds still long enough to be checked.
  await startLargeRun(page, 800);
  const graph = page.locator(".react-flow");
  await expect(graph).toHaveAttribute("data-detail", "full");
  // Some running phase is drawn inside the pane (not the first column, all done by now).
  await expect
    .poll(async () => {
      const { pane } = await paneAndViewport(page);
      for (const node of await page
        .locator('[data-testid^="phase-node-"][data-status="running"]')
        .all()) {
        const box = await node.boundingBox();
        if (box && inside(box, pane)) return true;
      }
      return false;
    })
    .toBe(true);
  const { viewport } = await paneAndViewport(page);
  expect(viewport.zoom).toBeGreaterThanOrEqual(0.4);
  // Following is on for a live run, and a drag by the user turns it off.
  const follow = page.getByTestId("follow-running");
  await expect(follow).toHaveAttribute("aria-pressed", "true");
  const pane = (await page.locator(".react-flow__pane").boundingBox())!;
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  await page.mouse.down();
  await page.mouse.move(pane.x + pane.width / 2 - 150, pane.y + pane.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect(follow).toHaveAttribute("aria-pressed", "false");
});

test("a status count picks its phases out, and n / p open them in turn", async ({ page }) => {
  const run = await startLargeRun(page);
  const completed = page.getByTestId("status-filter-completed");
  await completed.click();
  await expect(completed).toHaveAttribute("aria-pressed", "true");
  const position = page.getByTestId("status-filter-position");
  await expect(position).toContainText("picked out on the graph");

  await page.keyboard.press("n");
  await expect(run.panel).toBeVisible();
  const first = await run.panel.getAttribute("data-phase");
  await expect(position).toContainText("Completed: 1 of");
  // The phase opened is one of the filter's, drawn emphasised.
  await expect(run.node(first!)).toHaveAttribute("data-highlighted", "true");
  await expect(run.node(first!)).toHaveAttribute("data-status", "completed");

  await page.keyboard.press("n");
  await expect(position).toContainText("Completed: 2 of");
  const second = await run.panel.getAttribute("data-phase");
  expect(second).not.toBe(first);
  await expect(run.node(second!)).toHaveAttribute("data-highlighted", "true");

  await page.getByTestId("status-filter-prev").click();
  await expect(run.panel).toHaveAttribute("data-phase", first!);
  await expect(position).toContainText("Completed: 1 of");

  await page.getByTestId("status-filter-clear").click();
  await expect(page.getByTestId("status-filter")).toHaveCount(0);
  await expect(page.locator('[data-highlighted="true"]')).toHaveCount(0);
});

test("at fit view the run is drawn as shapes, and clicking one opens its phase", async ({
  page,
}) => {
  const run = await startLargeRun(page);
  // Where a phase drawn at full detail sits in the flow (React Flow's node transform).
  const node = page.locator('.react-flow__node[data-id^="l"]').first();
  await expect(node).toBeVisible();
  const name = (await node.getAttribute("data-id"))!;
  const flowPosition = await node.evaluate((element) => {
    const matrix = new DOMMatrix(getComputedStyle(element).transform);
    return { x: matrix.e, y: matrix.f };
  });

  await page.getByTestId("fit-view").click();
  const graph = page.locator(".react-flow");
  await expect(graph).toHaveAttribute("data-detail", "low");
  const shapes = page.getByRole("img", { name: /2,000 phases drawn as shapes/ });
  await expect(shapes).toBeVisible();
  await expect.poll(async () => Number(await shapes.getAttribute("data-drawn"))).toBeGreaterThan(0);
  // No DOM node is left to draw: the canvas draws them all.
  await expect(page.locator(".react-flow__node")).toHaveCount(0);

  // The shape is where the layout put the phase, in the new viewport.
  const { pane, viewport } = await paneAndViewport(page);
  expect(viewport.zoom).toBeLessThan(0.4);
  const x = pane.x + viewport.x + (flowPosition.x + 112) * viewport.zoom;
  const y = pane.y + viewport.y + (flowPosition.y + 34) * viewport.zoom;
  await page.mouse.click(x, y);
  await expect(run.panel).toHaveAttribute("data-phase", name);

  // One button fits the phase's lineage: the view moves to show it and what it depends on.
  const before = (await paneAndViewport(page)).viewport;
  await page.getByTestId("fit-lineage").click();
  await expect.poll(async () => (await paneAndViewport(page)).viewport).not.toEqual(before);
});
