import { expect, type Page, test } from "@playwright/test";
import { PipelinePage } from "../pages/PipelinePage";

/** The React Flow wrapper of a drawn node (a phase, or a folded group `group:<name>`). */
const flowNode = (page: Page, id: string) =>
  page.locator(`.react-flow__node[data-id="${id.replaceAll('"', '\\"')}"]`);

/** Unfolds a folded group from the keyboard: focus on its node, then Enter. */
async function unfoldByKeyboard(page: Page, group: string): Promise<void> {
  await flowNode(page, `group:${group}`).focus();
  await page.keyboard.press("Enter");
}

test("folds the phases of each group into one node with their counts, kept in the URL", async ({
  page,
}) => {
  const pipeline = await PipelinePage.open(page, "e2e-grouped");
  const run = await pipeline.startRun();
  await run.expectRunStatus("completed");

  await page.getByTestId("fold-groups").click();
  await expect(page).toHaveURL(/[?&]fold=all\b/);
  const compile = page.getByTestId("group-node-compile");
  await expect(compile).toBeVisible();
  await expect(compile.getByTestId("group-phase-count")).toHaveText("3 phases");
  await expect(compile.locator('[data-status="completed"]')).toHaveAttribute("data-count", "3");
  await expect(compile).toHaveAttribute("data-progress", "100");
  await expect(page.getByTestId("group-node-sources")).toHaveAttribute("data-phase-count", "2");
  // Folded phases are not drawn; a phase in no group still is.
  await expect(run.node("compile-core")).toHaveCount(0);
  await expect(run.node("publish")).toBeVisible();
  // Edges between phases of one group are gone, edges into and out of a group merged.
  const edges = await page
    .locator(".react-flow__edge")
    .evaluateAll((all) => all.map((edge) => edge.getAttribute("data-id")).sort());
  expect(edges).toEqual(
    ["group:compile→publish", "group:sources→group:compile", "group:sources→publish"].sort(),
  );

  await page.reload();
  await run.waitForGraph();
  await expect(compile).toBeVisible();
  await expect(run.node("fetch")).toHaveCount(0);

  // A click unfolds one group; the other stays folded, and the URL says so.
  await compile.click();
  await expect(run.node("compile-core")).toBeVisible();
  await expect(page.getByTestId("group-node-compile")).toHaveCount(0);
  await expect(page.getByTestId("group-node-sources")).toBeVisible();
  await expect(page).toHaveURL(/[?&]fold=sources\b/);
  // Unfolding is not selecting: no phase panel opens for a group.
  await expect(run.panel).toHaveCount(0);

  await page.reload();
  await run.waitForGraph();
  await expect(page.getByTestId("group-node-sources")).toBeVisible();
  await unfoldByKeyboard(page, "sources");
  await expect(run.node("fetch")).toBeVisible();
  await expect(page).not.toHaveURL(/fold=/);
});

test("a link to a phase inside a folded group unfolds that group and shows the phase", async ({
  page,
}) => {
  await page.goto("/pipelines/e2e-grouped?fold=all&phase=compile-ui");
  const pipeline = new PipelinePage(page, "e2e-grouped");
  await pipeline.waitForGraph();
  await expect(pipeline.node("compile-ui")).toBeVisible();
  await expect(page.getByTestId("group-node-sources")).toBeVisible();
  await expect(page).toHaveURL(/[?&]fold=sources\b/);
});

test("folds the 2,000-phase run by name prefix, one node per level, and unfolds one", async ({
  page,
}) => {
  const pipeline = await PipelinePage.open(page, "large");
  const run = await pipeline.startRun();
  await page.getByTestId("fold-groups").click();
  await expect(page.getByTestId(/^group-node-/)).toHaveCount(40);
  const first = page.getByTestId("group-node-l00");
  await expect(first).toHaveAttribute("data-phase-count", "50");
  // The counts follow the run live, to all 50 completed.
  await run.expectRunStatus("completed", 60_000);
  await expect(first.locator('[data-status="completed"]')).toHaveAttribute("data-count", "50");
  await expect(page.getByTestId("group-node-l39")).toHaveAttribute("data-progress", "100");

  await unfoldByKeyboard(page, "l00");
  await expect(run.node("l00-p00")).toHaveCount(1);
  await expect(page.getByTestId(/^group-node-/)).toHaveCount(39);
  const url = new URL(page.url());
  const folded = url.searchParams.get("fold")!.split(",");
  expect(folded).toHaveLength(39);
  expect(folded).not.toContain("l00");

  await page.reload();
  await run.waitForGraph();
  await expect(page.getByTestId(/^group-node-/)).toHaveCount(39);
  await expect(run.node("l00-p00")).toHaveCount(1);
  await expect(page.getByTestId("group-node-l01")).toHaveAttribute("data-progress", "100");
});

test("no edge of the skip-edge pipeline passes behind a node, as drawn", async ({ page }) => {
  await PipelinePage.open(page, "e2e-skips");
  const through = await page.evaluate(() => {
    const boxes = [...document.querySelectorAll<HTMLElement>(".react-flow__node")].map((node) => ({
      id: node.dataset.id ?? "",
      box: node.getBoundingClientRect(),
    }));
    const hits: string[] = [];
    // What a straight edge would run behind: the layout must have routed around these.
    const straightHits: string[] = [];
    let sampled = 0;
    for (const edge of document.querySelectorAll<SVGGElement>(".react-flow__edge")) {
      const id = edge.getAttribute("data-id") ?? "";
      const [source, target] = id.split("→");
      const path = edge.querySelector<SVGPathElement>("path.react-flow__edge-path");
      const matrix = path?.getScreenCTM();
      if (!path || !matrix) continue;
      const length = path.getTotalLength();
      const start = path.getPointAtLength(0).matrixTransform(matrix);
      const end = path.getPointAtLength(length).matrixTransform(matrix);
      for (let step = 0; step <= 100; step++) {
        const x = start.x + ((end.x - start.x) * step) / 100;
        const y = start.y + ((end.y - start.y) * step) / 100;
        const behind = boxes.find(
          ({ id: node, box }) =>
            node !== source &&
            node !== target &&
            x > box.left + 1 &&
            x < box.right - 1 &&
            y > box.top + 1 &&
            y < box.bottom - 1,
        );
        if (behind) {
          straightHits.push(id);
          break;
        }
      }
      for (let at = 0; at <= length; at += 2) {
        const point = path.getPointAtLength(at).matrixTransform(matrix);
        sampled++;
        for (const { id: node, box } of boxes) {
          if (node === source || node === target) continue;
          const inside =
            point.x > box.left + 1 &&
            point.x < box.right - 1 &&
            point.y > box.top + 1 &&
            point.y < box.bottom - 1;
          if (inside) {
            hits.push(`${id} behind ${node}`);
            break;
          }
        }
      }
    }
    return { hits: [...new Set(hits)], straightHits, sampled };
  });
  expect(through.sampled).toBeGreaterThan(100);
  expect(through.straightHits).toContain("checkout→deploy");
  expect(through.hits).toEqual([]);
  // The long edges are there, drawn along their routes.
  for (const id of ["checkout→deploy", "build→announce", "docs→deploy"]) {
    await expect(page.locator(`.react-flow__edge[data-id="${id}"]`)).toHaveCount(1);
  }
});
