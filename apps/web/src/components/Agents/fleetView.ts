/** GET /api/agents, as the dashboard reads it. */
export interface AgentView {
  readonly name: string;
  readonly host: string;
  readonly pid: number;
  /** null: no limit (a local agent runs as many as it is sent). */
  readonly concurrency: number | null;
  readonly state: "starting" | "idle" | "busy" | "stopped";
  readonly running: number;
  readonly attemptsRun: number;
  /** ms; 0 when never heard from. */
  readonly lastSeen: number;
}

export interface FleetView {
  readonly mode: "local" | "redis" | "in-process";
  readonly agents: readonly AgentView[];
  /** Attempts waiting for a free agent. */
  readonly queued: number;
  /** Why new runs cannot start now; null when they can. */
  readonly unavailable: string | null;
}

const STATES = new Set(["starting", "idle", "busy", "stopped"]);
const MODES = new Set(["local", "redis", "in-process"]);

/** The body checked field by field; null when it is not a fleet (a worker of another version). */
export function parseFleetView(body: unknown): FleetView | null {
  if (typeof body !== "object" || body === null) return null;
  const fleet = body as Partial<Record<keyof FleetView, unknown>>;
  if (
    !MODES.has(fleet.mode as string) ||
    typeof fleet.queued !== "number" ||
    !(fleet.unavailable === null || typeof fleet.unavailable === "string") ||
    !Array.isArray(fleet.agents) ||
    !fleet.agents.every(isAgentView)
  ) {
    return null;
  }
  return fleet as FleetView;
}

function isAgentView(value: unknown): value is AgentView {
  if (typeof value !== "object" || value === null) return false;
  const agent = value as Partial<Record<keyof AgentView, unknown>>;
  return (
    typeof agent.name === "string" &&
    typeof agent.host === "string" &&
    typeof agent.pid === "number" &&
    (agent.concurrency === null || typeof agent.concurrency === "number") &&
    STATES.has(agent.state as string) &&
    typeof agent.running === "number" &&
    typeof agent.attemptsRun === "number" &&
    typeof agent.lastSeen === "number"
  );
}
