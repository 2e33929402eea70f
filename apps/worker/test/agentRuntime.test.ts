import { Phase, type PhaseGraph, Pipeline } from "@milo/core";
import { expect, test } from "vitest";
import { AgentRuntime } from "../src/agents/AgentRuntime";
import { type AttemptJob, attemptJobId } from "../src/agents/agentMessages";

const seen: PhaseGraph[] = [];
/** Notes the description the handler was given, and returns `value`. */
const noting = (value: (ctx: { readonly results: Record<string, unknown> }) => unknown) => {
  return (ctx: { readonly phase: PhaseGraph; readonly results: Record<string, unknown> }) => {
    seen.push(ctx.phase);
    return value(ctx);
  };
};
const wide = new Pipeline(
  "wide-agent",
  new Phase("first", { handler: noting(() => "one") }),
  ...Array.from(
    { length: 20 },
    (_, index) =>
      new Phase(`branch-${index}`, {
        dependsOn: ["first"],
        description: `branch ${index}`,
        weight: index + 1,
        handler: noting((ctx) => ctx.results.first),
      }),
  ),
);

function job(phase: string, attempt = 1): AttemptJob {
  return {
    id: attemptJobId("run-1", phase, attempt),
    runId: "run-1",
    pipeline: wide.name,
    phase,
    attempt,
    results: { first: "one" },
  };
}

const runtime = new AgentRuntime(
  { name: "test-agent", host: "here", pid: process.pid, concurrency: null },
  [wide],
);
const reporter = { log() {} };

test("every attempt runs its own phase and sees that phase's description, on every attempt", async () => {
  const names = ["first", "branch-0", "branch-7", "branch-19", "branch-7"];
  const outcomes = [];
  for (const [index, name] of names.entries()) {
    outcomes.push(await runtime.execute(job(name, index + 1), reporter));
  }
  expect(outcomes).toEqual(names.map(() => ({ status: "completed", value: "one" })));
  const graphs = new Map(wide.toGraph().phases.map((phase) => [phase.name, phase]));
  expect(seen).toEqual(names.map((name) => graphs.get(name)));
  expect(seen[2]).toMatchObject({ description: "branch 7", weight: 8, dependsOn: ["first"] });
});

test("a phase the agent's pipeline does not have fails its attempt with a message saying why", async () => {
  const outcome = await runtime.execute(job("branch-20"), reporter);
  expect(outcome).toEqual({
    status: "failed",
    error: `agent test-agent's pipeline "wide-agent" has no phase "branch-20": it runs another version of the pipeline; start it with the server's.`,
  });
});
