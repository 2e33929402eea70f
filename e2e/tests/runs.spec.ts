import { expect, test } from "@playwright/test";
import { PipelinePage } from "../pages/PipelinePage";

interface StartedRun {
  readonly id: string;
}

test("/runs lists every pipeline's runs, filtered by status and pipeline in the URL", async ({
  page,
  request,
}) => {
  const ordered = (await (
    await request.post("/api/pipelines/e2e-ordered/runs", {
      data: { concurrency: 2, failFast: true },
    })
  ).json()) as StartedRun;
  const broken = (await (
    await request.post("/api/pipelines/e2e-broken/runs", { data: {} })
  ).json()) as StartedRun;

  await page.goto("/runs");
  const orderedRow = page.getByTestId(`run-row-${ordered.id}`);
  const brokenRow = page.getByTestId(`run-row-${broken.id}`);
  await expect(orderedRow).toBeVisible();
  await expect(brokenRow).toBeVisible();
  await expect(orderedRow).toContainText("e2e-ordered");
  await expect(brokenRow).toContainText("e2e-broken");
  await expect(orderedRow.getByTestId("run-concurrency-cell")).toHaveText("2");
  await expect(orderedRow.getByTestId("run-fail-fast-cell")).toHaveText("yes");
  await expect(brokenRow.getByTestId("run-concurrency-cell")).toHaveText("no limit");
  await expect(brokenRow.getByTestId("run-fail-fast-cell")).toHaveText("no");

  // The broken run fails on its own; then only it is left under "failed".
  await expect(brokenRow.locator('[data-status="failed"]')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId("runs-filter-status").selectOption("failed");
  await expect(page).toHaveURL(/[?&]status=failed/);
  await expect(brokenRow).toBeVisible();
  await expect(orderedRow).toHaveCount(0);
  for (const badge of await page.locator('[data-testid^="run-row-"] [data-status]').all()) {
    await expect(badge).toHaveAttribute("data-status", "failed");
  }

  // The filters survive a reload and combine.
  await page.getByTestId("runs-filter-pipeline").selectOption("e2e-ordered");
  await expect(page).toHaveURL(/[?&]pipeline=e2e-ordered/);
  await page.reload();
  await expect(page.getByTestId("runs-filter-status")).toHaveValue("failed");
  await expect(page.getByTestId("runs-filter-pipeline")).toHaveValue("e2e-ordered");
  await expect(page.getByText("No run matches these filters.")).toBeVisible();

  await page.getByTestId("runs-filter-status").selectOption("");
  await expect(orderedRow).toBeVisible();
  await expect(brokenRow).toHaveCount(0);

  // A status that does not exist is said, not silently dropped.
  await page.goto("/runs?status=bogus");
  await expect(page.getByTestId("runs-filter-ignored")).toContainText(
    "“bogus” is not a run status",
  );
  await expect(brokenRow).toBeVisible();
});

test("letters in Concurrency get a clear inline error instead of meaning no limit", async ({
  page,
}) => {
  const pipeline = await PipelinePage.open(page, "e2e-ordered");
  const concurrency = page.getByTestId("run-concurrency");
  await concurrency.fill("abc");
  await expect(concurrency).toHaveValue("abc");
  await expect(page.getByTestId("run-concurrency-error")).toContainText("whole number");
  await expect(page.getByTestId("start-run")).toBeDisabled();
  await concurrency.fill("3");
  await expect(page.getByTestId("run-concurrency-error")).toHaveCount(0);
  const run = await pipeline.startRun();
  const detail = (await (await page.request.get(`/api/runs/${run.runId}`)).json()) as {
    options: { concurrency: number | null };
  };
  expect(detail.options.concurrency).toBe(3);
});

test("/runs comes a page at a time: twenty, then the older ones on request", async ({
  page,
  request,
}) => {
  const ids: string[] = [];
  for (let index = 0; index < 21; index += 1) {
    const run = (await (
      await request.post("/api/pipelines/e2e-slow/runs", { data: {} })
    ).json()) as StartedRun;
    ids.push(run.id);
    // Only their rows matter here: stop them at once so they do not hold the agents.
    await request.post(`/api/runs/${run.id}/cancel`, { data: {} });
  }
  await page.goto("/runs?pipeline=e2e-slow&status=cancelled");
  const rows = page.locator('[data-testid^="run-row-"]');
  await expect(rows).toHaveCount(20);
  // Newest first: the first run started is the one left for the next page.
  await expect(page.getByTestId(`run-row-${ids[0]}`)).toHaveCount(0);
  await page.getByTestId("runs-load-more").click();
  await expect(page.getByTestId(`run-row-${ids[0]}`)).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(21);
});
