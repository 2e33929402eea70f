import type { PhaseStatusName, PipelineState } from "@milo/core";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { GraphOverlay } from "./GraphOverlay";
import type { FitRequest } from "./PipelineGraphView";

/** The phases of one status picked out on the graph, and where stepping through them is. */
export interface StatusFilter {
  /** The status picked, or null when no filter is on. */
  readonly status: PhaseStatusName | null;
  /** Its phases now, in the pipeline's order. */
  readonly phases: readonly string[];
  /** The phase last stepped to, as an index into `phases`; -1 before the first step. */
  readonly index: number;
  /** The last request to fit phases into view (the filtered ones, or the running front). */
  readonly fit: FitRequest | null;
  /** Picks a status (again: turns the filter off); "running" also jumps to the running front. */
  toggle(status: PhaseStatusName): void;
  /** Opens the next (1) or previous (-1) phase of the filter, wrapping around. */
  step(delta: 1 | -1): void;
  clear(): void;
  /** Brings the running phases into view and follows them again. */
  jumpToRunning(): void;
  /** `base` (critical path, run diff) with the filter's phases emphasised and the rest dimmed. */
  overlayOver(base: GraphOverlay | undefined): GraphOverlay | undefined;
}

/**
 * A status filter for the run page: the status counts pick a status, the graph emphasises its
 * phases through the same overlay the critical path uses, and `n` / `p` (or the buttons) open
 * them one after another with `onStep`.
 */
export function useStatusFilter(
  state: PipelineState | null,
  onStep: (phase: string) => void,
): StatusFilter {
  const [status, setStatus] = useState<PhaseStatusName | null>(null);
  const [index, setIndex] = useState(-1);
  const [fit, setFit] = useState<FitRequest | null>(null);
  const statePhases = state?.phases;
  const previous = useRef<readonly string[]>([]);
  // The same list object while its names stay the same, so the graph is not redrawn for nothing.
  const phases = useMemo(() => {
    const names =
      status === null || statePhases === undefined
        ? []
        : statePhases.filter((phase) => phase.status === status).map((phase) => phase.name);
    const last = previous.current;
    if (names.length === last.length && names.every((name, i) => name === last[i])) return last;
    previous.current = names;
    return names;
  }, [status, statePhases]);
  const highlight = useMemo(() => new Set(phases), [phases]);

  const requestFit = useCallback((target: FitRequest["phases"]) => {
    setFit((last) => ({ phases: target, nonce: (last?.nonce ?? 0) + 1 }));
  }, []);

  const toggle = useCallback(
    (next: PhaseStatusName) => {
      setIndex(-1);
      if (next === status) {
        setStatus(null);
        return;
      }
      setStatus(next);
      if (next === "running") {
        requestFit("running");
        return;
      }
      const names = (statePhases ?? [])
        .filter((phase) => phase.status === next)
        .map((phase) => phase.name);
      if (names.length > 0) requestFit(names);
    },
    [status, statePhases, requestFit],
  );

  const step = useCallback(
    (delta: 1 | -1) => {
      if (phases.length === 0) return;
      const from = index < 0 || index >= phases.length ? (delta > 0 ? -1 : 0) : index;
      const next = (from + delta + phases.length) % phases.length;
      setIndex(next);
      onStep(phases[next]!);
    },
    [phases, index, onStep],
  );

  const clear = useCallback(() => {
    setStatus(null);
    setIndex(-1);
  }, []);

  const jumpToRunning = useCallback(() => requestFit("running"), [requestFit]);

  // n and p step through the filter anywhere on the page, except while typing.
  useEffect(() => {
    if (status === null) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (event.key !== "n" && event.key !== "p") return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable='true']")) return;
      event.preventDefault();
      step(event.key === "n" ? 1 : -1);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [status, step]);

  // The same overlay object for the same inputs: a new one would redraw the graph every frame.
  const combined = useRef<{ base: GraphOverlay | undefined; overlay: GraphOverlay } | null>(null);
  const overlayOver = useCallback(
    (base: GraphOverlay | undefined): GraphOverlay | undefined => {
      if (status === null) return base;
      const last = combined.current;
      if (last && last.base === base && last.overlay.highlight === highlight) return last.overlay;
      const overlay = { ...(base?.marks ? { marks: base.marks } : {}), highlight, dimOthers: true };
      combined.current = { base, overlay };
      return overlay;
    },
    [status, highlight],
  );

  // The same object while nothing in it changes, so the status counts skip a live run's frames.
  return useMemo(
    () => ({ status, phases, index, fit, toggle, step, clear, jumpToRunning, overlayOver }),
    [status, phases, index, fit, toggle, step, clear, jumpToRunning, overlayOver],
  );
}
