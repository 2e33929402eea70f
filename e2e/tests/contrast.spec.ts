import { expect, type Page, test } from "@playwright/test";
import { measureContrast } from "../pages/measureContrast";
import { PipelinePage } from "../pages/PipelinePage";

// WCAG AA for normal-size text.
const AA = 4.5;

/** Every status word on the page (badges, node labels, counts, zero counts included). */
async function expectStatusTextReadable(page: Page, where: string): Promise<Set<string>> {
  const seen = new Set<string>();
  const elements = page.locator("[data-status-text], [data-status-text] span");
  const failures: string[] = [];
  for (const element of await elements.all()) {
    if (!(await element.isVisible())) continue;
    const measured = await measureContrast(element);
    if (measured.text === "") continue;
    const status = await element.evaluate(
      (node) => node.closest<HTMLElement>("[data-status-text]")?.dataset.statusText ?? "",
    );
    seen.add(status);
    if (measured.ratio < AA) {
      failures.push(
        `${where}: ${status} "${measured.text}" ${measured.color} on ${measured.background} = ${measured.ratio}`,
      );
    }
  }
  expect(failures).toEqual([]);
  return seen;
}

for (const theme of ["light", "dark"] as const) {
  test(`every status text and the search placeholder reach 4.5:1 in the ${theme} theme`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: theme });
    const seen = new Set<string>();

    const broken = await PipelinePage.open(page, "e2e-broken");
    expect(
      (await measureContrast(page.getByTestId("phase-search"), "::placeholder")).ratio,
    ).toBeGreaterThanOrEqual(AA);
    const failedRun = await broken.startRun();
    await failedRun.expectRunStatus("failed");
    for (const status of await expectStatusTextReadable(page, "failed run")) seen.add(status);

    const mixed = await PipelinePage.open(page, "e2e-mixed");
    const live = await mixed.startRun();
    await expect(live.node("upload")).toHaveAttribute("data-status", "retrying");
    await expect(live.node("optional")).toHaveAttribute("data-status", "skipped");
    for (const status of await expectStatusTextReadable(page, "live run")) seen.add(status);
    await live.cancel();
    await live.expectRunStatus("cancelled");
    for (const status of await expectStatusTextReadable(page, "cancelled run")) seen.add(status);

    // The runs table's badges.
    await PipelinePage.open(page, "e2e-mixed");
    await expect(page.getByTestId("runs-table")).toBeVisible();
    for (const status of await expectStatusTextReadable(page, "runs table")) seen.add(status);

    expect([...seen].sort()).toEqual([
      "cancelled",
      "completed",
      "failed",
      "pending",
      "retrying",
      "running",
      "skipped",
    ]);
  });
}
