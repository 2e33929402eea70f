import type { CriticalPath, CriticalPathStep } from "@milo/core";

/** A link drawn from one critical step's end to the next one's start. */
export interface CriticalLink {
  readonly from: string;
  readonly to: string;
  readonly fromEnd: number;
  readonly toStart: number;
  readonly waitedOn: CriticalPathStep["waitedOn"];
}

export interface TimelineCriticalPath {
  readonly steps: readonly CriticalPathStep[];
  readonly byName: ReadonlyMap<string, CriticalPathStep>;
  readonly links: readonly CriticalLink[];
  /** How much later each phase could have ended without delaying the run. */
  readonly slack: ReadonlyMap<string, number>;
  readonly start: number;
  /** The run's end, or its expected end while it runs. */
  readonly end: number;
  readonly durationMs: number;
  readonly estimated: boolean;
}

/** The run's critical path (see `runCriticalPath`) as the timeline draws it. */
export function timelineCriticalPath(path: CriticalPath): TimelineCriticalPath {
  const links: CriticalLink[] = [];
  for (let index = 1; index < path.steps.length; index++) {
    const previous = path.steps[index - 1]!;
    const step = path.steps[index]!;
    links.push({
      from: previous.name,
      to: step.name,
      fromEnd: previous.end,
      toStart: step.start,
      waitedOn: step.waitedOn,
    });
  }
  return {
    steps: path.steps,
    byName: new Map(path.steps.map((step) => [step.name, step])),
    links,
    slack: new Map(path.slack.map((entry) => [entry.name, entry.slackMs])),
    start: path.start,
    end: path.end,
    durationMs: path.durationMs,
    estimated: path.estimated,
  };
}

/** The phases the expected critical path still has to run, in the order it reaches them. */
export function expectedPhases(path: TimelineCriticalPath | null): string[] {
  if (path === null || !path.estimated) return [];
  return path.steps.filter((step) => step.estimated).map((step) => step.name);
}
