import { expect, test } from "@playwright/test";
import { PipelinePage } from "../pages/PipelinePage";
import { seriousViolations } from "../pages/seriousViolations";

for (const theme of ["light", "dark"] as const) {
  test(`no serious or critical accessibility violation on any page, ${theme} theme`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: theme });
    const found: Record<string, string[]> = {};
    const check = async (name: string) => {
      const violations = await seriousViolations(page);
      if (violations.length > 0) found[name] = violations;
    };

    await page.goto("/");
    await expect(page.getByTestId("pipelines-table")).toBeVisible();
    await check("pipelines");

    const pipeline = await PipelinePage.open(page, "e2e-broken");
    await check("pipeline");
    await pipeline.node("bundle").click();
    await expect(page.getByTestId("phase-panel")).toBeVisible();
    await check("pipeline with a phase open");

    const run = await pipeline.startRun();
    await run.expectRunStatus("failed");
    await check("run");
    await run.openPhase("bundle");
    await check("run with a phase open");

    await page.goto("/runs");
    await expect(page.getByTestId("runs-table")).toBeVisible();
    await check("runs");

    await page.goto("/no-such-page");
    await expect(page.getByTestId("not-found")).toBeVisible();
    await check("not found");

    expect(found).toEqual({});
  });
}

for (const theme of ["light", "dark"] as const) {
  test(`no serious or critical accessibility violation on the agents page, ${theme} theme`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto("/agents");
    await expect(page.locator("main")).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(await seriousViolations(page)).toEqual([]);
  });
}
