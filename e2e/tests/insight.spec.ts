import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { RunPage } from "../pages/RunPage";
import { seriousViolations } from "../pages/seriousViolations";

// e2e-insight: prepare → (long ‖ short) → finish; `long` takes 1.5 s plus the run's slowMs.
test.describe.configure({ mode: "serial" });

const PIPELINE = "e2e-insight";
let fastRun = "";
let slowRun = "";

async function startRun(request: APIRequestContext, slowMs: number): Promise<string> {
  const response = await request.post(`/api/pipelines/${PIPELINE}/runs`, {
    data: { inputs: { slowMs } },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function runToEnd(request: APIRequestContext, slowMs: number): Promise<string> {
  const id = await startRun(request, slowMs);
  await expect
    .poll(
      async () =>
        ((await (await request.get(`/api/runs/${id}`)).json()) as { status: string }).status,
      { timeout: 20_000 },
    )
    .toBe("completed");
  return id;
}

async function downloaded(page: Page, testId: string) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId(testId).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
}

test("the critical path of a finished run is highlighted on the graph and listed", async ({
  page,
  request,
}) => {
  fastRun = await runToEnd(request, 0);
  slowRun = await runToEnd(request, 6000);
  await page.goto(`/runs/${slowRun}?critical=1`);
  const run = new RunPage(page);
  await run.waitForGraph();
  await expect(page.getByTestId("critical-path-toggle")).toHaveAttribute("aria-pressed", "true");
  const steps = page.getByTestId("critical-path-steps-row");
  await expect(steps).toHaveCount(3);
  expect(
    await steps.evaluateAll((rows) => rows.map((row) => row.getAttribute("data-phase"))),
  ).toEqual(["prepare", "long", "finish"]);
  for (const phase of ["prepare", "long", "finish"]) {
    await expect(run.node(phase)).toHaveAttribute("data-mark", "critical");
  }
  await expect(run.node("short")).not.toHaveAttribute("data-mark", /./);
  // `short` had the slack: it could have taken about as long as `long` did beyond it.
  const slack = page.locator('[data-testid="critical-path-slack-row"][data-phase="short"]');
  await expect(slack).toContainText(/\ds/);
  // Off again: the URL forgets it and the graph has no marks.
  await page.getByTestId("critical-path-toggle").click();
  await expect(page).not.toHaveURL(/critical=1/);
  await expect(run.node("long")).not.toHaveAttribute("data-mark", /./);
});

test("comparing with the previous run tints the phase that got slower", async ({ page }) => {
  await page.goto(`/runs/${slowRun}`);
  const run = new RunPage(page);
  await run.waitForGraph();
  await page.getByTestId("compare-start").click();
  await expect(page).toHaveURL(new RegExp(`compare=${fastRun}`));
  await expect(page.getByTestId("compare-select")).toHaveValue(fastRun);
  await expect(run.node("long")).toHaveAttribute("data-mark", "slower");
  await expect(run.node("long")).toContainText(/[3-6]\.\d× slower/);
  const first = page.getByTestId("run-comparison-changes-row").first();
  await expect(first).toHaveAttribute("data-phase", "long");
  await expect(first).toContainText("× slower");
  // A row selects its phase.
  await first.getByRole("button", { name: "long" }).click();
  await expect(run.panel).toBeVisible();
  // The comparison is in the URL: a reload keeps it.
  await page.reload();
  await run.waitForGraph();
  await expect(run.node("long")).toHaveAttribute("data-mark", "slower");
  // A link that compares the run with itself, or with a run that does not exist, says so.
  await page.goto(`/runs/${slowRun}?compare=${slowRun}`);
  await expect(page.getByTestId("run-comparison")).toContainText("that is this run");
  await page.goto(`/runs/${slowRun}?compare=no-such-run`);
  await expect(page.getByTestId("run-comparison")).toContainText("could not load it");
});

test("the critical path and the comparison read well in both themes", async ({ page }) => {
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(`/runs/${slowRun}?critical=1&compare=${fastRun}`);
    await new RunPage(page).waitForGraph();
    await expect(page.getByTestId("critical-path-steps-row")).toHaveCount(3);
    await expect(page.getByTestId("run-comparison-changes-row").first()).toBeVisible();
    expect(await seriousViolations(page), theme).toEqual([]);
  }
});

test("the graph downloads as SVG, PNG and Mermaid text that parse", async ({ page }) => {
  await page.goto(`/runs/${slowRun}?critical=1`);
  const run = new RunPage(page);
  await run.waitForGraph();
  await expect(run.node("long")).toHaveAttribute("data-mark", "critical");
  const short = slowRun.slice(0, 8);

  const svg = await downloaded(page, "export-svg");
  expect(svg.name).toBe(`${PIPELINE}-${short}.svg`);
  const drawn = await page.evaluate((text) => {
    const document = new DOMParser().parseFromString(text, "image/svg+xml");
    return {
      error: document.querySelector("parsererror")?.textContent ?? null,
      phases: [...document.querySelectorAll("g.phase")].map((node) => [
        node.getAttribute("data-phase"),
        node.getAttribute("data-status"),
        node.getAttribute("data-mark"),
      ]),
    };
  }, svg.bytes.toString("utf8"));
  expect(drawn.error).toBeNull();
  expect(drawn.phases).toEqual([
    ["prepare", "completed", "critical"],
    ["long", "completed", "critical"],
    ["short", "completed", null],
    ["finish", "completed", "critical"],
  ]);

  const png = await downloaded(page, "export-png");
  expect(png.name).toBe(`${PIPELINE}-${short}.png`);
  const size = await page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
    return [bitmap.width, bitmap.height];
  }, png.bytes.toString("base64"));
  expect(size[0]).toBeGreaterThan(400);
  expect(size[1]).toBeGreaterThan(100);

  const mermaid = await downloaded(page, "export-mermaid");
  expect(mermaid.name).toBe(`${PIPELINE}-${short}.mmd`);
  const text = mermaid.bytes.toString("utf8");
  expect(text).toContain("flowchart LR");
  // The real Mermaid parser, on a blank page where the dashboard's CSP does not apply.
  const blank = await page.context().newPage();
  await blank.goto("about:blank");
  await blank.addScriptTag({
    path: createRequire(import.meta.url).resolve("mermaid/dist/mermaid.min.js"),
  });
  const parsed = await blank.evaluate(async (source) => {
    const { mermaid } = window as unknown as {
      mermaid: { parse(text: string): Promise<{ diagramType: string } | false> };
    };
    return mermaid.parse(source);
  }, text);
  expect(parsed).toMatchObject({ diagramType: "flowchart-v2" });
  await blank.close();
});

test("a running run shows when it should end, and the time left goes down", async ({
  page,
  request,
}) => {
  // The earlier runs give `long` a median of about 4.5 s (the time left goes down for that long);
  // this one takes 7.5 s, long enough to be seen still running in the runs table afterwards.
  const live = await startRun(request, 6000);
  await page.goto(`/runs/${live}`);
  const eta = page.getByTestId("run-eta");
  await expect(eta).toContainText(/ends (in ~\d+ s|any moment) \(\d\d:\d\d\)/);
  const first = Number(await eta.getAttribute("data-remaining-ms"));
  expect(first).toBeGreaterThan(0);
  await expect
    .poll(async () => Number(await eta.getAttribute("data-remaining-ms")), { timeout: 5000 })
    .toBeLessThan(first);
  // One action back in time, it says what was expected then rather than counting down.
  const scrubber = page.getByTestId("run-scrubber");
  await page.getByRole("button", { name: "One action back" }).click();
  await expect(scrubber).toHaveAttribute("data-live", "false");
  await expect(eta).toHaveText(/^expected then to end at \d\d:\d\d$/);
  await page.getByTestId("scrubber-live").click();
  await expect(eta).toContainText(/ends (in ~\d+ s|any moment) \(\d\d:\d\d\)/);
  // Its critical path is the expected one, simulated from the same medians.
  await page.getByTestId("critical-path-toggle").click();
  await expect(page.getByTestId("critical-path")).toContainText("Expected critical path");
  await expect(new RunPage(page).node("long")).toHaveAttribute("data-mark", "critical");
  // The runs table says it too, under the running run's status.
  await page.goto(`/pipelines/${PIPELINE}`);
  await expect(page.getByTestId(`run-row-${live}`).getByTestId("run-eta")).toContainText("ends");
  await expect(page.getByTestId(`run-row-${live}`).getByTestId("run-eta")).toHaveCount(0, {
    timeout: 15_000,
  });
});
