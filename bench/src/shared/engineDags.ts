import { createRandom } from "./createRandom";
import { chainDag, type Dag, fanOutFanInDag, layeredDag } from "./dagShapes";

export const ENGINE_SHAPES = ["chain", "fan-out/fan-in", "random layered"] as const;
export type EngineShape = (typeof ENGINE_SHAPES)[number];

/** The no-op graphs of the engine benchmark; the same shape and size always give the same graph. */
export function engineDag(shape: EngineShape, size: number): Dag {
  if (shape === "chain") return chainDag(size);
  if (shape === "fan-out/fan-in") return fanOutFanInDag(size);
  return layeredDag(createRandom(7919 + size), size);
}
