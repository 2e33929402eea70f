import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { phaseStatus } from "@milo/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisAgentFleet } from "../src/agents/RedisAgentFleet";
import { loadPipelines } from "../src/loadPipelines";
import type { RunSummary } from "../src/types";
import { type AgentProcess, spawnMilo, startAgentProcess, stopAgents } from "./agentProcesses";
import { request, startTestWorker, tempDir, waitFor } from "./helpers";
import { freePort, startTestRedis, type TestRedis } from "./redisServer";

const FIXTURE = fileURLToPath(new URL("./fixtures/agents/agentPipelines.ts", import.meta.url));
const OLD_FIXTURE = fileURLToPath(
  new URL("./fixtures/agents/agentPipelinesOld.ts", import.meta.url),
);
/** Short, so a killed agent is noticed in about 2 s. */
const STALL_MS = 1_000;

/** A worker whose phases go through a Redis of its own to agent processes. */
async function redisSetup(redis: TestRedis, stallMs = STALL_MS) {
  const { pipelines } = await loadPipelines([FIXTURE]);
  const fleet = await RedisAgentFleet.connect({ url: redis.url, stallMs });
  const test = await startTestWorker({ pipelines, agents: fleet });
  const start = async (pipeline: string): Promise<RunSummary> => {
    const response = await request<RunSummary>(test.url, "POST", `/api/pipelines/${pipeline}/runs`);
    expect(response.status).toBe(201);
    return response.body;
  };
  const ended = async (run: RunSummary) => (await test.worker.manager.waitForEnd(run.id))!;
  const phase = (run: RunSummary, name: string) =>
    phaseStatus(test.worker.manager.runDetail(run.id)!.state, name)!;
  return { test, fleet, start, ended, phase };
}

describe("agents on Redis", () => {
  let redis: TestRedis;
  let setup: Awaited<ReturnType<typeof redisSetup>>;
  let agents: AgentProcess[] = [];
  const markers = tempDir();

  beforeAll(async () => {
    process.env.MILO_TEST_DIR = markers;
    redis = await startTestRedis();
    setup = await redisSetup(redis);
    const stall = ["--stall-ms", String(STALL_MS), "--concurrency", "1"];
    agents = await Promise.all([
      startAgentProcess(redis.url, FIXTURE, "alpha", stall),
      startAgentProcess(redis.url, FIXTURE, "beta", stall),
    ]);
  }, 30_000);
  afterAll(async () => {
    await stopAgents(agents);
    await setup?.test.stop();
    await redis?.stop();
  });

  it("spreads a run over two agents, passing results between them", async () => {
    const run = await setup.start("steady");
    expect((await setup.ended(run)).status).toBe("completed");
    const pids = ["left", "right"].map((name) =>
      setup.phase(run, name).logs[0]!.line.split(" ").pop(),
    );
    const agentPids = agents.map((agent) => String(agent.child.pid));
    expect(new Set(pids).size).toBe(2);
    for (const pid of pids) expect(agentPids).toContain(pid);
    expect(setup.phase(run, "join").logs[0]!.line).toBe("joined left+right");
    const names = ["left", "right"].map((name) => setup.phase(run, name).attempts[0]!.agent);
    expect(names.sort()).toEqual(["alpha", "beta"]);
    const listed = await request<{ mode: string; agents: { name: string }[] }>(
      setup.test.url,
      "GET",
      "/api/agents",
    );
    expect(listed.body.mode).toBe("redis");
    await waitFor(
      () => (setup.fleet.status().agents.length === 2 ? true : undefined),
      "both agents' heartbeats",
    );
    expect(setup.fleet.status().agents.map((agent) => agent.name)).toEqual(["alpha", "beta"]);
  });

  it("streams log lines while the handler runs, and a cancel reaches it", async () => {
    const run = await setup.start("waits");
    const line = await waitFor(() => setup.phase(run, "wait").logs[0]?.line, "a live log line");
    expect(line).toMatch(/^waiting in \d+$/);
    expect(setup.phase(run, "wait").status).toBe("running");
    const cancel = await request(setup.test.url, "POST", `/api/runs/${run.id}/cancel`);
    expect(cancel.status).toBeLessThan(300);
    expect((await setup.ended(run)).status).toBe("cancelled");
    await waitFor(() => (existsSync(join(markers, "wait-aborted")) ? true : undefined), "abort");
    expect(readFileSync(join(markers, "wait-aborted"), "utf8")).toContain("cancelled");
  });

  it("aborts a handler on its agent when the phase times out", async () => {
    const run = await setup.start("timesOut");
    expect((await setup.ended(run)).status).toBe("failed");
    expect(setup.phase(run, "slow").error).toContain("timed out after 300 ms");
    await waitFor(() => (existsSync(join(markers, "slow-aborted")) ? true : undefined), "abort");
  });

  it("lists an attempt waiting for a free agent while both are busy", async () => {
    const runs = [await setup.start("waits"), await setup.start("waits")];
    for (const run of runs) {
      await waitFor(() => setup.phase(run, "wait").logs[0]?.line, "both agents busy");
    }
    const third = await setup.start("waits");
    const listed = await waitFor(async () => {
      const answer = await request<{ waiting: { runId: string; phase: string }[] }>(
        setup.test.url,
        "GET",
        "/api/agents",
      );
      return answer.body.waiting.length > 0 ? answer.body.waiting : undefined;
    }, "the third attempt to wait");
    expect(listed).toEqual([{ runId: third.id, phase: "wait", attempt: 1 }]);
    expect(setup.phase(third, "wait").logs).toEqual([]);
    for (const run of [...runs, third]) {
      await request(setup.test.url, "POST", `/api/runs/${run.id}/cancel`);
      expect((await setup.ended(run)).status).toBe("cancelled");
    }
    expect(setup.fleet.status().waiting).toEqual([]);
  });

  it("fails the attempt of an agent killed mid-phase; the retry completes on the other", async () => {
    const run = await setup.start("retried");
    const line = await waitFor(() => setup.phase(run, "fragile").logs[0]?.line, "attempt 1");
    const victim = agents.find((agent) => line.endsWith(` ${agent.child.pid}`))!;
    expect(victim).toBeDefined();
    victim.child.kill("SIGKILL");
    expect((await setup.ended(run)).status).toBe("completed");
    const fragile = setup.phase(run, "fragile");
    expect(fragile.attempts[0]!.error).toBe(
      `agent ${victim.name} stopped while running this phase`,
    );
    const survivor = agents.find((agent) => agent !== victim)!;
    expect(fragile.logs.at(-1)!.line).toBe(`attempt 2 in ${survivor.child.pid}`);
    expect(fragile.attempts.map((attempt) => attempt.agent)).toEqual([victim.name, survivor.name]);
  });
});

describe("agents on Redis: version skew", () => {
  let redis: TestRedis;
  let setup: Awaited<ReturnType<typeof redisSetup>>;
  let agents: AgentProcess[] = [];

  beforeAll(async () => {
    redis = await startTestRedis();
    setup = await redisSetup(redis);
    agents = [await startAgentProcess(redis.url, OLD_FIXTURE, "old")];
  }, 30_000);
  afterAll(async () => {
    await stopAgents(agents);
    await setup?.test.stop();
    await redis?.stop();
  });

  it("fails an attempt whose pipeline or phase the agent lacks, naming both", async () => {
    const steady = await setup.start("steady");
    expect((await setup.ended(steady)).status).toBe("failed");
    expect(setup.phase(steady, "join").error).toContain(
      `agent old's pipeline "steady" has no phase "join"`,
    );
    const exits = await setup.start("exits");
    expect((await setup.ended(exits)).status).toBe("failed");
    expect(setup.phase(exits, "quit").error).toContain(`agent old has no pipeline "exits"`);
  });
});

describe("agents on Redis: Redis down", () => {
  it("at start, `milo serve --redis` and `milo agent` say so and exit 2", async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const dir = tempDir();
    const serve = spawnMilo([
      "serve",
      "--redis",
      url,
      "--port",
      "0",
      "--db",
      join(dir, "milo.db"),
      "--pipelines",
      FIXTURE,
    ]);
    const agent = spawnMilo(["agent", "--redis", url, "--pipelines", FIXTURE]);
    expect(await serve.exited).toBe(2);
    expect(serve.output()).toContain(`Cannot reach Redis at ${url}`);
    expect(await agent.exited).toBe(2);
    expect(agent.output()).toContain(`Cannot reach Redis at ${url}`);
  });

  it("restarted empty, fails the attempts whose jobs it lost", async () => {
    const redis = await startTestRedis();
    // Long enough that Redis is back before in-flight attempts would fail as lost.
    const setup = await redisSetup(redis, 5_000);
    const agents = [await startAgentProcess(redis.url, FIXTURE, "solo", ["--stall-ms", "5000"])];
    try {
      const run = await setup.start("waits");
      await waitFor(() => setup.phase(run, "wait").logs[0]?.line, "the phase to start");
      await redis.stop();
      await redis.start();
      expect((await setup.ended(run)).status).toBe("failed");
      expect(setup.phase(run, "wait").error).toContain(
        `Redis at ${redis.url} restarted and lost this phase's job`,
      );
    } finally {
      await stopAgents(agents);
      await setup.test.stop();
      await redis.stop();
    }
  });

  it("mid-run, fails running attempts, refuses new runs with 503 and keeps serving history", async () => {
    const redis = await startTestRedis();
    const setup = await redisSetup(redis);
    const agents = [
      await startAgentProcess(redis.url, FIXTURE, "solo", ["--stall-ms", String(STALL_MS)]),
    ];
    try {
      const run = await setup.start("waits");
      await waitFor(() => setup.phase(run, "wait").logs[0]?.line, "the phase to start");
      await redis.stop();
      expect((await setup.ended(run)).status).toBe("failed");
      expect(setup.phase(run, "wait").error).toContain(
        `lost the connection to Redis at ${redis.url}`,
      );
      const refused = await request<{ error: { code: string; message: string } }>(
        setup.test.url,
        "POST",
        "/api/pipelines/steady/runs",
      );
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe("AGENTS_UNAVAILABLE");
      expect(refused.body.error.message).toContain(`Redis at ${redis.url} is unreachable`);
      const history = await request<{ runs: unknown[] }>(setup.test.url, "GET", "/api/runs");
      expect(history.status).toBe(200);

      await redis.start();
      await waitFor(
        () => (setup.fleet.status().unavailable === null ? true : undefined),
        "the server to see Redis again",
      );
      const again = await setup.start("steady");
      expect((await setup.ended(again)).status).toBe("completed");
    } finally {
      await stopAgents(agents);
      await setup.test.stop();
      await redis.stop();
    }
  }, 30_000);
});
