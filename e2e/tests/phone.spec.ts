import { expect, type Page, test } from "@playwright/test";
import { PipelinePage } from "../pages/PipelinePage";

test.use({
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
});

/**
 * The page scrolls only up and down: nothing reaches past the screen's right edge. Measured
 * against the screen's own width: a phone widens its layout viewport (and `innerWidth`) to fit
 * content that overflows, which would hide the very overflow looked for.
 */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const screenWidth = page.viewportSize()!.width;
  const widths = await page.evaluate(
    (screen) => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: screen,
      widest: [...document.querySelectorAll<HTMLElement>("body *")]
        .filter((element) => element.getBoundingClientRect().right > screen + 1)
        .filter((element) => !element.closest(".overflow-x-auto, .react-flow, .overflow-hidden"))
        .slice(0, 5)
        .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
    }),
    screenWidth,
  );
  expect(widths.scrollWidth, `${where}: ${widths.widest.join(" | ")}`).toBeLessThanOrEqual(
    widths.innerWidth,
  );
}

test("no page scrolls sideways on a phone, and what matters is on screen", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("pipelines-table")).toBeVisible();
  await expectNoSidewaysScroll(page, "pipelines");
  // Each pipeline's latest status and progress are on screen, not scrolled away to the right.
  const row = page.locator("tr", { has: page.getByTestId("pipeline-link-e2e-ordered") });
  await expect(row).toBeVisible();

  const pipeline = await PipelinePage.open(page, "e2e-broken");
  await expectNoSidewaysScroll(page, "pipeline");
  const run = await pipeline.startRun();
  await run.expectRunStatus("failed");
  await expectNoSidewaysScroll(page, "run");

  // The breadcrumb's last part, the run, is readable: not cut to nothing.
  const current = page.locator('nav[aria-label="Breadcrumb"] [aria-current="page"]');
  expect((await current.boundingBox())!.width).toBeGreaterThan(60);

  // The panel opens where it is seen.
  await run.node("bundle").click();
  await expect(run.panel).toBeInViewport();
  await expectNoSidewaysScroll(page, "run with a phase open");

  // The timeline fits the screen.
  const timeline = await run.timeline.boundingBox();
  expect(timeline!.x).toBeGreaterThanOrEqual(0);
  expect(timeline!.x + timeline!.width).toBeLessThanOrEqual(390);

  for (const path of ["/runs", "/agents", "/no-such-page"]) {
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expectNoSidewaysScroll(page, path);
  }
});

test("the pipelines list shows each pipeline's status and progress on a phone", async ({
  page,
  request,
}) => {
  await request.post("/api/pipelines/e2e-ordered/runs", { data: {} });
  await page.goto("/");
  const row = page.locator("tr", { has: page.getByTestId("pipeline-link-e2e-ordered") });
  await expect(row.locator("[data-status]").first()).toBeInViewport();
  await expect(row.getByRole("progressbar")).toBeInViewport();
});
