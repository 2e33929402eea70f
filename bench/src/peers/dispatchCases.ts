import {
  type AnyAction,
  action,
  createPipelineReducer,
  PHASE_COMPLETE,
  PHASE_LOG,
  PHASE_START,
  PIPELINE_COMPLETE,
  PIPELINE_START,
  type PipelineGraph,
  type Reducer,
  Store,
} from "@milo/core";
import { legacy_createStore as createReduxStore } from "redux";

export interface MinimalStore {
  dispatch(action: AnyAction): unknown;
  getState(): unknown;
  subscribe(listener: () => void): () => void;
}

export const DISPATCH_STORES = {
  "@milo/core Store": (reducer: Reducer<unknown>): MinimalStore => new Store(reducer),
  "redux createStore": (reducer: Reducer<unknown>): MinimalStore =>
    createReduxStore(reducer as Parameters<typeof createReduxStore>[0]) as unknown as MinimalStore,
} as const;
export type DispatchStore = keyof typeof DISPATCH_STORES;

/** The actions of a 100-phase run: start, a log line and the end of each phase. */
function pipelineRun(): { graph: PipelineGraph; actions: AnyAction[] } {
  const name = (i: number) => `phase-${String(i).padStart(3, "0")}`;
  const phases = Array.from({ length: 100 }, (_, i) => ({
    name: name(i),
    dependsOn: i === 0 ? [] : [name(i - 1)],
    parallel: true,
    weight: 1,
    description: "",
  }));
  const actions: AnyAction[] = [action(PIPELINE_START, { at: 0 })];
  phases.forEach((phase, i) => {
    actions.push(action(PHASE_START, { name: phase.name, attempt: 1, at: i * 10 }));
    actions.push(
      action(PHASE_LOG, { name: phase.name, line: "working", stream: "stdout", at: i * 10 + 5 }),
    );
    actions.push(action(PHASE_COMPLETE, { name: phase.name, at: i * 10 + 9 }));
  });
  actions.push(action(PIPELINE_COMPLETE, { at: 1_000 }));
  return { graph: { name: "dispatch", phases }, actions };
}

export interface DispatchCase {
  readonly reducer: () => Reducer<unknown>;
  readonly actions: readonly AnyAction[];
}

/** The same reducer and actions for both stores. */
export const DISPATCH_CASES = {
  "pipeline reducer (a 100-phase run, 302 actions)": (): DispatchCase => {
    const run = pipelineRun();
    return {
      reducer: () => createPipelineReducer(run.graph) as Reducer<unknown>,
      actions: run.actions,
    };
  },
  "counter reducer (store overhead alone)": (): DispatchCase => ({
    reducer: () =>
      ((state: unknown = 0, a: AnyAction) =>
        a.type === "increment" ? (state as number) + 1 : state) as Reducer<unknown>,
    actions: Array.from({ length: 1_000 }, () => ({ type: "increment", payload: undefined })),
  }),
} as const;
export type DispatchCaseName = keyof typeof DISPATCH_CASES;
