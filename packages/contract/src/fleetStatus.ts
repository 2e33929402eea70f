import { z } from "zod";
import { contractSchemas } from "./contractSchemas";

/** An agent running phases, as `GET /api/agents` lists it. */
export const agentStatusSchema = z
  .object({
    name: z.string(),
    host: z.string(),
    pid: z.number().int(),
    /** How many attempts it runs at once; null: no limit. */
    concurrency: z.number().int().nullable(),
    pipelines: z.array(z.string()),
    state: z.enum(["starting", "idle", "busy", "stopped"]),
    /** Attempts running on it now. */
    running: z.number().int(),
    attemptsRun: z.number().int(),
    /** When the server last heard from it, in ms. */
    lastSeen: z.number(),
  })
  .register(contractSchemas, { id: "AgentStatus" });

/** An attempt handed over and not yet taken by an agent. */
export const waitingAttemptSchema = z
  .object({ runId: z.string(), phase: z.string(), attempt: z.number().int() })
  .register(contractSchemas, { id: "WaitingAttempt" });

/** `GET /api/agents`: where phases run, and the attempts waiting for an agent. */
export const fleetStatusSchema = z
  .object({
    mode: z.enum(["in-process", "local", "redis"]),
    agents: z.array(agentStatusSchema),
    queued: z.number().int(),
    /** Which ones (at most 100), so a run can say it is waiting. */
    waiting: z.array(waitingAttemptSchema),
    /** Why new runs cannot start now (e.g. Redis is down); null when they can. */
    unavailable: z.string().nullable(),
  })
  .register(contractSchemas, { id: "FleetStatus" });

export type AgentStatus = z.infer<typeof agentStatusSchema>;
export type WaitingAttempt = z.infer<typeof waitingAttemptSchema>;
export type FleetStatus = z.infer<typeof fleetStatusSchema>;
