import type { PipelineTimings } from "@milo/contract";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { queryKeys } from "../../../queries/queryKeys";
import { TIMINGS_LIMIT } from "../../../queries/usePipelineTimings";
import { RunDurationsChart } from "../../Pipelines/RunDurationsChart";
import { PhaseDurationsChart, type PhaseDurationsChartProps } from "../PhaseDurationsChart";

/** `count` past runs of phase "build", run-0 the newest, each 100 ms longer than the next. */
function timings(count: number): PipelineTimings {
  const runs = Array.from({ length: count }, (_, index) => ({
    runId: `run-${index}`,
    durationMs: 1000 - index * 100,
    endedAt: 10_000 - index,
  }));
  return {
    pipeline: "site",
    limit: TIMINGS_LIMIT,
    phases: [{ name: "build", runs, medianMs: count === 0 ? null : 800 }],
    runs: [
      { id: "run-0", status: "completed", startedAt: 0, endedAt: 1200, durationMs: 1200 },
      { id: "run-1", status: "failed", startedAt: 0, endedAt: 300, durationMs: 300 },
    ],
    medianMs: 1200,
  };
}

function withTimings(data: PipelineTimings) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(queryKeys.pipelineTimings("site", TIMINGS_LIMIT), data);
  return ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
}

function renderChart(data: PipelineTimings, props: Partial<PhaseDurationsChartProps> = {}) {
  return render(
    <PhaseDurationsChart
      pipeline="site"
      phase="build"
      runId="now"
      current={{ elapsed: 700, done: true }}
      {...props}
    />,
    { wrapper: withTimings(data) },
  );
}

describe("PhaseDurationsChart", () => {
  it("draws past runs oldest first, this run marked last, and the median", () => {
    renderChart(timings(3));
    const bars = screen.getAllByTestId("phase-duration-bar");
    expect(bars.map((bar) => bar.textContent)).toEqual([
      "Run run-2: 800ms",
      "Run run-1: 900ms",
      "Run run-0: 1.0s",
      "This run: 700ms",
    ]);
    expect(bars.map((bar) => bar.dataset.current)).toEqual([
      undefined,
      undefined,
      undefined,
      "true",
    ]);
    expect(screen.getByTestId("phase-durations-median").textContent).toBe("median 800ms");
    // The tallest bar is the longest run.
    const heights = bars.map((bar) => Number(bar.getAttribute("height")));
    expect(Math.max(...heights)).toBe(heights[2]);
  });

  it("keeps 20 bars at most, the current run's among them once", () => {
    renderChart(timings(TIMINGS_LIMIT), {
      runId: "run-0",
      current: { elapsed: 1000, done: false },
    });
    const bars = screen.getAllByTestId("phase-duration-bar");
    expect(bars).toHaveLength(TIMINGS_LIMIT);
    expect(bars.at(-1)!.textContent).toBe("This run: 1.0s so far");
    expect(bars.filter((bar) => bar.textContent?.includes("run-0"))).toEqual([]);
  });

  it("on the pipeline's page, draws the past runs alone", () => {
    renderChart(timings(3), { runId: undefined, current: null });
    const bars = screen.getAllByTestId("phase-duration-bar");
    expect(bars).toHaveLength(3);
    expect(bars.every((bar) => bar.dataset.current === undefined)).toBe(true);
  });

  it("says so when no earlier run completed the phase", () => {
    renderChart(timings(0));
    expect(screen.queryByTestId("phase-durations-chart")).toBeNull();
    expect(screen.getByTestId("phase-durations-none")).toBeTruthy();
  });
});

describe("RunDurationsChart", () => {
  it("links each finished run's bar to its page, colored by outcome, oldest first", () => {
    render(<RunDurationsChart pipeline="site" />, { wrapper: withTimings(timings(1)) });
    const bars = screen.getAllByTestId("run-duration-bar");
    expect(bars.map((bar) => [bar.getAttribute("href"), bar.dataset.status])).toEqual([
      ["/runs/run-1", "failed"],
      ["/runs/run-0", "completed"],
    ]);
    expect(bars[1]!.getAttribute("aria-label")).toBe("Run run-0 completed in 1.2s");
    expect(screen.getByTestId("run-durations-median").textContent).toBe("median of completed 1.2s");
  });
});
