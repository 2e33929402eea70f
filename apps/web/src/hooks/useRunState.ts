import type { PipelineGraph } from "@milo/core";
import { useEffect, useState, useSyncExternalStore } from "react";
import {
  createRunStream,
  type EventSourceFactory,
  type FrameScheduler,
  type RunStream,
  type RunStreamSnapshot,
  type TimerScheduler,
} from "../api/createRunStream";

export interface UseRunStateOptions {
  readonly createEventSource?: EventSourceFactory;
  readonly frames?: FrameScheduler;
  readonly timers?: TimerScheduler;
}

const noSubscription = () => () => {};
const noSnapshot = () => null;

/**
 * The live state of a run, rebuilt in the browser from its event stream. Returns null until the
 * graph is known. The stream is opened once per run and graph and closed on unmount.
 */
export function useRunState(
  runId: string,
  graph: PipelineGraph | undefined,
  options: UseRunStateOptions = {},
): RunStreamSnapshot | null {
  const [stream, setStream] = useState<RunStream | null>(null);
  const { createEventSource, frames, timers } = options;

  useEffect(() => {
    if (graph === undefined) {
      setStream(null);
      return;
    }
    const next = createRunStream({ runId, graph, createEventSource, frames, timers });
    setStream(next);
    next.start();
    return () => next.stop();
  }, [runId, graph, createEventSource, frames, timers]);

  return useSyncExternalStore(
    stream?.subscribe ?? noSubscription,
    stream?.getSnapshot ?? noSnapshot,
    stream?.getSnapshot ?? noSnapshot,
  );
}
