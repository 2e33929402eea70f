import { expect, type Locator, type Page } from "@playwright/test";
import { RunPage } from "./RunPage";

/** A pipeline's page: its graph, its runs, and the button that starts a run. */
export class PipelinePage {
  readonly graph: Locator;
  readonly runsTable: Locator;

  constructor(
    readonly page: Page,
    readonly name: string,
  ) {
    this.graph = page.locator("[data-ready]");
    this.runsTable = page.getByTestId("runs-table");
  }

  /** Opens the pipeline from the home page's list, as a person would. */
  static async openFromHome(page: Page, name: string): Promise<PipelinePage> {
    await page.goto("/");
    await page.getByTestId(`pipeline-link-${name}`).click();
    const pipelinePage = new PipelinePage(page, name);
    await pipelinePage.waitForGraph();
    return pipelinePage;
  }

  static async open(page: Page, name: string): Promise<PipelinePage> {
    await page.goto(`/pipelines/${encodeURIComponent(name)}`);
    const pipelinePage = new PipelinePage(page, name);
    await pipelinePage.waitForGraph();
    return pipelinePage;
  }

  node(phase: string): Locator {
    return this.page.getByTestId(`phase-node-${phase}`);
  }

  async waitForGraph(): Promise<void> {
    await expect(this.page.locator('[data-ready="true"]')).toBeVisible({ timeout: 30_000 });
  }

  /** Clicks "start run" and follows the dashboard to the new run's page. */
  async startRun(): Promise<RunPage> {
    await this.page.getByTestId("start-run").click();
    await this.page.waitForURL(/\/runs\/[^/]+$/);
    const runPage = new RunPage(this.page);
    await runPage.waitForGraph();
    return runPage;
  }
}
