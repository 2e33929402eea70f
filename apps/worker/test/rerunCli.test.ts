import { fileURLToPath } from "node:url";
import type { RunDetail, RunSummary } from "@milo/contract";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  type MiloOutcome,
  request,
  runMilo,
  startTestWorker,
  type TestWorker,
  waitFor,
} from "./helpers";

const _workerRoot = fileURLToPath(new URL("..", import.meta.url));
const TOKEN = "rerun-cli-token-1234";

/** `milo rerun ...args` against the test server, with MILO_TOKEN set. */
function rerun(args: readonly string[]): Promise<MiloOutcome> {
  return runMilo(["rerun", ...args], { env: { MILO_TOKEN: TOKEN } });
}

let server: TestWorker;
let sourceId: string;
const auth = { authorization: `Bearer ${TOKEN}` };

beforeAll(async () => {
  server = await startTestWorker({ token: TOKEN });
  const started = await request<RunSummary>(server.url, "POST", "/api/pipelines/broken/runs", {
    headers: auth,
  });
  sourceId = started.body.id;
  await server.worker.manager.waitForEnd(sourceId);
});
afterAll(async () => {
  await server.stop();
});

describe.concurrent("milo rerun", () => {
  test("--from-failure starts a re-run on the server and prints it", async () => {
    const result = await rerun([sourceId, "--from-failure", "--url", server.url]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const id = /Started run (\S+),/.exec(result.stdout)?.[1];
    expect(result.stdout).toContain(`a re-run of ${sourceId} (failure)`);
    const detail = await waitFor(async () => {
      const answer = await request<RunDetail>(server.url, "GET", `/api/runs/${id}`, {
        headers: auth,
      });
      return answer.body.status === "failed" ? answer.body : undefined;
    }, "the re-run to fail again");
    expect(detail.rerunOf).toEqual({ runId: sourceId, mode: "failure" });
    expect(detail.state.phases.find((phase) => phase.name === "setup")?.reusedFrom).toBe(sourceId);
  });

  test("--phase NAME --downstream sends the chosen phases", async () => {
    const result = await rerun([sourceId, "--phase", "setup", "--downstream", "--url", server.url]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("(phases)");
  });

  test("the server's refusal is printed, and the exit code is 1", async () => {
    const result = await rerun([sourceId, "--phase", "nope", "--url", server.url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No phase "nope" in pipeline "broken"');
  });

  test("contradictory flags are a usage error", async () => {
    const result = await rerun([sourceId, "--phase", "setup", "--from-failure"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Choose either --from-failure or --phase NAME");
  });
});
