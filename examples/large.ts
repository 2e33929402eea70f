import { setTimeout as sleep } from "node:timers/promises";
import { Phase, Pipeline } from "@milo/core";

const LEVELS = 40;
const WIDTH = 50;

const phaseName = (level: number, index: number) =>
  `l${String(level).padStart(2, "0")}-p${String(index).padStart(2, "0")}`;

/** 1–3 distinct phases of the previous level, picked by arithmetic (the same on every load). */
function dependenciesOf(level: number, index: number): string[] {
  if (level === 0) return [];
  const count = 1 + ((index * 7 + level * 3) % 3);
  const picks = new Set<number>([index]);
  for (let step = 1; picks.size < count; step++) {
    picks.add((index + step * (level % 7) + step * 13) % WIDTH);
  }
  return [...picks].map((pick) => phaseName(level - 1, pick));
}

function levelPhases(level: number): Phase[] {
  return Array.from({ length: WIDTH }, (_, index) => {
    const durationMs = 5 + ((index * 31 + level * 17) % 46);
    return new Phase(phaseName(level, index), {
      dependsOn: dependenciesOf(level, index),
      parallel: true,
      weight: 1 + ((index + level) % 3),
      handler: async (ctx) => {
        await sleep(durationMs, undefined, { signal: ctx.signal });
        const inputs = Object.keys(ctx.results).length;
        ctx.log(`level ${level} item ${index}: ${inputs} input(s), ${durationMs} ms`);
        return level * WIDTH + index;
      },
    });
  });
}

/** "large": 2,000 phases, 40 levels of 50, each depending on 1–3 of the level before. */
export const large = new Pipeline(
  "large",
  Array.from({ length: LEVELS }, (_, level) => levelPhases(level)).flat(),
);
