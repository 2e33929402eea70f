import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { phaseStatus } from "@milo/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalAgentPool } from "../src/agents/LocalAgentPool";
import { loadPipelines } from "../src/loadPipelines";
import type { RunSummary } from "../src/types";
import { LOOP_LINES } from "./fixtures/agents/agentPipelines";
import { request, startTestWorker, type TestWorker, tempDir, waitFor } from "./helpers";

const FIXTURE = fileURLToPath(new URL("./fixtures/agents/agentPipelines.ts", import.meta.url));

describe("local agents", () => {
  let test: TestWorker;
  let pool: LocalAgentPool;
  const markers = tempDir();

  beforeAll(async () => {
    process.env.MILO_TEST_DIR = markers;
    const { pipelines } = await loadPipelines([FIXTURE]);
    pool = new LocalAgentPool({ pipelineFiles: [FIXTURE], agents: 2 });
    test = await startTestWorker({ pipelines, agents: pool });
    await pool.ready();
  });
  afterAll(async () => {
    await test.stop();
  });

  const start = async (pipeline: string): Promise<RunSummary> => {
    const response = await request<RunSummary>(test.url, "POST", `/api/pipelines/${pipeline}/runs`);
    expect(response.status).toBe(201);
    return response.body;
  };
  const ended = async (run: RunSummary) => (await test.worker.manager.waitForEnd(run.id))!;
  const detail = (run: RunSummary) => test.worker.manager.runDetail(run.id)!;

  it("runs phases in agent processes, passing results between them", async () => {
    const run = await start("steady");
    expect((await ended(run)).status).toBe("completed");
    const state = detail(run).state;
    const line = phaseStatus(state, "left")!.logs[0]!.line;
    expect(line).toMatch(/^left working in \d+$/);
    expect(Number(line.split(" ").pop())).not.toBe(process.pid);
    expect(phaseStatus(state, "join")!.status).toBe("completed");
    // @@PHASE_START records which agent took each attempt.
    for (const name of ["left", "right", "join"]) {
      expect(phaseStatus(state, name)!.attempts[0]!.agent).toMatch(/^local-[12]$/);
    }
  });

  it("brings a failure's stack and cause chain back from the agent", async () => {
    const run = await start("throwsWithCause");
    expect((await ended(run)).status).toBe("failed");
    const attempt = phaseStatus(detail(run).state, "upload")!.attempts[0]!;
    expect(attempt.error).toBe("upload failed");
    expect(attempt.stack).toMatch(/at connectToRegistry .*agentPipelines\.ts/);
    expect(attempt.stack).toMatch(/\nCaused by: connection refused\n {4}at /);
    expect(attempt.stack).not.toMatch(/agents[\\/]AgentRuntime|node:internal/);
  });

  it("records every line a handler logs in a loop on an agent, in order, before its completion", async () => {
    const run = await start("logsInLoop");
    expect((await ended(run)).status).toBe("completed");
    const lines = test.worker.manager.db.listLogs(run.id, "loop", {
      after: 0,
      offset: 0,
      limit: 5_000,
    });
    expect(lines.map((entry) => entry.line)).toEqual(
      Array.from({ length: LOOP_LINES }, (_, line) => `line ${line}`),
    );
    const actions = test.worker.manager.db.listActions(run.id, 0, 5_000);
    const completed = actions.find((action) => action.type === "@@PHASE_COMPLETE")!;
    expect(completed.seq).toBeGreaterThan(lines.at(-1)!.seq);
  });

  it.each([
    ["exits", "quit", "the handler called process.exit(3)"],
    ["throwsLater", "timer", "uncaught exception: boom from a stray timer"],
    ["rejectsLater", "reject", "unhandled promise rejection: nobody caught this"],
  ])(
    "%s fails only its own attempt while another run completes",
    async (pipeline, phase, error) => {
      const other = await start("steady");
      const crashing = await start(pipeline);
      const [crashed, completed] = await Promise.all([ended(crashing), ended(other)]);
      expect(crashed.status).toBe("failed");
      expect(phaseStatus(detail(crashing).state, phase)!.error).toContain(error);
      expect(completed.status).toBe("completed");
      const health = await request(test.url, "GET", "/api/health");
      expect(health.status).toBe(200);
    },
  );

  it("keeps answering /api/health while a handler burns the CPU for 3 s", async () => {
    const run = await start("spin");
    await waitFor(
      () => (phaseStatus(detail(run).state, "burn")!.status === "running" ? true : undefined),
      "the CPU-bound phase to start",
    );
    // Give the agent time to be deep in its loop, then ask several times while it spins.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const answered: number[] = [];
    for (let index = 0; index < 5; index++) {
      const before = performance.now();
      const health = await request(test.url, "GET", "/api/health");
      expect(health.status).toBe(200);
      answered.push(performance.now() - before);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(test.worker.manager.isLive(run.id)).toBe(true);
    // Generous: in process, each of these would wait for the rest of the 3 s.
    expect(Math.max(...answered)).toBeLessThan(1_000);
    expect((await ended(run)).status).toBe("completed");
  });

  it("fails the phase that returns a value that cannot cross processes, naming it", async () => {
    const run = await start("returnsFunction");
    expect((await ended(run)).status).toBe("failed");
    const error = phaseStatus(detail(run).state, "make")!.error;
    expect(error).toContain('phase "make" returned a function at .callback');
  });

  it("aborts the handler's signal on the agent on timeout and on cancel", async () => {
    const timed = await start("timesOut");
    expect((await ended(timed)).status).toBe("failed");
    expect(phaseStatus(detail(timed).state, "slow")!.error).toContain("timed out after 300 ms");
    await waitFor(() => (existsSync(join(markers, "slow-aborted")) ? true : undefined), "abort");

    const waiting = await start("waits");
    await waitFor(
      () => (phaseStatus(detail(waiting).state, "wait")!.logs.length > 0 ? true : undefined),
      "the phase to log",
    );
    const cancel = await request(test.url, "POST", `/api/runs/${waiting.id}/cancel`);
    expect(cancel.status).toBeLessThan(300);
    expect((await ended(waiting)).status).toBe("cancelled");
    await waitFor(() => (existsSync(join(markers, "wait-aborted")) ? true : undefined), "abort");
    expect(readFileSync(join(markers, "wait-aborted"), "utf8")).toContain("cancelled");
  });

  it("aborts a running handler on its agent when a fail-fast run fails", async () => {
    const response = await request<RunSummary>(test.url, "POST", "/api/pipelines/failsFast/runs", {
      body: { failFast: true },
    });
    expect(response.status).toBe(201);
    const run = response.body;
    expect((await ended(run)).status).toBe("failed");
    await waitFor(
      () => (existsSync(join(markers, "bystander-aborted")) ? true : undefined),
      "the bystander's abort",
    );
  });

  it("fails the attempt of an agent killed mid-phase, restarts it, and lists agents", async () => {
    const run = await start("waits");
    const line = await waitFor(
      () => phaseStatus(detail(run).state, "wait")!.logs[0]?.line,
      "the phase to log",
    );
    const pid = Number(line.split(" ").pop());
    const agents = await request<{ agents: { name: string; pid: number }[] }>(
      test.url,
      "GET",
      "/api/agents",
    );
    const victim = agents.body.agents.find((agent) => agent.pid === pid)!;
    expect(victim).toBeDefined();
    process.kill(pid, "SIGKILL");
    expect((await ended(run)).status).toBe("failed");
    expect(phaseStatus(detail(run).state, "wait")!.error).toBe(
      `agent ${victim.name} stopped while running this phase`,
    );
    await pool.ready();
    const again = await start("steady");
    expect((await ended(again)).status).toBe("completed");
    const after = await request<{ agents: { name: string; pid: number; state: string }[] }>(
      test.url,
      "GET",
      "/api/agents",
    );
    expect(after.body.agents.map((agent) => agent.name).sort()).toEqual(["local-1", "local-2"]);
    expect(after.body.agents.find((agent) => agent.name === victim.name)!.pid).not.toBe(pid);
  });
});

describe("local agents that cannot start", () => {
  it("fail the waiting attempts after a few tries instead of waiting forever", async () => {
    const file = fileURLToPath(
      new URL("./fixtures/agents/agentPipelinesChildFails.ts", import.meta.url),
    );
    const { pipelines } = await loadPipelines([file]);
    const pool = new LocalAgentPool({ pipelineFiles: [file], agents: 1 });
    const test = await startTestWorker({ pipelines, agents: pool });
    try {
      const run = test.worker.manager.startRun("lonely");
      const ended = await test.worker.manager.waitForEnd(run.id);
      expect(ended!.status).toBe("failed");
      const state = test.worker.manager.runDetail(run.id)!.state;
      expect(phaseStatus(state, "only")!.error).toContain("local agent local-1 could not start");
    } finally {
      await test.stop();
    }
  });
});
