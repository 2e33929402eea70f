import type { CriticalPath, CriticalPathStep, PhaseSlack } from "@milo/core";
import { formatDuration } from "../../lib/formatDuration";
import { type InsightColumn, InsightTable } from "./InsightTable";
import { PhaseButton } from "./PhaseButton";

export interface CriticalPathPanelProps {
  readonly path: CriticalPath;
  readonly onSelect: (phase: string) => void;
}

/** The chain that set the run's time, step by step, and how much slack every other phase had. */
export function CriticalPathPanel({ path, onSelect }: CriticalPathPanelProps) {
  const stepColumns: InsightColumn<CriticalPathStep & { readonly index: number }>[] = [
    { label: "#", cell: (step) => step.index + 1, sortValue: (step) => -step.index },
    { label: "Phase", cell: (step) => <PhaseButton name={step.name} onSelect={onSelect} /> },
    {
      label: "Duration",
      cell: (step) => `${step.estimated ? "~" : ""}${formatDuration(step.durationMs)}`,
      sortValue: (step) => step.durationMs,
    },
    {
      label: "Share",
      cell: (step) => <ShareBar share={step.share} />,
      sortValue: (step) => step.share,
      className: "w-40",
    },
    {
      label: "Waited on",
      cell: (step) => waitedOn(step, path.steps[step.index - 1]?.name),
      sortValue: (step) => step.waitMs,
    },
  ];
  // A step's own slack is the scheduler's millisecond or two, not room to spare.
  const onPath = new Set(path.steps.map((step) => step.name));
  const slackColumns: InsightColumn<PhaseSlack>[] = [
    { label: "Phase", cell: (slack) => <PhaseButton name={slack.name} onSelect={onSelect} /> },
    {
      label: "Slack",
      cell: (slack) =>
        onPath.has(slack.name)
          ? "none: on the path"
          : slack.slackMs === 0
            ? "none"
            : formatDuration(slack.slackMs),
      sortValue: (slack) => slack.slackMs,
    },
  ];
  // Least slack first: the phases closest to becoming critical.
  const slack = [...path.slack].sort((a, b) => a.slackMs - b.slackMs);
  return (
    <section
      data-testid="critical-path"
      aria-label="Critical path"
      className="rounded-xl border border-slate-200 bg-white px-2 py-3 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 className="mb-1 px-3 font-semibold text-sm">
        {path.estimated ? "Expected critical path" : "Critical path"}:{" "}
        <span className="font-normal text-slate-500 dark:text-slate-400">
          {path.steps.length} {path.steps.length === 1 ? "phase" : "phases"} set the run's{" "}
          {path.estimated ? "expected " : ""}
          {formatDuration(path.durationMs)}
        </span>
      </h2>
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <InsightTable
          label="Critical path steps"
          testId="critical-path-steps"
          columns={stepColumns}
          rows={path.steps.map((step, index) => ({ ...step, index }))}
          rowKey={(step) => step.name}
        />
        <InsightTable
          label="Slack per phase"
          testId="critical-path-slack"
          columns={slackColumns}
          rows={slack}
          rowKey={(row) => row.name}
        />
      </div>
    </section>
  );
}

function waitedOn(step: CriticalPathStep, previous: string | undefined): string {
  const wait = step.waitMs > 0 ? ` (+${formatDuration(step.waitMs)})` : "";
  if (step.waitedOn === "start" || previous === undefined) return `the run's start${wait}`;
  if (step.waitedOn === "slot") return `a slot freed by ${previous}${wait}`;
  return `${previous}${wait}`;
}

function ShareBar({ share }: { readonly share: number }) {
  const percent = Math.round(share * 100);
  return (
    <span className="flex items-center gap-2">
      <span className="h-1.5 w-20 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700">
        <span
          className="block h-full rounded-full bg-violet-700 dark:bg-violet-300"
          style={{ width: `${percent}%` }}
        />
      </span>
      {percent}%
    </span>
  );
}
