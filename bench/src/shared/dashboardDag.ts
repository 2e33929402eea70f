import { createRandom } from "./createRandom";
import { type Dag, layeredDag } from "./dagShapes";

/**
 * The graphs of the dashboard benchmark: about √n columns of √n phases, each depending on 1 to
 * 3 phases of the column before (like the worker's "large" example, with random edges).
 */
export function dashboardDag(size: number): Dag {
  return layeredDag(createRandom(4_242 + size), size);
}
