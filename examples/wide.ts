import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Phase, type PhaseContext, Pipeline } from "@milo/core";

/** A stable number from a name, so durations and weights vary but never change between loads. */
function seedOf(name: string): number {
  return createHash("sha1").update(name).digest().readUInt32BE(0);
}

/** 50–600 ms of waiting in slices, hashing a little each time, one log line at the end. */
async function work(ctx: PhaseContext, label: string): Promise<string> {
  const total = 50 + (seedOf(ctx.phase.name) % 551);
  let digest = ctx.phase.name;
  for (let spent = 0; spent < total; spent += 50) {
    await sleep(Math.min(50, total - spent), undefined, { signal: ctx.signal });
    digest = createHash("sha256").update(digest).digest("hex");
  }
  ctx.log(`${label} in ${total} ms (${digest.slice(0, 10)})`);
  return digest;
}

function stage(
  names: readonly string[],
  dependsOn: (index: number) => readonly string[],
  label: string,
  weight?: number,
): Phase[] {
  return names.map(
    (name, index) =>
      new Phase(name, {
        dependsOn: dependsOn(index),
        parallel: true,
        weight: weight ?? 1 + (seedOf(name) % 4),
        description: `${label} (${name})`,
        handler: (ctx) => work(ctx, label),
      }),
  );
}

const numbered = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, index) => `${prefix}-${String(index).padStart(2, "0")}`);

const fetches = numbered("fetch", 28);
const indexes = ["index-a", "index-b"];
const transforms = numbered("transform", 48);
const aggregates = numbered("aggregate", 6);
const reports = numbered("report", 30);
const regions = ["eu", "us", "ap", "sa", "af", "oc"].map((region) => `publish-${region}`);

/**
 * "wide": 123 phases in fan-out/fan-in stages: plan → 28 fetches → 2 indexes → 48 transforms →
 * 6 aggregates → 30 reports → bundle → 6 regional publishes → verify.
 */
export const wide = new Pipeline(
  "wide",
  stage(["plan"], () => [], "planned the shards", 1),
  stage(fetches, () => ["plan"], "fetched a shard"),
  stage(indexes, (index) => fetches.filter((_, at) => at % 2 === index), "indexed the shards", 3),
  stage(transforms, (index) => [indexes[index % 2]!], "transformed records"),
  stage(aggregates, (index) => transforms.slice(index * 8, index * 8 + 8), "aggregated", 2),
  stage(
    reports,
    (index) =>
      index % 3 === 0
        ? [aggregates[index % 6]!, aggregates[(index + 1) % 6]!]
        : [aggregates[index % 6]!],
    "rendered a report",
  ),
  stage(["bundle"], () => reports, "bundled the reports", 5),
  stage(regions, () => ["bundle"], "published"),
  stage(["verify"], () => regions, "verified every region", 2),
);
