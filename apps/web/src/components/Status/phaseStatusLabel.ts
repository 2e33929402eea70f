import type { PhaseStatusName } from "@milo/core";
import { STATUS_STYLES } from "./statusStyle";

/**
 * The word shown for a phase's status. A phase still pending when its run has ended never ran
 * and never will: it reads "Not run", not "Pending". A display derivation only; the state keeps
 * `pending`, as the reducer leaves it.
 */
export function phaseStatusLabel(status: PhaseStatusName, runEnded: boolean): string {
  return status === "pending" && runEnded ? "Not run" : STATUS_STYLES[status].label;
}
