import { vi } from "vitest";
import type {
  AnyAction,
  Pipeline,
  PipelineRunResult,
  PipelineState,
  SagaOptions,
} from "../src/index";
import { Store } from "../src/index";

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface RecordedRun {
  readonly store: Store<PipelineState>;
  readonly actions: AnyAction[];
  readonly result: PipelineRunResult | undefined;
}

/** Runs a pipeline under fake timers to its end; returns every dispatched action. */
export async function runWithFakeTime(
  pipeline: Pipeline,
  options: SagaOptions = {},
  whileRunning?: (store: Store<PipelineState>) => void,
): Promise<RecordedRun> {
  const store = new Store(pipeline.buildReducer());
  const actions: AnyAction[] = [];
  store.subscribe((_state, action) => actions.push(action));
  const task = store.runSaga(pipeline.buildSaga(options));
  whileRunning?.(store);
  const done = task.toPromise();
  await vi.runAllTimersAsync();
  const result = await done;
  return { store, actions, result };
}

/** The actions of one type, as payloads. */
export function payloadsOf<P = Record<string, unknown>>(actions: AnyAction[], type: string): P[] {
  return actions.filter((action) => action.type === type).map((action) => action.payload as P);
}

/** Intervals [start, end] of each phase's attempts, from the recorded actions. */
export function intervalsOf(actions: AnyAction[]): Map<string, { start: number; end: number }[]> {
  const intervals = new Map<string, { start: number; end: number }[]>();
  const open = new Map<string, number>();
  for (const action of actions) {
    const payload = action.payload as { name?: string; at: number };
    if (!payload?.name) continue;
    if (action.type === "@@PHASE_START") open.set(payload.name, payload.at);
    else if (open.has(payload.name) && action.type !== "@@PHASE_LOG") {
      const list = intervals.get(payload.name) ?? [];
      list.push({ start: open.get(payload.name)!, end: payload.at });
      intervals.set(payload.name, list);
      open.delete(payload.name);
    }
  }
  return intervals;
}
