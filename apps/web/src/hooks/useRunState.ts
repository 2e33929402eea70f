import type { PipelineGraph } from "@milo/core";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import {
  createRunStream,
  type EventSourceFactory,
  type FrameScheduler,
  type RunStream,
  type RunStreamSnapshot,
  type RunStreamStart,
  type TimerScheduler,
} from "../api/createRunStream";

export interface UseRunStateOptions {
  /**
   * The state to start from (the run detail's `state` and `seq`), so only the actions after it
   * are streamed. Read when the stream opens; later values do not restart it.
   */
  readonly start?: RunStreamStart;
  readonly createEventSource?: EventSourceFactory;
  readonly frames?: FrameScheduler;
  readonly timers?: TimerScheduler;
}

const noSubscription = () => () => {};
const noSnapshot = () => null;

/**
 * The live state of a run: the state the worker sent, then every action after it from the event
 * stream, reduced in the browser. Returns null until the graph is known. The stream is opened
 * once per run and graph and closed on unmount.
 */
export function useRunState(
  runId: string,
  graph: PipelineGraph | undefined,
  options: UseRunStateOptions = {},
): RunStreamSnapshot | null {
  const [stream, setStream] = useState<RunStream | null>(null);
  const { createEventSource, frames, timers } = options;
  const start = useRef(options.start);
  start.current = options.start;

  useEffect(() => {
    if (graph === undefined) {
      setStream(null);
      return;
    }
    const next = createRunStream({
      runId,
      graph,
      start: start.current,
      createEventSource,
      frames,
      timers,
    });
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
