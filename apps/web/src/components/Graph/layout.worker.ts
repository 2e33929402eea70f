import { type LayoutInput, layoutGraph } from "./layout";

/** Lays out big graphs off the main thread so the tab stays responsive. */
self.onmessage = (event: MessageEvent<{ id: number; graph: LayoutInput }>) => {
  const { id, graph } = event.data;
  const started = performance.now();
  try {
    const layout = layoutGraph(graph);
    const computeMs = performance.now() - started;
    (self as unknown as Worker).postMessage({ id, layout, computeMs });
  } catch (error) {
    (self as unknown as Worker).postMessage({ id, error: String(error) });
  }
};
