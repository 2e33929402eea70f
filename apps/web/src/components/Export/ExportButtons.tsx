import { type PipelineGraph, type PipelineState, toMermaid } from "@milo/core";
import { useState } from "react";
import { useTheme } from "../../hooks/useTheme";
import { downloadFile } from "../../lib/downloadFile";
import { foldGraph } from "../Graph/foldGraph";
import type { GraphOverlay } from "../Graph/GraphOverlay";
import { layoutGraph } from "../Graph/layout";
import { useGraphFolding } from "../Graph/useGraphFolding";
import { exportFileName } from "./exportFileName";
import { graphSvg } from "./graphSvg";
import { svgToPng } from "./svgToPng";

export interface ExportButtonsProps {
  readonly graph: PipelineGraph;
  /** The run's state as shown, or null for the bare pipeline. */
  readonly state: PipelineState | null;
  readonly overlay?: GraphOverlay;
  readonly runId: string | null;
  readonly now: number;
}

type Format = "svg" | "png" | "mermaid";

/**
 * Downloads the graph as drawn, its folded groups (`?fold=`) folded: SVG, PNG (that SVG on a
 * canvas), or Mermaid text (every phase: Mermaid has no folded groups).
 */
export function ExportButtons({ graph, state, overlay, runId, now }: ExportButtonsProps) {
  const { resolved } = useTheme();
  // The same folding as the view on screen (both follow the URL's ?fold=).
  const folding = useGraphFolding(graph);
  const [busy, setBusy] = useState<Format | null>(null);
  const [error, setError] = useState<string | null>(null);

  const drawSvg = () => {
    const drawn = foldGraph(graph, state, folding.folded, folding.grouping);
    const layout = layoutGraph({
      phases: drawn.nodes.map(({ name, dependsOn }) => ({ name, dependsOn })),
    });
    return graphSvg({
      name: graph.name,
      graph: drawn,
      layout,
      state,
      overlay,
      theme: resolved,
      now,
    });
  };
  const save = async (format: Format) => {
    setBusy(format);
    setError(null);
    try {
      if (format === "svg") {
        downloadFile(drawSvg(), exportFileName(graph.name, runId, "svg"), "image/svg+xml");
      } else if (format === "png") {
        downloadFile(
          await svgToPng(drawSvg()),
          exportFileName(graph.name, runId, "png"),
          "image/png",
        );
      } else {
        const text = toMermaid(graph, state === null ? {} : { state });
        downloadFile(text, exportFileName(graph.name, runId, "mmd"), "text/plain");
      }
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(null);
    }
  };

  const button = (format: Format, label: string) => (
    <button
      type="button"
      data-testid={`export-${format}`}
      onClick={() => void save(format)}
      disabled={busy !== null}
      className="rounded-md border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
    >
      {busy === format ? "Saving…" : label}
    </button>
  );
  return (
    <fieldset className="flex flex-wrap items-center gap-1.5">
      <legend className="sr-only">Download the graph</legend>
      <span aria-hidden="true" className="text-slate-500 text-xs dark:text-slate-400">
        Download
      </span>
      {button("svg", "SVG")}
      {button("png", "PNG")}
      {button("mermaid", "Mermaid")}
      {error ? (
        <span role="alert" className="text-red-700 text-xs dark:text-red-300">
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}
