import { expect, test } from "@playwright/test";
import { PipelinePage } from "../pages/PipelinePage";
import { RunPage } from "../pages/RunPage";

test("a finished run opens in its final state and streams nothing it already has", async ({
  page,
}) => {
  const pipeline = await PipelinePage.open(page, "e2e-ordered");
  const finished = await pipeline.startRun();
  await finished.expectRunStatus("completed");
  const detail = (await (await page.request.get(`/api/runs/${finished.runId}`)).json()) as {
    seq: number;
    actionCount: number;
  };
  expect(detail.seq).toBe(detail.actionCount);

  // Open it afresh: the page asks for the events after the detail's seq, and gets none.
  const streams: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/events")) streams.push(new URL(request.url()).search);
  });
  await page.goto(`/runs/${finished.runId}`);
  const run = new RunPage(page);
  await run.waitForGraph();
  await run.expectRunStatus("completed");
  expect(await run.statuses()).toEqual({
    fetch: "completed",
    compile: "completed",
    package: "completed",
  });
  await expect.poll(() => streams).toEqual([`?after=${detail.seq}`]);
});
