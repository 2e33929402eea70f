import type { RerunBody, RunSummary } from "@milo/contract";
import pc from "picocolors";
import { UsageError } from "../UsageError";

export interface RerunCommandOptions {
  /** The running server (default http://127.0.0.1:4400). */
  readonly url: string;
  readonly fromFailure?: boolean;
  readonly phase?: readonly string[];
  readonly downstream?: boolean;
}

/**
 * `milo rerun RUN_ID`: asks a running server to run a finished run again (all of it, from its
 * failure, or chosen phases) and prints the new run; returns the exit code.
 */
export async function rerunCommand(runId: string, options: RerunCommandOptions): Promise<number> {
  const body = rerunBody(options);
  const base = options.url.replace(/\/+$/, "");
  const headers: Record<string, string> = { "content-type": "application/json" };
  const token = process.env.MILO_TOKEN;
  if (token !== undefined && token !== "") headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(`${base}/api/runs/${encodeURIComponent(runId)}/rerun`, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new UsageError(
      `Cannot reach the Milo server at ${base} (${(error as Error).message}): start it with \`milo serve\`, or point --url at it.`,
    );
  }
  const text = await response.text();
  if (!response.ok) {
    const message = errorMessageOf(text) ?? `HTTP ${response.status}: ${text.slice(0, 200)}`;
    console.error(`${pc.red("milo:")} ${message}`);
    return 1;
  }
  const run = JSON.parse(text) as RunSummary;
  console.log(`Started run ${pc.bold(run.id)}, a re-run of ${runId} (${run.rerunOf?.mode}).`);
  console.log(pc.dim(`Watch it at ${base}/runs/${encodeURIComponent(run.id)}`));
  return 0;
}

function rerunBody(options: RerunCommandOptions): RerunBody {
  const phases = options.phase ?? [];
  if (phases.length > 0 && options.fromFailure) {
    throw new UsageError("Choose either --from-failure or --phase NAME, not both.");
  }
  if (options.downstream && phases.length === 0) {
    throw new UsageError("--downstream goes with --phase NAME: say which phases to run again.");
  }
  if (phases.length > 0) return { phases: [...phases], downstream: options.downstream ?? false };
  return { from: options.fromFailure ? "failure" : "start" };
}

function errorMessageOf(text: string): string | undefined {
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    return typeof message === "string" ? message : undefined;
  } catch {
    return undefined;
  }
}
