import type { PhaseStatus } from "@milo/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { PhasePanel } from "../components/PhasePanel/PhasePanel";
import { layOutLogs } from "./layOutLogs";
import { recordedGraph } from "./recordedRun";

layOutLogs();

function wrapper({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={new QueryClient()}>{children}</QueryClientProvider>;
}

/** The phase panel of the recorded run's `phase` (lint by default), showing `status`. */
export function renderPhasePanel(status: PhaseStatus, phaseName = "lint") {
  const phase = recordedGraph.phases.find((p) => p.name === phaseName)!;
  return render(
    <PhasePanel
      graph={recordedGraph}
      phase={phase}
      run={{ runId: "run-1", status, blockedBy: null, firstFailure: false, live: false, now: 0 }}
      onSelect={() => {}}
      onClose={() => {}}
    />,
    { wrapper },
  );
}
