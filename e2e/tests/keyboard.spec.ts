import { expect, test } from "@playwright/test";
import { expectFocused, tabTo } from "../pages/keyboard";
import { RunPage } from "../pages/RunPage";

/** React Flow's focusable wrapper around a phase's node. */
const nodeWrapper = (page: import("@playwright/test").Page, phase: string) =>
  page.locator(`.react-flow__node[data-id="${phase}"]`);

test("the whole run flow works with the keyboard alone", async ({ page }) => {
  await page.goto("/");
  // The first stop is the skip link, which jumps past the header. Tab only once the app has
  // drawn its first page, or the key press lands on a page with nothing to focus yet.
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(page.getByTestId("pipeline-link-e2e-ordered")).toBeVisible();
  await page.keyboard.press("Tab");
  await expectFocused(skip);
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expectFocused(page.locator("main#main"));

  // Open a pipeline.
  await tabTo(page, page.getByTestId("pipeline-link-e2e-ordered"));
  await page.keyboard.press("Enter");
  await expect(page.locator('[data-ready="true"]')).toBeVisible();

  // The search comes before the nodes in the tab order.
  await tabTo(page, page.getByTestId("phase-search"));
  await page.keyboard.press("Tab");
  await expect
    .poll(() =>
      page.evaluate(() => document.activeElement?.classList.contains("react-flow__node") ?? false),
    )
    .toBe(true);

  // Start a run.
  await tabTo(page, page.getByTestId("start-run"));
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/runs\/[^/]+$/);
  const run = new RunPage(page);
  await run.waitForGraph();
  await run.expectRunStatus("completed");

  // A node's accessible name carries its status.
  const compile = nodeWrapper(page, "compile");
  await expect(page.getByRole("group", { name: "compile, completed" })).toHaveCount(1);

  // Open a phase with Enter, close it with Escape, and land back on the node.
  await tabTo(page, compile);
  await page.keyboard.press("Enter");
  await expect(run.panel).toBeVisible();
  await expect(run.panel).toHaveAttribute("data-phase", "compile");
  await page.keyboard.press("Escape");
  await expect(run.panel).toHaveCount(0);
  await expectFocused(compile);

  // Space opens it as well.
  await page.keyboard.press(" ");
  await expect(run.panel).toHaveAttribute("data-phase", "compile");
  await page.keyboard.press("Escape");
  await expect(run.panel).toHaveCount(0);
});
