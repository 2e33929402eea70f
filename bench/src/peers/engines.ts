import { runFloor } from "./runFloor";
import { runWithMilo } from "./runWithMilo";
import { runWithPGraph } from "./runWithPGraph";
import { runWithReduxSaga } from "./runWithReduxSaga";
import type { Engine } from "./types";

/** The engines the engine benchmark compares, by the name it reports them under. */
export const ENGINES_BY_NAME = {
  "@milo/core": runWithMilo,
  "redux + redux-saga": runWithReduxSaga,
  "p-graph": runWithPGraph,
  "floor (hand-written)": runFloor,
} as const satisfies Record<string, Engine>;

export type EngineName = keyof typeof ENGINES_BY_NAME;

export const ENGINE_NAMES = Object.keys(ENGINES_BY_NAME) as EngineName[];

/** The phase every engine runs in the engine benchmark: nothing, asynchronously. */
export const noOp = (): Promise<void> => Promise.resolve();
