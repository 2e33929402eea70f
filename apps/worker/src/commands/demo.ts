import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Pipeline } from "@milo/core";
import { isTerminalAction } from "@milo/core";
import pc from "picocolors";
import { loadPipelines } from "../loadPipelines";
import type { RunManager } from "../RunManager";
import { createRunView } from "../terminalView";
import type { RunSummary } from "../types";
import { listen, untilStopped } from "./serve";

export interface DemoOptions {
  readonly port?: number;
  readonly db?: string;
  readonly agents?: number;
  /** The token every request must carry (--token; default MILO_TOKEN; none on loopback). */
  readonly token?: string;
}

/** The repository's example pipeline modules, in the order the demo prefers them. */
export const EXAMPLE_FILES: readonly string[] = [
  "site/pipeline.ts",
  "flaky.ts",
  "failing.ts",
  "wide.ts",
  "large.ts",
].map((file) => fileURLToPath(new URL(`../../../../examples/${file}`, import.meta.url)));

/**
 * The runs the demo starts at once, so a newcomer sees several pipelines move side by side:
 * the site build, the wide fan-out held to 4 phases at a time, and the flaky one's retries.
 */
const DEMO_RUNS: readonly { readonly pipeline: string; readonly concurrency?: number }[] = [
  { pipeline: "site" },
  { pipeline: "wide", concurrency: 4 },
  { pipeline: "flaky" },
];

/** `milo demo`: serve the examples and start one run so there is something to watch. */
export async function demoCommand(options: DemoOptions): Promise<number> {
  const pipelines: Pipeline[] = [];
  const pipelineFiles: string[] = [];
  for (const file of EXAMPLE_FILES.filter((path) => existsSync(path))) {
    // One broken example must not keep the others from the demo.
    try {
      const loaded = await loadPipelines([file]);
      pipelines.push(...loaded.pipelines.filter((p) => !pipelines.some((q) => q.name === p.name)));
      pipelineFiles.push(file);
    } catch (error) {
      console.error(
        pc.yellow(`warning: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
  }
  const worker = await listen({ ...options, pipelines, pipelineFiles });
  const runs = DEMO_RUNS.filter((run) => worker.manager.hasPipeline(run.pipeline)).map((run) =>
    worker.manager.startRun(run.pipeline, { concurrency: run.concurrency }),
  );
  const dashboard = worker.dashboardUrl;
  const line = `  Milo dashboard:  ${dashboard}  `;
  console.log("");
  console.log(pc.cyan(`  ╭${"─".repeat(line.length)}╮`));
  console.log(`${pc.cyan("  │")}${pc.bold(line)}${pc.cyan("│")}`);
  console.log(pc.cyan(`  ╰${"─".repeat(line.length)}╯`));
  console.log("");
  console.log(
    `  Pipelines: ${pipelines.map((pipeline) => pipeline.name).join(", ") || "none found"}`,
  );
  for (const run of runs) {
    console.log(`  Started ${pc.bold(run.pipeline)}: ${worker.url}/runs/${run.id}`);
  }
  console.log(pc.dim(`  History in ${worker.db.file}. Press Ctrl-C to stop.`));
  console.log("");
  followInTerminal(worker.manager, runs);
  await untilStopped(worker);
  return 0;
}

/**
 * Shows the first run live in the terminal, as `milo run` would, and a line for each of the
 * others as it ends (held back while the live view draws, so the two never interleave).
 */
function followInTerminal(manager: RunManager, runs: readonly RunSummary[]): void {
  const [shown, ...others] = runs;
  if (shown === undefined) return;
  let viewing = true;
  const held: string[] = [];
  const say = (line: string) => (viewing ? held.push(line) : console.log(line));
  const view = createRunView(process.stdout.isTTY ? "live" : "plain", process.stdout);
  const stop = manager.watchState(shown.id, (state, dispatched) => {
    view.onAction(dispatched, state);
    if (isTerminalAction(dispatched)) {
      stop?.();
      view.finish(state);
      viewing = false;
      for (const line of held.splice(0)) console.log(line);
    }
  });
  if (stop === null) viewing = false;
  for (const run of others) {
    void manager.waitForEnd(run.id).then((ended) => {
      if (ended) {
        const seconds = (ended.elapsed / 1000).toFixed(1);
        say(pc.dim(`  ${ended.pipeline} ${ended.status} in ${seconds}s: ${ended.id}`));
      }
    });
  }
}
