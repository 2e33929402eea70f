import { describe, expect, it } from "vitest";
import { manualTimers } from "../../test/FakeEventSource";
import { recordedMoments } from "../../test/recordedMoments";
import { recordedActions as actions, recordedGraph, recordedState } from "../../test/recordedRun";
import { createTimeTravel } from "../createTimeTravel";

const lastSeq = actions.length;

/** The core reducer over the first `seq` actions, as the worker sends it (plain JSON). */
const stateAfter = (seq: number) => JSON.parse(JSON.stringify(recordedState(seq)));

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function travelOverRecordedRun() {
  const moments = recordedMoments();
  const timers = manualTimers();
  let clock = 0;
  const travel = createTimeTravel({
    graph: recordedGraph,
    source: moments.source,
    timers,
    now: () => clock,
  });
  travel.setEdge(lastSeq, false);
  return {
    travel,
    asked: moments.asked,
    timers,
    advance(ms: number) {
      clock += ms;
      timers.runAll();
    },
  };
}

describe("createTimeTravel", () => {
  it("shows the state after the action sought, as the reducer gives it", async () => {
    const { travel } = travelOverRecordedRun();
    travel.seek(12);
    expect(travel.getSnapshot()).toMatchObject({ position: 12, loading: true });
    await settle();
    const { moment, loading } = travel.getSnapshot();
    expect(loading).toBe(false);
    expect(moment?.seq).toBe(12);
    expect(moment?.at).toBe(actions[11]!.payload.at);
    expect(moment?.state).toEqual(stateAfter(12));
  });

  it("asks for one moment at a time, the latest position winning", async () => {
    const { travel, asked } = travelOverRecordedRun();
    travel.seek(5);
    travel.seek(10);
    travel.seek(20);
    await settle();
    await settle();
    expect(asked).toEqual([5, 20]);
    expect(travel.getSnapshot().moment?.seq).toBe(20);
  });

  it("steps one action either way, clamped to the run", async () => {
    const { travel } = travelOverRecordedRun();
    travel.step(1); // from the live edge: already the end
    expect(travel.getSnapshot().position).toBe(lastSeq);
    travel.seek(0);
    travel.step(-1);
    expect(travel.getSnapshot().position).toBe(0);
    travel.step(1);
    await settle();
    expect(travel.getSnapshot().moment?.state).toEqual(stateAfter(1));
    travel.goLive();
    expect(travel.getSnapshot()).toMatchObject({ position: null, moment: null });
  });

  it("plays the actions after the moment at their recorded pace, then stops at the end", async () => {
    const { travel, advance } = travelOverRecordedRun();
    travel.seek(1);
    await settle();
    travel.setSpeed(16);
    travel.play();
    await settle();
    expect(travel.getSnapshot().playing).toBe(true);
    const start = actions[0]!.payload.at as number;
    // 1 ms of wall time at 16× is 16 ms of the run: exactly the actions up to then are applied.
    advance(1);
    const upTo = actions.filter((action) => (action.payload.at as number) <= start + 16);
    const position = travel.getSnapshot().position!;
    expect(position).toBe(Math.max(1, upTo.length));
    expect(travel.getSnapshot().moment?.state).toEqual(stateAfter(position));
    const end = actions[lastSeq - 1]!.payload.at as number;
    advance(end - start);
    expect(travel.getSnapshot()).toMatchObject({ position: lastSeq, playing: false });
    expect(travel.getSnapshot().moment?.state).toEqual(stateAfter(lastSeq));
  });

  it("a live run played up to its edge follows it live again", async () => {
    const { travel, advance } = travelOverRecordedRun();
    travel.setEdge(lastSeq, true);
    travel.seek(lastSeq - 2);
    await settle();
    travel.play();
    await settle();
    advance(60_000);
    expect(travel.getSnapshot()).toMatchObject({ position: null, moment: null, playing: false });
  });
});
