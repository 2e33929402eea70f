import type { QueueStep } from "@milo/core";

/**
 * SVG path data for a band of a step chart: between `lower(step)` and `upper(step)` from each
 * step's time to the next one's (the last to `end`), in pixels through `x` and `y`. Empty when
 * there are no steps.
 */
export function stepBand(
  steps: readonly QueueStep[],
  lower: (step: QueueStep) => number,
  upper: (step: QueueStep) => number,
  x: (time: number) => number,
  y: (value: number) => number,
  end: number,
): string {
  if (steps.length === 0) return "";
  const round = (value: number) => Math.round(value * 10) / 10;
  const top: string[] = [];
  const bottom: string[] = [];
  steps.forEach((step, index) => {
    const from = round(x(step.at));
    const to = round(x(steps[index + 1]?.at ?? Math.max(end, step.at)));
    top.push(`L ${from} ${round(y(upper(step)))} L ${to} ${round(y(upper(step)))}`);
    bottom.unshift(`L ${to} ${round(y(lower(step)))} L ${from} ${round(y(lower(step)))}`);
  });
  return `M ${round(x(steps[0]!.at))} ${round(y(lower(steps[0]!)))} ${top.join(" ")} ${bottom.join(" ")} Z`;
}
