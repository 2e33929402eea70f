import { expect, test } from "@playwright/test";
import { PipelinePage } from "../pages/PipelinePage";

test("every tab is titled after its page", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle("Pipelines · Milo");

  const pipeline = await PipelinePage.open(page, "e2e-ordered");
  await expect(page).toHaveTitle("e2e-ordered · Milo");

  const run = await pipeline.startRun();
  const shortId = run.runId.length > 9 ? `${run.runId.slice(0, 8)}…` : run.runId;
  await expect(page).toHaveTitle(`e2e-ordered · run ${shortId} · Milo`);

  await page.goto("/runs");
  await expect(page).toHaveTitle("Runs · Milo");
  await page.goto("/agents");
  await expect(page).toHaveTitle("Agents · Milo");
  await page.goto("/nowhere");
  await expect(page).toHaveTitle("Not found · Milo");
  await page.goto("/runs/no-such-run");
  await expect(page).toHaveTitle("run no-such-… · Milo");
});
