import { expect, test } from "@playwright/test";
import { FAILURE_MESSAGE } from "../fixtures/pipelines";
import { PipelinePage } from "../pages/PipelinePage";

test("opens a pipeline from the list and draws its graph", async ({ page }) => {
  const pipeline = await PipelinePage.openFromHome(page, "e2e-ordered");
  for (const phase of ["fetch", "compile", "package"]) {
    await expect(pipeline.node(phase)).toBeVisible();
  }
  await expect(pipeline.node("fetch")).toHaveAttribute("data-status", "pending");
});

test("starts a run and sees the phases go running then completed, in order", async ({ page }) => {
  const pipeline = await PipelinePage.open(page, "e2e-ordered");
  const run = await pipeline.startRun();
  // Record every status each node shows while the run moves.
  await page.evaluate(() => {
    const seen: Record<string, string[]> = {};
    (window as unknown as { seenStatuses: typeof seen }).seenStatuses = seen;
    const note = (node: HTMLElement) => {
      const name = node.dataset.testid!.slice("phase-node-".length);
      seen[name] ??= [];
      const list = seen[name];
      const status = node.dataset.status ?? "";
      if (list.at(-1) !== status) list.push(status);
    };
    const all = () =>
      document.querySelectorAll<HTMLElement>('[data-testid^="phase-node-"]').forEach(note);
    all();
    new MutationObserver(all).observe(document.body, {
      subtree: true,
      attributes: true,
      attributeFilter: ["data-status"],
    });
  });
  await run.expectRunStatus("completed");
  await expect(run.progress).toHaveAttribute("aria-valuenow", "100");
  const seen = await page.evaluate(
    () => (window as unknown as { seenStatuses: Record<string, string[]> }).seenStatuses,
  );
  for (const phase of ["fetch", "compile", "package"]) {
    expect(seen[phase]?.slice(-2)).toEqual(["running", "completed"]);
  }
  // Each phase started only after the one before it completed: read it from the worker's log.
  const response = await page.request.get(`/api/runs/${run.runId}/actions`);
  const { actions } = (await response.json()) as {
    actions: { type: string; payload: { name?: string } }[];
  };
  const starts = actions
    .filter((action) => action.type === "@@PHASE_START")
    .map((action) => action.payload.name);
  expect(starts).toEqual(["fetch", "compile", "package"]);
  await expect(run.timeline).toBeVisible();
});

test("a failing pipeline shows its error in the panel and the phases it blocked", async ({
  page,
}) => {
  const pipeline = await PipelinePage.open(page, "e2e-broken");
  const run = await pipeline.startRun();
  await run.expectRunStatus("failed");
  await expect(run.node("bundle")).toHaveAttribute("data-status", "failed");
  await expect(run.node("lint")).toHaveAttribute("data-status", "completed");
  for (const blocked of ["publish", "notify"]) {
    await expect(run.node(blocked)).toHaveAttribute("data-status", "pending");
    await expect(run.node(blocked)).toHaveAttribute("data-blocked-by", "bundle");
  }
  await run.openPhase("bundle");
  await expect(run.panel.getByTestId("phase-error")).toContainText(FAILURE_MESSAGE);
  await expect(run.panel.getByTestId("phase-logs")).toContainText("writing bundle.js");
  // The stack is folded under the message and points into the pipeline's own file.
  const stack = run.panel.getByTestId("phase-stack");
  await expect(stack.locator("pre")).toBeHidden();
  await stack.locator("summary").click();
  await expect(stack.locator("pre")).toBeVisible();
  await expect(stack.locator("pre")).toContainText("fixtures/pipelines.ts");
});

test("cancels a running run", async ({ page }) => {
  const pipeline = await PipelinePage.open(page, "e2e-slow");
  const run = await pipeline.startRun();
  await expect(run.node("crunch-a")).toHaveAttribute("data-status", "running");
  await run.cancel();
  await run.expectRunStatus("cancelled");
  await expect(run.node("crunch-a")).toHaveAttribute("data-status", "cancelled");
  await expect(run.node("merge")).toHaveAttribute("data-status", "pending");
});

test("reloading mid-run shows the same state and keeps following the run", async ({ page }) => {
  const pipeline = await PipelinePage.open(page, "e2e-slow");
  const run = await pipeline.startRun();
  await expect(run.node("crunch-b")).toHaveAttribute("data-status", "running");
  const before = await run.statuses();
  await page.reload();
  await run.waitForGraph();
  await expect(run.node("warmup")).toHaveAttribute("data-status", "completed");
  const after = await run.statuses();
  // The run moves on while the page reloads: nothing may go backwards.
  for (const [phase, status] of Object.entries(before)) {
    if (status === "completed") expect(after[phase]).toBe("completed");
  }
  expect(after["crunch-a"]).toMatch(/running|completed/);
  const server = await (await page.request.get(`/api/runs/${run.runId}`)).json();
  const warmup = server.state.phases.find((phase: { name: string }) => phase.name === "warmup");
  expect(after.warmup).toBe(warmup.status);
  await run.cancel();
  await run.expectRunStatus("cancelled");
});

test("the 2,000-phase pipeline renders and stays interactive", async ({ page }) => {
  const pipeline = await PipelinePage.open(page, "large");
  const graph = page.locator('[data-ready="true"]');
  const layoutMs = Number(await graph.getAttribute("data-layout-ms"));
  expect(Number.isFinite(layoutMs)).toBe(true);
  // Only the visible part of a big graph is in the DOM; some nodes must be drawn.
  await expect(page.locator('[data-testid^="phase-node-"]').first()).toBeVisible();
  const drawn = await page.locator('[data-testid^="phase-node-"]').count();
  expect(drawn).toBeGreaterThan(0);
  // Panning works: the viewport moves when dragged.
  const pane = page.locator(".react-flow__pane");
  const viewport = page.locator(".react-flow__viewport");
  const before = await viewport.getAttribute("style");
  const box = (await pane.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 200, box.y + box.height / 2 - 100, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => viewport.getAttribute("style")).not.toBe(before);
  expect(pipeline.name).toBe("large");
});

test("a run of the 2,000-phase pipeline updates the graph live to the end", async ({ page }) => {
  const pipeline = await PipelinePage.open(page, "large");
  const run = await pipeline.startRun();
  await expect
    .poll(async () => Number(await run.progress.getAttribute("aria-valuenow")), { timeout: 30_000 })
    .toBeGreaterThan(0);
  await run.expectRunStatus("completed", 90_000);
  await expect(run.progress).toHaveAttribute("aria-valuenow", "100");
  const statuses = Object.values(await run.statuses());
  expect(statuses.length).toBeGreaterThan(0);
  expect(new Set(statuses)).toEqual(new Set(["completed"]));
});
