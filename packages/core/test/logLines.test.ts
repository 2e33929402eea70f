import { describe, expect, it } from "vitest";
import {
  action,
  createPipelineReducer,
  INIT,
  PHASE_COMPLETE,
  PHASE_LOG,
  PHASE_START,
  PIPELINE_START,
  type PipelineGraph,
  type PipelineState,
  phaseStatus,
} from "../src/index";

const MAX = 5;
const graph: PipelineGraph = {
  name: "logs",
  phases: [
    { name: "talk", dependsOn: [], parallel: true, weight: 1, description: "", maxLogLines: MAX },
    { name: "quiet", dependsOn: [], parallel: true, weight: 1, description: "" },
  ],
};
const reducer = createPipelineReducer(graph);
const start = (): PipelineState =>
  [
    action(PIPELINE_START, { at: 0 }),
    action(PHASE_START, { name: "talk", attempt: 1, at: 1 }),
  ].reduce(reducer, reducer(undefined, { type: INIT, payload: undefined }));
const log = (state: PipelineState, line: number) =>
  reducer(
    state,
    action(PHASE_LOG, { name: "talk", line: `line ${line}`, stream: "stdout", at: line }),
  );
const lines = (state: PipelineState) => phaseStatus(state, "talk")!.logs.map((entry) => entry.line);
const expected = (last: number) =>
  Array.from(
    { length: Math.min(MAX, last) },
    (_, index) => `line ${last - Math.min(MAX, last) + index + 1}`,
  );

describe("a phase's log lines", () => {
  it("keep exactly the last maxLogLines after every line, across many of them", () => {
    let state = start();
    for (let line = 1; line <= 23; line++) {
      state = log(state, line);
      expect(lines(state)).toEqual(expected(line));
      expect(phaseStatus(state, "talk")!.logCount).toBe(line);
    }
  });

  it("leave every earlier state as it was", () => {
    const states = [start()];
    for (let line = 1; line <= 12; line++) states.push(log(states.at(-1)!, line));
    for (const [line, state] of states.entries()) expect(lines(state)).toEqual(expected(line));
  });

  it("are plain data: JSON, structuredClone and spreading see the same status, keys in the same order", () => {
    let state = start();
    for (let line = 1; line <= 8; line++) state = log(state, line);
    const status = phaseStatus(state, "talk")!;
    const plain = JSON.parse(JSON.stringify(status));
    expect(Object.keys(status)).toEqual(Object.keys(phaseStatus(start(), "talk")!));
    expect(Object.keys(plain)).toEqual(Object.keys(status));
    expect(structuredClone(status)).toEqual(plain);
    expect({ ...status }).toEqual(plain);
    expect(plain.logs).toHaveLength(MAX);
    // Read twice, the same array.
    expect(status.logs).toBe(status.logs);
  });

  it("continue exactly from a state parsed from JSON", () => {
    let original = start();
    let parsed: PipelineState = JSON.parse(JSON.stringify(start()));
    for (let line = 1; line <= 17; line++) {
      original = log(original, line);
      parsed = log(parsed, line);
      if (line % 4 === 0) parsed = JSON.parse(JSON.stringify(parsed));
    }
    expect(JSON.parse(JSON.stringify(parsed))).toEqual(JSON.parse(JSON.stringify(original)));
  });

  it("stay through the phase's later actions", () => {
    let state = start();
    for (let line = 1; line <= 7; line++) state = log(state, line);
    state = reducer(state, action(PHASE_COMPLETE, { name: "talk", at: 9 }));
    expect(phaseStatus(state, "talk")).toMatchObject({ status: "completed", logCount: 7 });
    expect(lines(state)).toEqual(expected(7));
    expect(phaseStatus(state, "quiet")!.logs).toEqual([]);
  });
});
