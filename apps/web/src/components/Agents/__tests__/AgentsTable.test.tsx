import type { AgentStatus } from "@milo/contract";
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AgentsTable } from "../AgentsTable";

const NOW = 1_800_000_000_000;

const agents: AgentStatus[] = [
  {
    name: "build-1",
    host: "ci-7",
    pid: 4242,
    concurrency: 8,
    pipelines: ["site"],
    state: "busy",
    running: 2,
    attemptsRun: 17,
    lastSeen: NOW - 1_000,
  },
  {
    name: "local-2",
    host: "",
    pid: 0,
    concurrency: null,
    pipelines: [],
    state: "starting",
    running: 0,
    attemptsRun: 0,
    lastSeen: 0,
  },
];

describe("AgentsTable", () => {
  it("shows each agent's name, host, concurrency, state, work and when it was last seen", () => {
    render(<AgentsTable agents={agents} now={NOW} />);
    const busy = within(screen.getByTestId("agent-build-1"));
    expect(busy.getByText("build-1")).toBeTruthy();
    expect(busy.getByText("ci-7")).toBeTruthy();
    expect(busy.getByText("8")).toBeTruthy();
    expect(busy.getByTestId("agent-state").textContent).toBe("busy");
    expect(busy.getByText("17")).toBeTruthy();
    expect(busy.getByText("just now")).toBeTruthy();
    const starting = within(screen.getByTestId("agent-local-2"));
    expect(starting.getByText("no limit")).toBeTruthy();
    expect(starting.getByTestId("agent-state").textContent).toBe("starting");
    expect(starting.getByText("not yet")).toBeTruthy();
  });
});
