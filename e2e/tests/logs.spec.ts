import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { LOG_LINES, logLine, TRICKLE_LINES } from "../fixtures/pipelines";
import { PipelinePage } from "../pages/PipelinePage";
import { RunPage } from "../pages/RunPage";
import { runToEnd } from "../pages/runToEnd";

const WARNINGS = LOG_LINES / 100;

/** A finished run of e2e-logs, opened once it has ended (not following 100,000 actions live). */
async function logsRun(page: Page): Promise<RunPage> {
  const { id, status } = await runToEnd(page, "e2e-logs");
  expect(status).toBe("completed");
  await page.goto(`/runs/${id}`);
  const run = new RunPage(page);
  await run.waitForGraph();
  return run;
}

test("a long log: only the lines in view are in the page, older ones page in on the way up", async ({
  page,
}) => {
  const run = await logsRun(page);
  await run.openPhase("spew");
  const logs = run.panel.getByTestId("phase-logs");
  await expect(run.panel.getByTestId("phase-logs-count")).toHaveText(
    `${LOG_LINES.toLocaleString("en-US")} lines`,
  );
  // It opens at the end, and holds a screenful of rows, not twenty thousand.
  await expect(logs).toContainText(logLine(LOG_LINES - 1));
  expect(await logs.locator("[data-index]").count()).toBeLessThan(150);

  // Dragged to the middle: the lines there are fetched by their place in the log.
  await logs.evaluate((box) => box.scrollTo({ top: box.scrollHeight / 2 }));
  await expect(logs.getByTestId("phase-log-line").first()).toHaveText(/chunk [45]\d{4} ok$/);
  await expect(logs.getByTestId("phase-log-pending")).toHaveCount(0);
  // Scrolled to the top: the first lines come from the worker (the run state keeps the last 200).
  await logs.evaluate((box) => box.scrollTo({ top: 0 }));
  await expect(logs.getByTestId("phase-log-line").first()).toHaveText(/chunk 0 ok$/);
  await expect(logs).toHaveAttribute("data-following", "false");
  expect(await logs.locator("[data-index]").count()).toBeLessThan(150);
  await run.panel.getByTestId("phase-logs-latest").click();
  await expect(logs).toContainText(logLine(LOG_LINES - 1));
});

test("search and the stream filter run over the whole log; the download holds every line", async ({
  page,
}) => {
  const run = await logsRun(page);
  await run.openPhase("spew");
  const logs = run.panel.getByTestId("phase-logs");
  const count = run.panel.getByTestId("phase-logs-count");

  const search = run.panel.getByTestId("phase-logs-search");
  await search.fill("wArN sLoW");
  await expect(count).toHaveText(`${WARNINGS.toLocaleString("en-US")} matching lines`);
  const lines = logs.getByTestId("phase-log-line");
  await expect(lines.first()).toContainText("WARN slow chunk 99");
  for (const text of await lines.allTextContents()) expect(text).toContain("WARN slow chunk");
  await expect(logs.locator("mark").first()).toHaveText("WARN slow");
  // A line far past the state's last 200, found by the worker.
  await search.fill("chunk 1234 ");
  await expect(count).toHaveText("1 matching line");
  await expect(lines).toHaveText([/chunk 1234 ok$/]);

  // Clearing returns to the whole log, following its end.
  await search.fill("");
  await expect(count).toHaveText(`${LOG_LINES.toLocaleString("en-US")} lines`);
  await expect(logs).toContainText(logLine(LOG_LINES - 1));

  await run.panel.getByTestId("phase-logs-stream-stderr").click();
  await expect(count).toHaveText(`${WARNINGS.toLocaleString("en-US")} matching lines`);
  for (const stream of await lines.evaluateAll((rows) => rows.map((row) => row.dataset.stream))) {
    expect(stream).toBe("stderr");
  }
  await run.panel.getByTestId("phase-logs-stream-all").click();
  await expect(count).toHaveText(`${LOG_LINES.toLocaleString("en-US")} lines`);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    run.panel.getByTestId("phase-logs-download").click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${run.runId}-spew.log`);
  const text = await readFile((await download.path())!, "utf8");
  const downloaded = text.split("\n");
  expect(downloaded).toHaveLength(LOG_LINES + 1);
  expect(downloaded[0]).toBe(logLine(0));
  expect(downloaded[LOG_LINES - 1]).toBe(logLine(LOG_LINES - 1));
});

test("a live log is followed, pauses when scrolled up, and resumes on Jump to latest", async ({
  page,
}) => {
  const run = await (await PipelinePage.open(page, "e2e-trickle")).startRun();
  await run.openPhase("trickle");
  const logs = run.panel.getByTestId("phase-logs");
  await expect(logs).toContainText(/tick \d+/);
  await expect(logs).toHaveAttribute("data-following", "true");
  // Still at the bottom as lines arrive: a later line shows up without scrolling.
  const lastTick = async () =>
    Number(/tick (\d+)\s*$/.exec((await logs.textContent()) ?? "")?.[1] ?? -1);
  const seen = await lastTick();
  await expect.poll(lastTick).toBeGreaterThan(seen + 10);
  expect(
    await logs.evaluate((box) => box.scrollHeight - box.scrollTop - box.clientHeight),
  ).toBeLessThan(30);
  await logs.hover();
  await page.mouse.wheel(0, -2000);
  await expect(logs).toHaveAttribute("data-following", "false");
  const latest = run.panel.getByTestId("phase-logs-latest");
  await expect(latest).toHaveText(/Jump to latest|Jump to end/);
  await latest.click();
  await expect(logs).toHaveAttribute("data-following", "true");
  await run.expectRunStatus("completed");
  await expect(logs).toContainText(`tick ${TRICKLE_LINES - 1}`);
});

test("after two runs, the phase panel charts the phase's durations and the pipeline its runs", async ({
  page,
}) => {
  const pipeline = await PipelinePage.open(page, "e2e-ordered");
  const first = await pipeline.startRun();
  await first.expectRunStatus("completed");
  await page.goto("/pipelines/e2e-ordered");
  await pipeline.waitForGraph();
  const second = await pipeline.startRun();
  await second.expectRunStatus("completed");
  const secondId = second.runId;
  await second.openPhase("compile");

  const chart = second.panel.getByTestId("phase-durations-chart");
  await expect(chart).toBeVisible();
  const bars = chart.getByTestId("phase-duration-bar");
  expect(await bars.count()).toBeGreaterThanOrEqual(2);
  await expect(bars.last()).toHaveAttribute("data-current", "true");
  await expect(chart.getByTestId("phase-durations-median")).toContainText(/median \d/);

  await page.goto("/pipelines/e2e-ordered");
  const runBars = page.getByTestId("run-duration-bar");
  await expect(runBars.last()).toHaveAttribute("href", `/runs/${secondId}`);
  expect(await runBars.count()).toBeGreaterThanOrEqual(2);
  await expect(runBars.last()).toHaveAttribute("data-status", "completed");
  await runBars.last().click();
  await page.waitForURL(`**/runs/${secondId}`);
});
