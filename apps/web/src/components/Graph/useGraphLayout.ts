import type { PipelineGraph } from "@milo/core";
import { useEffect, useMemo, useState } from "react";
import { type GraphLayout, type LayoutInput, layoutGraph } from "./layout";

/** Above this many phases the layout runs in a Web Worker so the page stays responsive. */
export const WORKER_LAYOUT_THRESHOLD = 300;

export interface GraphLayoutResult {
  readonly layout: GraphLayout | null;
  /** How long computing the layout took. */
  readonly layoutMs: number | null;
  /** From asking for the layout to having it, worker start and messaging included. */
  readonly wallMs: number | null;
  readonly error: string | null;
}

type WorkerReply =
  | { id: number; layout: GraphLayout; computeMs: number }
  | { id: number; error: string };

let nextRequestId = 1;

/**
 * The positions of a graph's phases. Depends on the graph alone, never on run state, so status
 * updates never move a node.
 */
export function useGraphLayout(graph: PipelineGraph | undefined): GraphLayoutResult {
  const input = useMemo<LayoutInput | null>(
    () =>
      graph ? { phases: graph.phases.map(({ name, dependsOn }) => ({ name, dependsOn })) } : null,
    [graph],
  );
  const inWorker =
    input !== null &&
    input.phases.length > WORKER_LAYOUT_THRESHOLD &&
    typeof Worker !== "undefined";

  const inline = useMemo<GraphLayoutResult | null>(() => {
    if (input === null || inWorker) return null;
    const started = performance.now();
    try {
      const layout = layoutGraph(input);
      const took = performance.now() - started;
      return { layout, layoutMs: took, wallMs: took, error: null };
    } catch (error) {
      return { ...EMPTY, error: `Could not lay out the graph: ${error}` };
    }
  }, [input, inWorker]);

  const [fromWorker, setFromWorker] = useState<{
    input: LayoutInput;
    result: GraphLayoutResult;
  } | null>(null);

  useEffect(() => {
    if (input === null || !inWorker) return;
    const worker = new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
    const id = nextRequestId++;
    const started = performance.now();
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      if (event.data.id !== id) return;
      const result: GraphLayoutResult =
        "layout" in event.data
          ? {
              layout: event.data.layout,
              layoutMs: event.data.computeMs,
              wallMs: performance.now() - started,
              error: null,
            }
          : { ...EMPTY, error: `Could not lay out the graph: ${event.data.error}` };
      setFromWorker({ input, result });
      worker.terminate();
    };
    worker.onerror = (event) => {
      // A worker that cannot start (e.g. blocked by a content policy): lay out here instead.
      event.preventDefault();
      const fallbackStarted = performance.now();
      const layout = layoutGraph(input);
      const took = performance.now() - fallbackStarted;
      setFromWorker({ input, result: { layout, layoutMs: took, wallMs: took, error: null } });
      worker.terminate();
    };
    worker.postMessage({ id, graph: input });
    return () => worker.terminate();
  }, [input, inWorker]);

  if (inline) return inline;
  if (fromWorker && fromWorker.input === input) return fromWorker.result;
  return EMPTY;
}

const EMPTY: GraphLayoutResult = { layout: null, layoutMs: null, wallMs: null, error: null };
