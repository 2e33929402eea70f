import { type Action, applyMiddleware, legacy_createStore as createStore } from "redux";
import createSagaMiddleware, { type Channel, type SagaIterator } from "redux-saga";
import { actionChannel, call, fork, put, take } from "redux-saga/effects";
import { type DagPhase, dependentsByName } from "../shared/dagShapes";
import type { Engine } from "./types";

interface PhaseRecord {
  readonly status: "pending" | "running" | "completed";
  readonly startedAt: number | null;
  readonly endedAt: number | null;
}

interface RunState {
  readonly status: "pending" | "running" | "completed";
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  readonly phases: Readonly<Record<string, PhaseRecord>>;
}

interface RunAction extends Action<string> {
  readonly payload: { readonly at: number; readonly name?: string };
}

/**
 * The same pipeline written the idiomatic redux + redux-saga way: a reducer keeping a record
 * per phase (updated by spreading, as the Redux docs teach), a root saga that forks one saga per
 * ready phase, and start/complete actions put by each phase saga. Completions come through an
 * actionChannel so that none is missed while the root saga is busy forking.
 */
export const runWithReduxSaga: Engine = (dag, work) => {
  const dependents = dependentsByName(dag);
  const byName = new Map(dag.phases.map((phase) => [phase.name, phase]));
  const initial: RunState = {
    status: "pending",
    startedAt: null,
    endedAt: null,
    phases: Object.fromEntries(
      dag.phases.map((phase) => [
        phase.name,
        { status: "pending", startedAt: null, endedAt: null },
      ]),
    ),
  };

  const reducer = (state: RunState = initial, action: RunAction): RunState => {
    switch (action.type) {
      case "PIPELINE_START":
        return { ...state, status: "running", startedAt: action.payload.at };
      case "PIPELINE_COMPLETE":
        return { ...state, status: "completed", endedAt: action.payload.at };
      case "PHASE_START": {
        const name = action.payload.name!;
        const phase = {
          ...state.phases[name]!,
          status: "running" as const,
          startedAt: action.payload.at,
        };
        return { ...state, phases: { ...state.phases, [name]: phase } };
      }
      case "PHASE_COMPLETE": {
        const name = action.payload.name!;
        const phase = {
          ...state.phases[name]!,
          status: "completed" as const,
          endedAt: action.payload.at,
        };
        return { ...state, phases: { ...state.phases, [name]: phase } };
      }
      default:
        return state;
    }
  };

  function* phaseSaga(phase: DagPhase): SagaIterator {
    yield put({ type: "PHASE_START", payload: { name: phase.name, at: Date.now() } });
    yield call(work, phase);
    yield put({ type: "PHASE_COMPLETE", payload: { name: phase.name, at: Date.now() } });
  }

  function* pipelineSaga(concurrency: number): SagaIterator {
    const completions: Channel<RunAction> = yield actionChannel("PHASE_COMPLETE");
    yield put({ type: "PIPELINE_START", payload: { at: Date.now() } });
    const waiting = new Map(dag.phases.map((phase) => [phase.name, phase.dependsOn.length]));
    const ready = dag.phases.filter((phase) => phase.dependsOn.length === 0);
    let running = 0;
    let done = 0;
    while (done < dag.phases.length) {
      while (running < concurrency && ready.length > 0) {
        running++;
        yield fork(phaseSaga, ready.pop()!);
      }
      const completed: RunAction = yield take(completions);
      running--;
      done++;
      for (const dependent of dependents.get(completed.payload.name!)!) {
        const left = waiting.get(dependent)! - 1;
        waiting.set(dependent, left);
        if (left === 0) ready.push(byName.get(dependent)!);
      }
    }
    completions.close();
    yield put({ type: "PIPELINE_COMPLETE", payload: { at: Date.now() } });
  }

  return async ({ concurrency }) => {
    const sagaMiddleware = createSagaMiddleware();
    const store = createStore(reducer, applyMiddleware(sagaMiddleware));
    await sagaMiddleware.run(pipelineSaga, concurrency).toPromise();
    if (store.getState().status !== "completed") {
      throw new Error(`redux-saga did not complete ${dag.name}`);
    }
  };
};
