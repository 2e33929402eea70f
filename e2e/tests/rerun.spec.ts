import { expect, test } from "@playwright/test";
import { FAILURE_MESSAGE } from "../fixtures/pipelines";
import { PipelinePage } from "../pages/PipelinePage";
import { RunPage } from "../pages/RunPage";

test("re-running from failure fails the same phase again and shows the upstream phases reused", async ({
  page,
}) => {
  const pipeline = await PipelinePage.open(page, "e2e-broken");
  const source = await pipeline.startRun();
  await source.expectRunStatus("failed");
  const sourceId = source.runId;
  const rerun = await source.rerunFromFailure();
  await rerun.expectRunStatus("failed");
  await expect(page.getByTestId("run-error")).toContainText(FAILURE_MESSAGE);
  await expect(page.getByTestId("rerun-of")).toContainText("from its failure");
  // The same phase failed again; what needs it never ran.
  expect(await rerun.phaseStatus("bundle")).toBe("failed");
  expect(await rerun.phaseStatus("publish")).toBe("pending");
  expect(await rerun.phaseStatus("prepare")).toBe("completed");
  await rerun.openPhase("prepare");
  await expect(page.getByTestId("phase-reused")).toContainText("Reused from run");
  await rerun.openPhase("bundle");
  await expect(page.getByTestId("phase-reused")).toHaveCount(0);
  // The worker's log says which phases were reused and which ran.
  const reused = await rerun.reusedPhases();
  expect(reused).toEqual([
    expect.objectContaining({ name: "prepare", fromRun: sourceId }),
    expect.objectContaining({ name: "lint", fromRun: sourceId }),
  ]);
  // The source links to its re-run.
  await page.getByTestId("rerun-of").getByRole("link").click();
  await expect(page.getByTestId("reruns")).toBeVisible();
});

test("starts a pipeline with inputs from the form generated from its schema", async ({ page }) => {
  await PipelinePage.open(page, "e2e-inputs");
  await expect(page.getByTestId("run-input-times")).toHaveValue("2");
  await page.getByTestId("run-input-greeting").fill("hello");
  await page.getByTestId("start-run").click();
  const run = new RunPage(page);
  await run.waitForGraph();
  await run.expectRunStatus("completed");
  await expect(page.getByTestId("run-inputs")).toContainText('"hello"');
  const logs = await page.request.get(`/api/runs/${run.runId}/logs?phase=greet`);
  const { lines } = (await logs.json()) as { lines: { line: string }[] };
  expect(lines.map((entry) => entry.line)).toEqual(["hello ×2"]);
  // "Run again" keeps the inputs.
  const firstId = run.runId;
  await page.getByTestId("run-again").click();
  await expect(page).not.toHaveURL(new RegExp(`/runs/${firstId}$`));
  await run.expectRunStatus("completed");
  await expect(page.getByTestId("rerun-of")).toContainText("from the start");
  await expect(page.getByTestId("run-inputs")).toContainText('"hello"');
});

test("the failing example re-run from its failure fails migrate again and reuses the rest", async ({
  page,
}) => {
  const pipeline = await PipelinePage.open(page, "failing");
  const source = await pipeline.startRun();
  await source.expectRunStatus("failed");
  const sourceId = source.runId;
  const rerun = await source.rerunFromFailure();
  await rerun.expectRunStatus("failed");
  await expect(page.getByTestId("run-error")).toContainText('column "email" does not exist');
  expect(await rerun.phaseStatus("migrate")).toBe("failed");
  expect(await rerun.phaseStatus("seed")).toBe("pending");
  expect(await rerun.phaseStatus("deploy")).toBe("pending");
  for (const reused of ["prepare", "docs", "docs-publish"]) {
    expect(await rerun.phaseStatus(reused)).toBe("completed");
    await rerun.openPhase(reused);
    await expect(page.getByTestId("phase-reused")).toContainText("Reused from run");
  }
  await rerun.openPhase("migrate");
  await expect(page.getByTestId("phase-reused")).toHaveCount(0);
  const reused = await rerun.reusedPhases();
  expect(reused.map((payload) => payload.name).sort()).toEqual(["docs", "docs-publish", "prepare"]);
  expect(reused.every((payload) => payload.fromRun === sourceId)).toBe(true);
});
