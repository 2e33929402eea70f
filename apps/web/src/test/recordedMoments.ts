import type { MomentSource } from "../api/createTimeTravel";
import { recordedActions, recordedState } from "./recordedRun";

/**
 * The worker's `/state?at=` and `/actions` over the recorded run, answering as the worker does
 * (plain JSON), and remembering which moments were asked for.
 */
export function recordedMoments(): { source: MomentSource; asked: number[] } {
  const asked: number[] = [];
  const lastSeq = recordedActions.length;
  const source: MomentSource = {
    stateAt: async (seq) => {
      asked.push(seq);
      return {
        state: JSON.parse(JSON.stringify(recordedState(seq))),
        seq,
        lastSeq,
        at: seq === 0 ? null : (recordedActions[seq - 1]!.payload.at as number),
      };
    },
    actionsAfter: async (seq, limit) => ({
      actions: recordedActions.slice(seq, seq + limit),
      lastSeq,
    }),
  };
  return { source, asked };
}
