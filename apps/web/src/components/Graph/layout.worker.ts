import { type LayoutInput, layoutGraph } from "./layout";

/** Lays out big graphs off the main thread so the tab stays responsive. */
self.onmessage = (event: MessageEvent<{ id: number; graph: LayoutInput }>) => {
  const { id, graph } = event.data;
  try {
    (self as unknown as Worker).postMessage({ id, layout: layoutGraph(graph) });
  } catch (error) {
    (self as unknown as Worker).postMessage({ id, error: String(error) });
  }
};
