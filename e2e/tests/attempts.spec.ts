import { expect, test } from "@playwright/test";
import { PipelinePage } from "../pages/PipelinePage";

test("a retried phase's time covers every attempt and its log lines show their time and attempt", async ({
  page,
}) => {
  const pipeline = await PipelinePage.open(page, "e2e-retried");
  const run = await pipeline.startRun();
  await run.expectRunStatus("completed");
  await run.openPhase("fetch");

  // Wall time from the first attempt's start to the end: two back-offs of 300 ms at least.
  const elapsed = run.panel.getByTestId("phase-elapsed");
  await expect(elapsed).toContainText("over 3 attempts");
  const text = (await elapsed.textContent()) ?? "";
  const ms = /^([\d.]+)(ms|s)/.exec(text);
  expect(ms, `elapsed reads "${text}"`).not.toBeNull();
  expect(Number(ms![1]) * (ms![2] === "s" ? 1000 : 1)).toBeGreaterThanOrEqual(600);

  // One marker where each attempt starts; each line carries its attempt and its time.
  await expect(run.panel.getByTestId("phase-logs-attempt")).toHaveText([
    "Attempt 1",
    "Attempt 2",
    "Attempt 3",
  ]);
  const lines = run.panel.getByTestId("phase-log-line");
  await expect(lines).toHaveCount(3);
  for (const [index, attempt] of ["1", "2", "3"].entries()) {
    const line = lines.nth(index);
    await expect(line).toHaveAttribute("data-attempt", attempt);
    await expect(line).toContainText(`try ${attempt}`);
    await expect(line).toContainText(new RegExp(`\\d{2}:\\d{2}:\\d{2}[.,]\\d{3} #${attempt}`));
  }
});
