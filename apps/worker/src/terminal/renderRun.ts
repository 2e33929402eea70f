import type { PhaseStatus, PhaseStatusName, PipelineState } from "@milo/core";
import type { Colors } from "picocolors/types";

export interface RenderOptions {
  readonly colors: Colors;
  /** Terminal width and height; the view keeps within them. */
  readonly columns: number;
  readonly rows: number;
  /** The run's expected end in words ("ends in ~2 m 10 s (23:14)"), shown in the header. */
  readonly eta?: string | null;
}

const ICONS: Record<PhaseStatusName, string> = {
  pending: "○",
  running: "●",
  retrying: "↻",
  completed: "✓",
  failed: "✗",
  skipped: "↷",
  cancelled: "■",
};

export function phaseIcon(status: PhaseStatusName, colors: Colors): string {
  const icon = ICONS[status];
  switch (status) {
    case "completed":
      return colors.green(icon);
    case "failed":
      return colors.red(icon);
    case "running":
      return colors.cyan(icon);
    case "retrying":
    case "skipped":
      return colors.yellow(icon);
    case "cancelled":
      return colors.magenta(icon);
    default:
      return colors.dim(icon);
  }
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, "0")}s`;
}

export function progressBar(progress: number, width: number, colors: Colors): string {
  const filled = Math.round(Math.min(1, Math.max(0, progress)) * width);
  return colors.green("█".repeat(filled)) + colors.dim("░".repeat(width - filled));
}

/** How long a phase has run: its current attempt so far, or in all once it ended. */
export function phaseElapsed(phase: PhaseStatus, now: number): number {
  if (phase.status === "running" && phase.startedAt !== null) {
    return Math.max(0, now - phase.startedAt);
  }
  return phase.elapsed;
}

function runElapsed(state: PipelineState, now: number): number {
  if (state.status === "running" && state.startedAt !== null) {
    return Math.max(0, now - state.startedAt);
  }
  return state.elapsed;
}

function statusWord(state: PipelineState, colors: Colors): string {
  switch (state.status) {
    case "completed":
      return colors.green("completed");
    case "failed":
      return colors.red("failed");
    case "cancelled":
      return colors.magenta("cancelled");
    default:
      return colors.cyan(state.status);
  }
}

/** Cuts a line to `width` visible characters (colors are added after cutting). */
function truncate(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
}

function phaseLine(phase: PhaseStatus, nameWidth: number, now: number, options: RenderOptions) {
  const { colors, columns } = options;
  const attempt = phase.attempt > 0 ? `#${phase.attempt}` : "";
  const time = phase.attempt > 0 ? formatDuration(phaseElapsed(phase, now)) : "";
  const head = `${phase.name.padEnd(nameWidth)} ${attempt.padStart(3)} ${time.padStart(7)}`;
  let detail = "";
  if (phase.status === "running") detail = phase.logs[phase.logs.length - 1]?.line ?? "";
  else if (phase.error !== null && phase.status !== "completed") detail = phase.error;
  const room = columns - head.length - 5;
  const shown = room > 8 && detail !== "" ? `  ${truncate(detail.replace(/\s+/g, " "), room)}` : "";
  const colored = phase.status === "failed" ? colors.red(shown) : colors.dim(shown);
  return ` ${phaseIcon(phase.status, colors)} ${truncate(head, columns - 4)}${colored}`;
}

const SHOW_FIRST: readonly PhaseStatusName[] = ["running", "retrying", "failed", "cancelled"];

/** The phases worth a line when not all fit: active and failed ones first, then the latest. */
function pickPhases(phases: readonly PhaseStatus[], room: number): Set<string> {
  const rank = (phase: PhaseStatus) => {
    const first = SHOW_FIRST.indexOf(phase.status);
    return first >= 0 ? first : phase.status === "pending" ? 6 : 5;
  };
  const ordered = [...phases].sort(
    (a, b) => rank(a) - rank(b) || (b.endedAt ?? 0) - (a.endedAt ?? 0),
  );
  return new Set(ordered.slice(0, room).map((phase) => phase.name));
}

/** The live view of a run: a header with a weighted progress bar, then one line per phase. */
export function renderRunView(state: PipelineState, now: number, options: RenderOptions): string {
  const { colors, columns, rows } = options;
  const { phases } = state;
  const counts = countStatuses(phases);
  const barWidth = Math.max(10, Math.min(40, columns - 50));
  const percent = `${Math.floor(state.progress * 100)}%`.padStart(4);
  const header =
    ` ${colors.bold(truncate(state.name, 30))}  ${statusWord(state, colors)}  ` +
    `${progressBar(state.progress, barWidth, colors)} ${percent}  ${formatDuration(runElapsed(state, now))}` +
    (options.eta ? `  ${colors.dim(options.eta)}` : "");
  const room = Math.max(3, rows - 3);
  const shown = phases.length <= room ? null : pickPhases(phases, room - 1);
  const nameWidth = Math.min(
    32,
    Math.max(
      8,
      ...phases.map((phase) => ((shown?.has(phase.name) ?? true) ? phase.name.length : 0)),
    ),
  );
  const lines = [header];
  for (const phase of phases) {
    if (shown === null || shown.has(phase.name))
      lines.push(phaseLine(phase, nameWidth, now, options));
  }
  if (shown !== null) {
    lines.push(
      colors.dim(`   … ${phases.length - shown.size} more phases (${describeCounts(counts)})`),
    );
  }
  return lines.join("\n");
}

export function countStatuses(phases: Iterable<PhaseStatus>): Map<PhaseStatusName, number> {
  const counts = new Map<PhaseStatusName, number>();
  for (const phase of phases) counts.set(phase.status, (counts.get(phase.status) ?? 0) + 1);
  return counts;
}

export function describeCounts(counts: Map<PhaseStatusName, number>): string {
  const order: PhaseStatusName[] = [
    "completed",
    "running",
    "retrying",
    "pending",
    "skipped",
    "failed",
    "cancelled",
  ];
  return order
    .filter((status) => (counts.get(status) ?? 0) > 0)
    .map((status) => `${counts.get(status)} ${status}`)
    .join(", ");
}

/** What is printed once the run has ended: the failed phases' errors and one summary line. */
export function renderSummary(state: PipelineState, colors: Colors): string {
  const { phases } = state;
  const lines: string[] = [];
  const failed = phases.filter((phase) => phase.status === "failed");
  if (failed.length > 0) {
    lines.push("", colors.bold("Errors"));
    for (const phase of failed) {
      lines.push(
        ` ${phaseIcon("failed", colors)} ${colors.bold(phase.name)}: ${phase.error ?? ""}`,
      );
    }
  }
  const skipped = phases.filter((phase) => phase.status === "skipped");
  for (const phase of skipped) {
    lines.push(` ${phaseIcon("skipped", colors)} ${phase.name} was skipped: ${phase.error ?? ""}`);
  }
  const counts = describeCounts(countStatuses(phases));
  const why = state.status !== "completed" && state.error !== null ? `: ${state.error}` : "";
  lines.push(
    "",
    `Pipeline ${colors.bold(state.name)} ${statusWord(state, colors)} in ${formatDuration(state.elapsed)} (${counts})${why}`,
  );
  return lines.join("\n");
}
