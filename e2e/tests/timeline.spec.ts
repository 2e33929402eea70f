import { readFile } from "node:fs/promises";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { RunPage } from "../pages/RunPage";

/** Starts a run through the API and opens its page once it has finished. */
async function finishedRun(
  page: Page,
  request: APIRequestContext,
  pipeline: string,
  body: Record<string, unknown> = {},
): Promise<RunPage> {
  const response = await request.post(`/api/pipelines/${pipeline}/runs`, { data: body });
  expect(response.ok()).toBe(true);
  const { id } = (await response.json()) as { id: string };
  await expect
    .poll(
      async () =>
        ((await (await request.get(`/api/runs/${id}`)).json()) as { status: string }).status,
      { timeout: 60_000 },
    )
    .toMatch(/^(completed|failed|cancelled)$/);
  await page.goto(`/runs/${id}`);
  const run = new RunPage(page);
  await expect(run.timeline).toBeVisible();
  return run;
}

for (const width of [1280, 1920]) {
  test(`the Gantt chart fills its card at ${width} px`, async ({ page, request }) => {
    await page.setViewportSize({ width, height: 900 });
    const run = await finishedRun(page, request, "e2e-ordered");
    const card = (await run.timeline.boundingBox())!;
    // The card spans the page's column (as wide as the graph's card above it).
    const column = await run.timeline.evaluate((element) => {
      const parent = element.parentElement!;
      const style = getComputedStyle(parent);
      return (
        parent.clientWidth -
        Number.parseFloat(style.paddingLeft) -
        Number.parseFloat(style.paddingRight)
      );
    });
    expect(Math.abs(card.width - column)).toBeLessThan(2);
    expect(card.width).toBeGreaterThan(width / 2 + 300);
    // The last bar ends where the run ends: at the right of the card (12 px of room kept).
    const last = (await page.getByTestId("timeline-bar-package-1").boundingBox())!;
    expect(Math.abs(card.x + card.width - (last.x + last.width) - 13)).toBeLessThan(6);
    const first = (await page.getByTestId("timeline-bar-fetch-1").boundingBox())!;
    expect(first.x - card.x).toBeLessThan(210);
    const axis = (await page.getByTestId("timeline-axis").boundingBox())!;
    expect(axis.width).toBeGreaterThan(card.width - 220);
  });
}

test("a finished run's critical path is marked, with the other phases' slack", async ({
  page,
  request,
}) => {
  // prepare → long (1.5 s) → finish sets the run's time; short (0.3 s) beside long has slack.
  const run = await finishedRun(page, request, "e2e-insight");
  await run.expectRunStatus("completed");
  for (const phase of ["prepare", "long", "finish"]) {
    await expect(page.getByTestId(`timeline-row-${phase}`)).toHaveAttribute(
      "data-critical",
      "true",
    );
  }
  const short = page.getByTestId("timeline-row-short");
  await expect(short).not.toHaveAttribute("data-critical");
  await expect(short).toHaveAttribute("title", /of slack/);
  await expect(page.getByTestId("timeline-slack-short")).toBeVisible();
  await expect(page.getByTestId("timeline-critical-summary")).toContainText(
    "critical path 3 phases",
  );
  await expect(page.getByTestId("timeline-critical-links").locator("path")).toHaveCount(2);
  // Selecting a row selects the phase: the panel opens on it.
  await short.click();
  await expect(run.panel).toBeVisible();
  await expect(short).toHaveAttribute("aria-pressed", "true");
  await page.getByTestId("timeline-critical-toggle").uncheck();
  await expect(page.getByTestId("timeline-row-long")).not.toHaveAttribute("data-critical");
});

test("with one slot, the time a ready phase waited shows before its bar", async ({
  page,
  request,
}) => {
  // lint and bundle are both ready once prepare ends; one of them waits for the other.
  const run = await finishedRun(page, request, "e2e-broken", { concurrency: 1 });
  await run.expectRunStatus("failed");
  await expect(page.getByTestId("timeline-wait-total")).toContainText("waiting for a slot");
  // The one that waited for the other's slot (the first may wait a moment for an agent too).
  const waits = page.locator(
    '[data-testid="timeline-wait-lint"], [data-testid="timeline-wait-bundle"]',
  );
  await expect(waits.first()).toBeVisible();
  const widest = Math.max(
    ...(await waits.evaluateAll((spans) =>
      spans.map((span) => span.getBoundingClientRect().width),
    )),
  );
  const prepare = (await page.getByTestId("timeline-bar-prepare-1").boundingBox())!;
  // A wait as long as one of the phases it waited behind: far wider than a moment's.
  expect(widest).toBeGreaterThan(prepare.width);
  await expect(page.getByTestId("timeline-queue-chart")).toBeVisible();
  await expect(page.getByTestId("timeline-queue-chart")).toContainText("running (at most 1)");
});

test("a run under way: a wait for a slot grows as it lasts; the expected path is drawn", async ({
  page,
  request,
}) => {
  // One slot: after warmup, one crunch runs 4 s while the other waits for it.
  const response = await request.post("/api/pipelines/e2e-slow/runs", {
    data: { concurrency: 1 },
  });
  const { id } = (await response.json()) as { id: string };
  await page.goto(`/runs/${id}`);
  const run = new RunPage(page);
  const waits = page.locator(
    '[data-testid="timeline-wait-crunch-a"], [data-testid="timeline-wait-crunch-b"]',
  );
  await expect(waits.first()).toBeVisible();
  const widest = async () =>
    Math.max(
      ...(await waits.evaluateAll((spans) =>
        spans.map((span) => span.getBoundingClientRect().width),
      )),
    );
  const before = await widest();
  await expect.poll(widest).toBeGreaterThan(before + 5);
  await expect(page.getByTestId("timeline-critical-summary")).toContainText(
    "expected critical path",
  );
  // merge has not started: its expected bar stands in its row, the expected end beyond it.
  await expect(page.getByTestId("timeline-expected-merge")).toBeVisible();
  await expect(page.getByTestId("timeline-row-merge")).toHaveAttribute("data-critical", "true");
  await run.cancel();
  await run.expectRunStatus("cancelled");
});

test("the timeline downloads as an SVG file that parses as XML", async ({ page, request }) => {
  await finishedRun(page, request, "e2e-broken");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("timeline-download").click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^e2e-broken-.{8}\.timeline\.svg$/);
  const text = await readFile((await download.path())!, "utf8");
  const parsed = await page.evaluate((svg) => {
    const document = new DOMParser().parseFromString(svg, "image/svg+xml");
    return {
      errors: document.getElementsByTagName("parsererror").length,
      root: document.documentElement.tagName,
      labels: [...document.querySelectorAll("text")].map((node) => node.textContent),
    };
  }, text);
  expect(parsed.errors).toBe(0);
  expect(parsed.root).toBe("svg");
  expect(parsed.labels).toEqual(expect.arrayContaining(["prepare", "lint", "bundle"]));
});

test("dragging across the axis or turning the wheel over it zooms; reset shows the whole run", async ({
  page,
  request,
}) => {
  await finishedRun(page, request, "e2e-ordered");
  const reset = page.getByTestId("timeline-reset-zoom");
  await expect(reset).toBeDisabled();
  // The mouse reaches only what is on screen.
  await page.getByTestId("timeline-body").scrollIntoViewIfNeeded();
  const axis = (await page.getByTestId("timeline-axis").boundingBox())!;
  const before = (await page.getByTestId("timeline-bar-compile-1").boundingBox())!;
  await page.mouse.move(axis.x + axis.width * 0.3, axis.y + axis.height / 2);
  await page.mouse.down();
  await page.mouse.move(axis.x + axis.width * 0.7, axis.y + axis.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect(reset).toBeEnabled();
  const zoomed = (await page.getByTestId("timeline-bar-compile-1").boundingBox())!;
  expect(zoomed.width).toBeGreaterThan(before.width * 1.5);
  await reset.click();
  await expect(reset).toBeDisabled();
  // The wheel over the axis zooms around the pointer; Shift and the wheel then pans.
  await page.mouse.move(axis.x + axis.width * 0.5, axis.y + axis.height / 2);
  await page.mouse.wheel(0, -300);
  await expect(reset).toBeEnabled();
  const wheeled = (await page.getByTestId("timeline-bar-compile-1").boundingBox())!;
  expect(wheeled.width).toBeGreaterThan(before.width * 1.2);
  await page.keyboard.down("Shift");
  await page.mouse.wheel(0, 200);
  await page.keyboard.up("Shift");
  await expect
    .poll(async () => (await page.getByTestId("timeline-bar-compile-1").boundingBox())!.x)
    .toBeLessThan(wheeled.x - 20);
});

test("2,000 phases: only the rows in view are in the page, levels fold, the selection scrolls in", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const run = await finishedRun(page, request, "large");
  await run.expectRunStatus("completed", 60_000);
  await expect(run.timeline).toContainText("2000 of 2000 phases started");
  const rows = page.locator('[data-testid^="timeline-row-"]');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeLessThan(100);
  await page.getByTestId("timeline-group-by").selectOption("level");
  await page.getByRole("button", { name: "Fold all", exact: true }).click();
  await expect(rows).toHaveCount(0);
  // One summary row per level, 40 in all; the critical path runs through every one of them.
  const body = page.getByTestId("timeline-body");
  await expect.poll(() => body.evaluate((element) => element.scrollHeight)).toBe(40 * 22);
  await expect(page.getByTestId("timeline-group-level 1")).toHaveAttribute("data-critical", "true");
  await body.evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await expect(page.getByTestId("timeline-group-level 40")).toHaveAttribute(
    "data-critical",
    "true",
  );
  // A phase picked in the graph unfolds its group and scrolls its row into view.
  await body.evaluate((element) => element.scrollTo(0, 0));
  await page.getByTestId("phase-search").fill("l39-p49");
  await page.getByTestId("phase-search").press("Enter");
  const selected = page.getByTestId("timeline-row-l39-p49");
  await expect(selected).toHaveAttribute("aria-pressed", "true");
  const [rowBox, bodyBox] = [(await selected.boundingBox())!, (await body.boundingBox())!];
  expect(rowBox.y).toBeGreaterThanOrEqual(bodyBox.y);
  expect(rowBox.y + rowBox.height).toBeLessThanOrEqual(bodyBox.y + bodyBox.height);
});
