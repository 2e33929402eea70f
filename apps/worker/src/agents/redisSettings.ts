/** What the server and every Redis agent must agree on. */

/** The BullMQ queue of phase attempts. */
export const ATTEMPT_QUEUE = "milo-attempts";

/** Where the server publishes `{ id, reason }` to abort a running attempt on whichever agent holds it. */
export const ABORT_CHANNEL = "milo:abort";

/** Each agent's heartbeat: `milo:agent:NAME` holds its status, expiring unless renewed. */
export const AGENT_KEY_PREFIX = "milo:agent:";
/** The names of the agents that have beaten (a set, so the server never scans keys). */
export const AGENT_NAMES_KEY = "milo:agents";
export const AGENT_HEARTBEAT_MS = 1_000;
export const AGENT_KEY_TTL_S = 10;

/**
 * How long an agent may go silent before its attempt fails (BullMQ's lock duration and stalled
 * check interval; a kill -9 is noticed within about twice this). Must be the same everywhere:
 * the stalled check is queue-wide.
 */
export const DEFAULT_STALL_MS = 2_000;

/** Room in the queue's event stream for live log lines (BullMQ keeps 10,000 by default). */
export const EVENT_STREAM_LENGTH = 200_000;

/** What a job reports while it runs, as BullMQ progress events. */
export type AttemptProgress =
  | { readonly kind: "started"; readonly agent: string }
  | { readonly kind: "log"; readonly line: string; readonly stream: "stdout" | "stderr" };
