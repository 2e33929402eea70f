import { type PhaseGraph, type PhaseStatus, type PipelineGraph, phaseWallTime } from "@milo/core";
import { type ReactNode, useEffect, useRef } from "react";
import { useTheme } from "../../hooks/useTheme";
import { formatDuration } from "../../lib/formatDuration";
import { formatTime } from "../../lib/formatTime";
import { phaseStatusLabel } from "../Status/phaseStatusLabel";
import { StatusBadge } from "../Status/StatusBadge";
import { StatusIcon } from "../Status/StatusIcon";
import { STATUS_STYLES } from "../Status/statusStyle";
import { PhaseDurationsChart } from "./PhaseDurationsChart";
import { PhaseLogs } from "./PhaseLogs";

export interface PhasePanelProps {
  readonly graph: PipelineGraph;
  readonly phase: PhaseGraph;
  /** The phase in the run; absent on a pipeline's page, where nothing has run. */
  readonly run?: {
    readonly runId: string;
    readonly status: PhaseStatus;
    readonly blockedBy: string | null;
    readonly firstFailure: boolean;
    /** Whether the run can still change. */
    readonly live: boolean;
    readonly now: number;
  };
  readonly onSelect: (phase: string) => void;
  readonly onClose: () => void;
}

/** Everything about one phase: what it is, how it ran, why it failed, what it printed. */
export function PhasePanel({ graph, phase, run, onSelect, onClose }: PhasePanelProps) {
  const { resolved } = useTheme();
  const panelRef = useRef<HTMLElement>(null);
  useClosesOnEscape(onClose);
  // Below the graph on a narrow screen: bring the panel into sight when it opens.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again for each phase shown
  useEffect(() => {
    const panel = panelRef.current;
    if (panel && panel.getBoundingClientRect().top >= window.innerHeight) {
      panel.scrollIntoView({ block: "start" });
    }
  }, [phase.name]);
  const dependents = graph.phases.filter((other) => other.dependsOn.includes(phase.name));
  const status = run?.status;
  // Over all attempts: a retried phase took from its first start, back-offs included.
  const wall = status === undefined ? null : phaseWallTime(status, run!.now);

  return (
    <aside
      ref={panelRef}
      data-testid="phase-panel"
      data-phase={phase.name}
      aria-label={`Phase ${phase.name}`}
      className="flex h-full min-h-0 flex-col overflow-hidden rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      <header className="flex items-start gap-3 border-slate-200 border-b px-4 py-3 dark:border-slate-800">
        <div className="min-w-0 flex-1">
          <h2 className="break-words font-semibold text-base leading-snug">{phase.name}</h2>
          {phase.description ? (
            <p className="mt-0.5 text-slate-600 text-sm dark:text-slate-400">{phase.description}</p>
          ) : null}
        </div>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close phase details"
          className="rounded-md p-1 text-slate-500 hover:bg-slate-100 dark:text-slate-400 hover:text-slate-900 dark:hover:bg-slate-800 dark:hover:text-white"
        >
          <svg
            viewBox="0 0 16 16"
            className="size-4"
            stroke="currentColor"
            strokeWidth={1.75}
            aria-hidden="true"
          >
            <path d="M4 4l8 8M12 4l-8 8" />
          </svg>
        </button>
      </header>

      <div className="min-h-0 flex-1 space-y-4 overflow-y-auto px-4 py-3 text-sm">
        {status ? (
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge
              status={status.status}
              label={phaseStatusLabel(status.status, run !== undefined && !run.live)}
              testId="phase-status"
              size="md"
            />
            {run?.firstFailure ? (
              <span className="rounded-full bg-red-100 px-2 py-0.5 font-semibold text-red-800 text-xs dark:bg-red-900/40 dark:text-red-200">
                First failure of the run
              </span>
            ) : null}
            {run?.blockedBy ? (
              <button
                type="button"
                data-testid="phase-blocked-by"
                onClick={() => onSelect(run.blockedBy!)}
                className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-700 text-xs hover:bg-slate-200 dark:bg-slate-800 dark:text-slate-300 dark:hover:bg-slate-700"
              >
                Never ran: blocked by <strong>{run.blockedBy}</strong>
              </button>
            ) : null}
          </div>
        ) : null}

        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5">
          {status ? (
            <>
              <Fact label="Attempt">{status.attempt === 0 ? "not started" : status.attempt}</Fact>
              <Fact label="Retries">{Math.max(0, status.attempts.length - 1)}</Fact>
              <Fact label="Agent">
                <span data-testid="phase-agent" className="font-mono">
                  {status.attempts.at(-1)?.agent ?? (status.attempt === 0 ? "—" : "in process")}
                </span>
              </Fact>
              <Fact label="Started">{wall === null ? "—" : formatTime(wall.start, run!.now)}</Fact>
              <Fact label="Elapsed">
                <span data-testid="phase-elapsed" className="tabular-nums">
                  {wall === null ? "—" : formatDuration(wall.elapsed)}
                  {wall !== null && status.attempts.length > 1
                    ? ` over ${status.attempts.length} attempts`
                    : ""}
                </span>
              </Fact>
            </>
          ) : null}
          <Fact label="Weight">{phase.weight}</Fact>
          <Fact label="Runs">{phase.parallel ? "in parallel with others" : "alone (serial)"}</Fact>
          <Fact label="Depends on">
            <PhaseLinks names={phase.dependsOn} onSelect={onSelect} />
          </Fact>
          <Fact label="Needed by">
            <PhaseLinks names={dependents.map((other) => other.name)} onSelect={onSelect} />
          </Fact>
        </dl>

        {status?.error ? (
          <section>
            <h3 className="mb-1 font-semibold text-slate-500 text-xs uppercase tracking-wide dark:text-slate-400">
              Error
            </h3>
            <pre
              data-testid="phase-error"
              className="max-h-64 overflow-auto whitespace-pre-wrap break-words rounded-lg border border-orange-200 bg-orange-50 p-3 font-mono text-orange-950 text-xs dark:border-orange-900/60 dark:bg-orange-950/30 dark:text-orange-100"
            >
              {status.error}
            </pre>
            <ErrorStack stack={status.attempts.at(-1)?.stack} />
          </section>
        ) : null}

        {status && status.attempts.length > 1 ? (
          <section>
            <h3 className="mb-1 font-semibold text-slate-500 text-xs uppercase tracking-wide dark:text-slate-400">
              Attempts
            </h3>
            <ol className="space-y-1">
              {status.attempts.map((attempt) => {
                const outcome = attempt.outcome ?? status.status;
                return (
                  <li key={attempt.attempt} className="flex items-start gap-2 text-xs">
                    <span
                      className="mt-px"
                      style={{ color: STATUS_STYLES[outcome].color[resolved] }}
                    >
                      <StatusIcon status={outcome} className="size-3.5" />
                    </span>
                    <span className="shrink-0 font-medium">#{attempt.attempt}</span>
                    <span className="shrink-0 text-slate-500 tabular-nums dark:text-slate-400">
                      {formatDuration((attempt.endedAt ?? run!.now) - attempt.startedAt)}
                      {attempt.endedAt === null ? " so far" : ""}
                    </span>
                    <span className="min-w-0 break-words text-slate-600 dark:text-slate-400">
                      {attempt.error ?? STATUS_STYLES[outcome].label}
                      {attempt.agent ? (
                        <span className="text-slate-500 dark:text-slate-400">
                          {" "}
                          · on {attempt.agent}
                        </span>
                      ) : null}
                    </span>
                  </li>
                );
              })}
            </ol>
          </section>
        ) : null}

        <PhaseDurationsChart
          pipeline={graph.name}
          phase={phase.name}
          runId={run?.runId}
          current={
            !status || wall === null || status.reusedFrom
              ? null
              : { elapsed: wall.elapsed, done: wall.end !== null }
          }
        />

        {run && status ? (
          <PhaseLogs
            key={phase.name}
            runId={run.runId}
            live={run.live}
            phase={phase}
            status={status}
          />
        ) : null}
      </div>
    </aside>
  );
}

function Fact({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}

function PhaseLinks({
  names,
  onSelect,
}: {
  readonly names: readonly string[];
  readonly onSelect: (phase: string) => void;
}) {
  if (names.length === 0) return <span className="text-slate-500 dark:text-slate-400">none</span>;
  const shown = names.slice(0, 12);
  return (
    <span className="flex flex-wrap gap-1">
      {shown.map((name) => (
        <button
          type="button"
          key={name}
          onClick={() => onSelect(name)}
          className="max-w-full truncate rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs hover:bg-slate-200 dark:bg-slate-800 dark:hover:bg-slate-700"
        >
          {name}
        </button>
      ))}
      {names.length > shown.length ? (
        <span className="text-slate-500 text-xs dark:text-slate-400">
          +{names.length - shown.length} more
        </span>
      ) : null}
    </span>
  );
}

/** Escape closes the panel, unless a field is using it (the search clears itself first). */
function useClosesOnEscape(onClose: () => void) {
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable]")) return;
      close.current();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}

/** Where the failure was thrown, folded under its message as Airflow shows a traceback. */
function ErrorStack({ stack }: { readonly stack: string | undefined }) {
  if (stack === undefined || stack === "") return null;
  return (
    <details data-testid="phase-stack" className="mt-1.5 text-xs">
      <summary className="cursor-pointer text-slate-600 dark:text-slate-400">
        Stack trace
        {stack.includes("\nCaused by: ") || stack.startsWith("Caused by: ") ? " and causes" : ""}
      </summary>
      <pre className="mt-1 max-h-64 overflow-auto whitespace-pre rounded-lg border border-slate-200 bg-slate-50 p-3 font-mono text-slate-800 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-200">
        {stack}
      </pre>
    </details>
  );
}
