import { isFinished, type PipelineGraph, type PipelineState } from "@milo/core";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { api } from "../api/api";
import type { RunStreamSnapshot } from "../api/createRunStream";
import {
  createTimeTravel,
  type MomentSource,
  type TimeTravel,
  type TimeTravelSnapshot,
} from "../api/createTimeTravel";
import { useSearchParam } from "../router/useSearchParam";

export interface ShownState {
  /** What every view of the run draws: the moment travelled to, else the live state. */
  readonly state: PipelineState | null;
  /** The seq of the last action reduced into `state`. */
  readonly seq: number;
  /** The moment's clock (when its action happened) while travelling; null at the live edge. */
  readonly at: number | null;
  /** The run's last seq: the end of the scrubber. */
  readonly edge: number;
  /** Whether the run itself is still going (whatever moment is shown). */
  readonly runLive: boolean;
  readonly travel: TimeTravel;
  readonly position: TimeTravelSnapshot;
}

const POSITION_PARAM = "at";

/**
 * The state a run page draws: the live state from the event stream, or the moment the user
 * travelled to (kept in the URL as `?at=SEQ` and restored from it when the page opens).
 * `recordedSeq` is the last seq the page knew of when it opened (the run detail's `seq`).
 */
export function useShownState(
  runId: string,
  graph: PipelineGraph,
  live: RunStreamSnapshot | null,
  recordedSeq: number,
  source?: MomentSource,
): ShownState {
  const [travel] = useState(() =>
    createTimeTravel({ graph, source: source ?? workerMoments(runId) }),
  );
  const position = useSyncExternalStore(travel.subscribe, travel.getSnapshot, travel.getSnapshot);
  const [atParam, setAtParam] = useSearchParam(POSITION_PARAM);
  const edge = Math.max(live?.lastSeq ?? 0, recordedSeq);
  const runLive = live !== null && live.connection !== "ended" && !isFinished(live.state.status);

  useEffect(() => {
    travel.setEdge(edge, runLive);
  }, [travel, edge, runLive]);

  // The URL and the position follow each other: a position moved here is written to the URL
  // (replacing the entry: dragging is not history); a URL changed from outside (opening the
  // page, back and forward) moves the position. It reads the store's latest position, which a
  // seek made earlier in this commit has already moved past this render's.
  const written = useRef<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs whenever the position moves
  useEffect(() => {
    if (atParam !== written.current) {
      written.current = atParam;
      if (atParam === null) return travel.goLive();
      if (/^\d{1,16}$/.test(atParam)) return travel.seek(Number(atParam));
      // Not a seq: dropped from the URL below.
    }
    const current = travel.getSnapshot().position;
    const wanted = current === null ? null : String(current);
    if (wanted !== atParam) {
      written.current = wanted;
      setAtParam(wanted);
    }
  }, [travel, position.position, atParam, setAtParam]);

  useEffect(() => {
    travel.start();
    return () => travel.stop();
  }, [travel]);

  return {
    state: position.moment?.state ?? live?.state ?? null,
    seq: position.moment?.seq ?? live?.lastSeq ?? recordedSeq,
    at: position.moment === null ? null : (position.moment.at ?? position.moment.state.startedAt),
    edge,
    runLive,
    travel,
    position,
  };
}

function workerMoments(runId: string): MomentSource {
  return {
    stateAt: (seq, signal) => api.runStateAt(runId, seq, signal),
    actionsAfter: (seq, limit, signal) => api.runActions(runId, { after: seq, limit }, signal),
  };
}
