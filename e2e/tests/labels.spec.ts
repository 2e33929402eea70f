import { expect, test } from "@playwright/test";
import { PipelinePage } from "../pages/PipelinePage";

test("phases a cancelled run never reached say Not run, and a watched run ends as ended", async ({
  page,
}) => {
  const pipeline = await PipelinePage.open(page, "e2e-slow");
  const run = await pipeline.startRun();
  await expect(run.node("crunch-a")).toHaveAttribute("data-status", "running");
  await run.cancel();
  await run.expectRunStatus("cancelled");
  // The state still says pending; the words say what happened.
  await expect(run.node("merge")).toHaveAttribute("data-status", "pending");
  await expect(run.node("merge")).toHaveAttribute("title", /Not run/);
  await expect(
    page.getByRole("group", { name: "merge, not run, blocked by crunch-a" }),
  ).toHaveCount(1);
  await expect(page.getByTestId("status-count-pending")).toContainText("Not run");
  await run.openPhase("merge");
  await expect(run.panel.getByTestId("phase-status")).toHaveText("Not run");

  // Watched live to its end: not a replay.
  const stream = page.getByTestId("stream-status");
  await expect(stream).toHaveAttribute("data-state", "ended");
  await expect(stream).toHaveText("Run ended: no more updates");
  // Opened after the end, it is one.
  await page.reload();
  await expect(stream).toHaveAttribute("data-state", "ended");
  await expect(stream).toHaveText("Replayed to the end");
});

test("search matches descriptions, clears its highlights after a pick, and does not over-zoom", async ({
  page,
}) => {
  const pipeline = await PipelinePage.open(page, "e2e-ordered");
  const zoom = () =>
    page.evaluate(() => {
      const viewport = document.querySelector<HTMLElement>(".react-flow__viewport");
      return new DOMMatrix(getComputedStyle(viewport!).transform).a;
    });
  const before = await zoom();
  const search = page.getByTestId("phase-search");
  // "Fetch sources" is fetch's description, not its name.
  await search.fill("sources");
  await expect(page.getByRole("list", { name: "Matching phases" })).toContainText("fetch");
  await expect(pipeline.node("fetch")).toHaveClass(/ring-amber-400/);
  await search.press("Enter");
  await expect(page.getByTestId("phase-panel")).toHaveAttribute("data-phase", "fetch");
  await expect(search).toHaveValue("");
  await expect(page.locator(".ring-amber-400")).toHaveCount(0);
  // A small graph already shown readably is not blown up past what it was.
  await page.waitForTimeout(600);
  expect(await zoom()).toBeLessThanOrEqual(Math.max(before, 0.75) + 0.01);
});

test("search lists more than eight matches on request", async ({ page }) => {
  await PipelinePage.open(page, "large");
  const search = page.getByTestId("phase-search");
  await search.fill("p0");
  const list = page.getByRole("list", { name: "Matching phases" });
  const options = list.locator("button:not([data-testid])");
  await expect(options).toHaveCount(20);
  await page.getByTestId("phase-search-more").dispatchEvent("mousedown");
  await expect(options).toHaveCount(40);
});

test("a link to a phase the pipeline does not have says so", async ({ page }) => {
  await page.goto("/pipelines/e2e-ordered?phase=nope");
  await expect(page.getByTestId("unknown-phase")).toContainText(
    "No phase named “nope” in e2e-ordered",
  );
  await page.getByTestId("unknown-phase").getByRole("button", { name: "Dismiss" }).click();
  await expect(page.getByTestId("unknown-phase")).toHaveCount(0);
  await expect(page).not.toHaveURL(/phase=/);
});
