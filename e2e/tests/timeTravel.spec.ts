import {
  type AnyAction,
  createPipelineReducer,
  INIT,
  type PipelineGraph,
  type PipelineState,
} from "@milo/core";
import { expect, type Page, test } from "@playwright/test";
import { RunPage } from "../pages/RunPage";
import { runToEnd } from "../pages/runToEnd";

interface RecordedAction {
  readonly seq: number;
  readonly type: string;
  readonly payload: Record<string, unknown>;
}

interface FinishedRun {
  readonly runId: string;
  readonly graph: PipelineGraph;
  readonly actions: readonly RecordedAction[];
}

/** Runs e2e-broken (a phase completes, one fails, two never run) to its end through the API. */
async function finishedRun(page: Page): Promise<FinishedRun> {
  const { id, status } = await runToEnd(page, "e2e-broken");
  expect(status).toBe("failed");
  const detail = (await (await page.request.get(`/api/runs/${id}`)).json()) as {
    graph: PipelineGraph;
  };
  const page1 = (await (await page.request.get(`/api/runs/${id}/actions?limit=10000`)).json()) as {
    actions: RecordedAction[];
  };
  return { runId: id, graph: detail.graph, actions: page1.actions };
}

/** The core reducer over the run's first `seq` actions. */
function stateAfter(run: FinishedRun, seq: number): PipelineState {
  const reduce = createPipelineReducer(run.graph);
  let state = reduce(undefined, { type: INIT, payload: undefined });
  for (const action of run.actions.slice(0, seq)) state = reduce(state, action as AnyAction);
  return state;
}

function statusesOf(state: PipelineState): Record<string, string> {
  return Object.fromEntries(state.phases.map((phase) => [phase.name, phase.status]));
}

/** Waits until the page draws the moment after action `seq`, then checks it against `state`. */
async function expectDrawn(run: RunPage, seq: number, state: PipelineState): Promise<void> {
  const scrubber = run.page.getByTestId("run-scrubber");
  await expect(scrubber).toHaveAttribute("data-shown-seq", String(seq));
  await expect(scrubber).toHaveAttribute("data-loading", "false");
  await expect.poll(() => run.statuses()).toEqual(statusesOf(state));
  const counts = new Map<string, number>();
  for (const phase of state.phases) counts.set(phase.status, (counts.get(phase.status) ?? 0) + 1);
  for (const status of ["pending", "running", "completed", "failed", "skipped", "cancelled"]) {
    await expect(run.page.getByTestId(`status-count-${status}`)).toHaveAttribute(
      "data-count",
      String(counts.get(status) ?? 0),
    );
  }
}

test("scrubbing a finished run back draws each moment as the reducer gives it", async ({
  page,
}) => {
  const recorded = await finishedRun(page);
  // The moment `lint` completes: `prepare` done, `bundle` running, the rest pending.
  const lintDone = recorded.actions.find(
    (action) => action.type === "@@PHASE_COMPLETE" && action.payload.name === "lint",
  )!.seq;
  const moment = lintDone - 1;
  const before = stateAfter(recorded, moment);
  expect(new Set(Object.values(statusesOf(before)))).toEqual(
    new Set(["completed", "running", "pending"]),
  );

  await page.goto(`/runs/${recorded.runId}`);
  const run = new RunPage(page);
  await run.waitForGraph();
  await run.expectRunStatus("failed");
  const range = page.getByRole("slider", { name: /Moment of the run/ });
  await expect(range).toHaveAttribute("max", String(recorded.actions.length));
  await range.fill(String(moment));
  await expectDrawn(run, moment, before);
  await expect(page).toHaveURL(new RegExp(`[?&]at=${moment}(&|$)`));
  // The header still tells how the run itself ended.
  await run.expectRunStatus("failed");

  // One step forward applies exactly the next action: `lint` alone turns completed.
  await range.focus();
  await page.keyboard.press(".");
  const after = stateAfter(recorded, moment + 1);
  await expectDrawn(run, moment + 1, after);
  const changed = Object.entries(statusesOf(after)).filter(
    ([name, status]) => statusesOf(before)[name] !== status,
  );
  expect(changed).toEqual([["lint", "completed"]]);

  // And one back with the button returns to the moment before.
  await page.getByRole("button", { name: "One action back" }).click();
  await expectDrawn(run, moment, before);

  // Back to the end: the run as it ended, and no moment in the URL.
  await page.getByTestId("scrubber-live").click();
  await expect(page.getByTestId("run-scrubber")).toHaveAttribute("data-live", "true");
  await expect
    .poll(() => run.statuses())
    .toEqual(statusesOf(stateAfter(recorded, recorded.actions.length)));
  await expect(page).not.toHaveURL(/[?&]at=/);
});

test("a URL with ?at= opens the run at that moment", async ({ page }) => {
  const recorded = await finishedRun(page);
  const moment = recorded.actions.find(
    (action) => action.type === "@@PHASE_START" && action.payload.name === "bundle",
  )!.seq;
  await page.goto(`/runs/${recorded.runId}?at=${moment}`);
  const run = new RunPage(page);
  await run.waitForGraph();
  await expect(page.getByTestId("run-scrubber")).toHaveAttribute("data-position", String(moment));
  await expectDrawn(run, moment, stateAfter(recorded, moment));
  await expect(page).toHaveURL(new RegExp(`[?&]at=${moment}(&|$)`));
});

test("playing a finished run from its start at 16× ends on the run as it ended", async ({
  page,
}) => {
  const recorded = await finishedRun(page);
  await page.goto(`/runs/${recorded.runId}?at=0`);
  const run = new RunPage(page);
  await run.waitForGraph();
  await expectDrawn(run, 0, stateAfter(recorded, 0));
  await page.getByRole("button", { name: "16×" }).click();
  await page.getByRole("button", { name: "Play" }).click();
  const end = recorded.actions.length;
  await expect(page.getByRole("button", { name: "Play" })).toBeVisible();
  await expectDrawn(run, end, stateAfter(recorded, end));
  await expect(page.getByTestId("run-scrubber")).toHaveAttribute("data-position", String(end));
});

test("a live run dragged back stays at that moment until Live follows it again", async ({
  page,
}) => {
  const started = await page.request.post("/api/pipelines/e2e-slow/runs", { data: {} });
  const { id } = (await started.json()) as { id: string };
  await page.goto(`/runs/${id}`);
  const run = new RunPage(page);
  await run.waitForGraph();
  await expect(run.node("crunch-a")).toHaveAttribute("data-status", "running");
  const scrubber = page.getByTestId("run-scrubber");
  await expect(scrubber).toHaveAttribute("data-live", "true");
  await expect(page.getByRole("button", { name: "Live" })).toHaveAttribute("aria-pressed", "true");

  // Back to the first action: the run had only started.
  const range = page.getByRole("slider", { name: /Moment of the run/ });
  await range.fill("1");
  await expect(scrubber).toHaveAttribute("data-shown-seq", "1");
  await expect
    .poll(() => run.statuses())
    .toEqual({
      warmup: "pending",
      "crunch-a": "pending",
      "crunch-b": "pending",
      merge: "pending",
    });
  // The run goes on (its header says so) while the page stays at the moment.
  await expect(run.status).toHaveAttribute("data-status", "running");
  await expect(scrubber).toHaveAttribute("data-shown-seq", "1");

  await page.getByRole("button", { name: "Live" }).click();
  await expect(scrubber).toHaveAttribute("data-live", "true");
  await expect(run.node("crunch-a")).toHaveAttribute("data-status", "running");
  await run.cancel();
  await run.expectRunStatus("cancelled");
});
