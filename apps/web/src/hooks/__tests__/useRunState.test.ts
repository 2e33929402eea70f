import type { RecordedAction } from "@milo/contract";
import {
  createPipelineReducer,
  INIT,
  type PipelineGraph,
  type PipelineState,
  phaseStatus,
} from "@milo/core";
import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import recorded from "../../api/__tests__/fixtures/flakyRun.json";
import { eventSourceRecorder, manualFrames } from "../../test/FakeEventSource";
import { useRunState } from "../useRunState";

const graph = recorded.graph as unknown as PipelineGraph;
const actions = recorded.actions as RecordedAction[];

describe("useRunState", () => {
  it("is null until the graph is known", () => {
    const sources = eventSourceRecorder();
    const { result } = renderHook(() =>
      useRunState("run-1", undefined, { createEventSource: sources.create }),
    );
    expect(result.current).toBeNull();
    expect(sources.sources).toHaveLength(0);
  });

  it("starts from the state it is given and streams only what follows its seq", () => {
    const sources = eventSourceRecorder();
    const reduce = createPipelineReducer(graph);
    const half = actions
      .slice(0, 20)
      .reduce(
        (state, action) => reduce(state, action),
        reduce(undefined, { type: INIT, payload: undefined }),
      );
    // As GET /api/runs/:id sends it: plain JSON.
    const start = { state: JSON.parse(JSON.stringify(half)) as PipelineState, seq: 20 };
    const { result } = renderHook(() =>
      useRunState("run-1", graph, { createEventSource: sources.create, start }),
    );
    expect(result.current?.lastSeq).toBe(20);
    expect(result.current?.state).toBe(start.state);
    expect(sources.latest().url).toBe("/api/runs/run-1/events?after=20");
  });

  it("follows the run through the stream, one render per frame, and closes it on unmount", () => {
    const sources = eventSourceRecorder();
    const frames = manualFrames();
    const options = { createEventSource: sources.create, frames };
    let renders = 0;
    const { result, unmount } = renderHook(() => {
      renders++;
      return useRunState("run-1", graph, options);
    });
    expect(result.current?.state.status).toBe("pending");
    const source = sources.latest();

    const before = renders;
    act(() => {
      source.open();
      source.sendActions(actions.slice(0, 15));
      frames.flush();
    });
    expect(renders - before).toBe(1);
    expect(result.current?.connection).toBe("open");
    expect(result.current?.state.status).toBe("running");
    expect(phaseStatus(result.current!.state, "checkout")?.status).toBe("completed");

    act(() => {
      source.drop();
    });
    expect(result.current?.connection).toBe("reconnecting");

    act(() => {
      source.open();
      source.sendActions(actions.slice(10));
      source.sendEnd("completed");
    });
    expect(result.current?.connection).toBe("ended");
    expect(result.current?.state.status).toBe("completed");
    expect(result.current?.lastSeq).toBe(actions.length);
    expect(phaseStatus(result.current!.state, "fetch-deps")?.attempts).toHaveLength(3);

    unmount();
    expect(source.closed).toBe(true);
  });
});
