import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AgentsTable } from "../AgentsTable";
import { type FleetView, parseFleetView } from "../fleetView";

const NOW = 1_800_000_000_000;

const fleet: FleetView = {
  mode: "redis",
  queued: 3,
  unavailable: null,
  agents: [
    {
      name: "build-1",
      host: "ci-7",
      pid: 4242,
      concurrency: 8,
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
      state: "starting",
      running: 0,
      attemptsRun: 0,
      lastSeen: 0,
    },
  ],
};

describe("parseFleetView", () => {
  it("takes what GET /api/agents answers", () => {
    expect(parseFleetView(JSON.parse(JSON.stringify(fleet)))).toEqual(fleet);
    expect(
      parseFleetView({ mode: "in-process", agents: [], queued: 0, unavailable: null }),
    ).not.toBe(null);
  });

  it("refuses a body of another shape", () => {
    expect(parseFleetView(null)).toBe(null);
    expect(parseFleetView({ ...fleet, mode: "cluster" })).toBe(null);
    expect(parseFleetView({ ...fleet, agents: [{ ...fleet.agents[0], state: "sleeping" }] })).toBe(
      null,
    );
    expect(parseFleetView({ ...fleet, queued: "3" })).toBe(null);
  });
});

describe("AgentsTable", () => {
  it("shows each agent's name, host, concurrency, state, work and when it was last seen", () => {
    render(<AgentsTable agents={fleet.agents} now={NOW} />);
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
