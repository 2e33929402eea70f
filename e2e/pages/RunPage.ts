import { expect, type Locator, type Page } from "@playwright/test";

/** A run's page: the graph colored by phase status, progress, timeline and the phase panel. */
export class RunPage {
  readonly progress: Locator;
  readonly status: Locator;
  readonly panel: Locator;
  readonly timeline: Locator;

  constructor(readonly page: Page) {
    this.progress = page.getByTestId("run-progress");
    this.status = page.getByTestId("run-status");
    this.panel = page.getByTestId("phase-panel");
    this.timeline = page.getByTestId("run-timeline");
  }

  get runId(): string {
    return new URL(this.page.url()).pathname.split("/").pop()!;
  }

  node(phase: string): Locator {
    return this.page.getByTestId(`phase-node-${phase}`);
  }

  async waitForGraph(): Promise<void> {
    await expect(this.page.locator('[data-ready="true"]')).toBeVisible({ timeout: 30_000 });
  }

  async phaseStatus(phase: string): Promise<string | null> {
    return this.node(phase).getAttribute("data-status");
  }

  async expectRunStatus(status: string, timeout = 20_000): Promise<void> {
    await expect(this.status).toHaveAttribute("data-status", status, { timeout });
  }

  async openPhase(phase: string): Promise<void> {
    await this.node(phase).click();
    await expect(this.panel).toBeVisible();
  }

  /** Clicks "re-run from failure" and follows the dashboard to the new run's page. */
  async rerunFromFailure(): Promise<RunPage> {
    const sourceId = this.runId;
    await this.page.getByTestId("rerun-from-failure").click();
    await expect(this.page).not.toHaveURL(new RegExp(`/runs/${sourceId}$`));
    const rerun = new RunPage(this.page);
    await rerun.waitForGraph();
    return rerun;
  }

  /** The payloads of the `@@PHASE_REUSED` actions the worker recorded for this run. */
  async reusedPhases(): Promise<{ name?: string; fromRun?: string }[]> {
    const response = await this.page.request.get(`/api/runs/${this.runId}/actions`);
    const { actions } = (await response.json()) as {
      actions: { type: string; payload: { name?: string; fromRun?: string } }[];
    };
    return actions.filter((a) => a.type === "@@PHASE_REUSED").map((a) => a.payload);
  }

  async cancel(): Promise<void> {
    await this.page.getByTestId("cancel-run").click();
  }

  /** Every phase node's status, keyed by phase name. */
  async statuses(): Promise<Record<string, string>> {
    return this.page.evaluate(() => {
      const result: Record<string, string> = {};
      for (const node of document.querySelectorAll<HTMLElement>('[data-testid^="phase-node-"]')) {
        result[node.dataset.testid!.slice("phase-node-".length)] = node.dataset.status ?? "";
      }
      return result;
    });
  }
}
