import type { ActionPage, RecordedAction, RunStateAt } from "@milo/contract";
import {
  type AnyAction,
  createPipelineReducer,
  type PipelineGraph,
  type PipelineState,
} from "@milo/core";
import { createListeners } from "../lib/createListeners";
import type { TimerScheduler } from "./createRunStream";

/** How many times faster than recorded a run can be played back. */
export const PLAY_SPEEDS = [1, 4, 16] as const;
export type PlaySpeed = (typeof PLAY_SPEEDS)[number];

/** A run's state right after action `seq`, and when that action happened (null for seq 0). */
export interface Moment {
  readonly state: PipelineState;
  readonly seq: number;
  readonly at: number | null;
}

export interface TimeTravelSnapshot {
  /** The seq of the moment shown; null follows the live edge (the stream's own state). */
  readonly position: number | null;
  /** The latest moment known on the way to `position` (null while following the live edge). */
  readonly moment: Moment | null;
  /** Whether `moment` is still on its way to `position`. */
  readonly loading: boolean;
  readonly playing: boolean;
  readonly speed: PlaySpeed;
  /** What went wrong fetching a moment, in words; null when all is well. */
  readonly problem: string | null;
}

/** Where moments come from: the worker's `/state?at=` and `/actions` (tests pass their own). */
export interface MomentSource {
  stateAt(seq: number, signal: AbortSignal): Promise<RunStateAt>;
  actionsAfter(seq: number, limit: number, signal: AbortSignal): Promise<ActionPage>;
}

export interface TimeTravelOptions {
  readonly graph: PipelineGraph;
  readonly source: MomentSource;
  readonly timers?: TimerScheduler;
  /** A monotonic clock in ms (tests pass one they move by hand). */
  readonly now?: () => number;
}

export interface TimeTravel {
  getSnapshot(): TimeTravelSnapshot;
  subscribe(listener: () => void): () => void;
  /** The run's last seq (the live edge) and whether the run is still going. */
  setEdge(lastSeq: number, live: boolean): void;
  /** Shows the moment after action `seq` (clamped to the run), pausing playback. */
  seek(seq: number): void;
  /** One action back (-1) or forward (+1) from the moment shown. */
  step(delta: number): void;
  /** Back to the live edge: the page shows the stream's state again. */
  goLive(): void;
  play(): void;
  pause(): void;
  setSpeed(speed: PlaySpeed): void;
  /** (Again) after `stop`: a moment that was still loading is asked for again. */
  start(): void;
  /** Cancels what is under way (requests, playback); `start` picks the position up again. */
  stop(): void;
}

const PAGE = 1000;
/** Fetch the next page of actions when fewer than this many are left to play. */
const LOW_WATER = 250;
const TICK_MS = 33;

const browserTimers: TimerScheduler = {
  set: (callback, delayMs) => setTimeout(callback, delayMs),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Travel through a run's recorded actions: any moment is fetched from the worker (the nearest
 * kept state plus under 1,000 actions, reduced there), one request at a time with the latest
 * position winning, so dragging across a long run never queues up stale requests. Playback
 * reduces the actions after the moment in the browser with the core's reducer, paced by their
 * recorded `at` times, and fetches them a page at a time ahead of the play head.
 */
export function createTimeTravel(options: TimeTravelOptions): TimeTravel {
  const { source } = options;
  const timers = options.timers ?? browserTimers;
  const now = options.now ?? (() => performance.now());
  const reduce = createPipelineReducer(options.graph);

  let snapshot: TimeTravelSnapshot = {
    position: null,
    moment: null,
    loading: false,
    playing: false,
    speed: 1,
    problem: null,
  };
  const listeners = createListeners();
  let edge = 0;
  let runLive = false;

  // Seeking: the one request in flight, and the position wanted after it.
  let request: AbortController | null = null;
  let wanted: number | null = null;
  let playWhenLoaded = false;

  // Playback: the actions after the moment not yet applied, and the clock they are paced by.
  let queue: RecordedAction[] = [];
  let queueStart = 0;
  let fetching: AbortController | null = null;
  let anchor: { wall: number; recorded: number } | null = null;
  let tickHandle: unknown = null;

  const update = (change: Partial<TimeTravelSnapshot>) => {
    snapshot = { ...snapshot, ...change };
    listeners.notify();
  };

  const fail = (error: unknown) => {
    update({ loading: false, playing: false, problem: describe(error) });
  };

  const load = () => {
    if (request !== null || wanted === null) return;
    const seq = wanted;
    const controller = new AbortController();
    request = controller;
    source.stateAt(seq, controller.signal).then(
      (answer) => {
        if (request !== controller) return;
        request = null;
        if (wanted === seq) wanted = null;
        if (snapshot.position === null) return;
        edge = Math.max(edge, answer.lastSeq);
        // Every answer on the way is drawn, so a drag shows the run moving under it.
        update({
          moment: { state: answer.state, seq: answer.seq, at: answer.at },
          loading: wanted !== null,
          problem: null,
        });
        if (wanted !== null) load();
        else if (playWhenLoaded) startPlayback();
      },
      (error: unknown) => {
        if (request !== controller) return;
        request = null;
        wanted = null;
        playWhenLoaded = false;
        fail(error);
      },
    );
  };

  const cancelLoad = () => {
    request?.abort();
    request = null;
    wanted = null;
    playWhenLoaded = false;
  };

  const stopPlayback = () => {
    fetching?.abort();
    fetching = null;
    if (tickHandle !== null) timers.clear(tickHandle);
    tickHandle = null;
    queue = [];
    queueStart = 0;
    anchor = null;
  };

  const queued = () => queue.length - queueStart;

  const fetchAhead = () => {
    const moment = snapshot.moment;
    if (fetching !== null || moment === null) return;
    const after = queued() > 0 ? queue[queue.length - 1]!.seq : moment.seq;
    if (after >= edge) return;
    const controller = new AbortController();
    fetching = controller;
    source.actionsAfter(after, PAGE, controller.signal).then(
      (page) => {
        if (fetching !== controller) return;
        fetching = null;
        edge = Math.max(edge, page.lastSeq);
        // Nothing after it on the worker (yet): play no further than what is recorded.
        if (page.actions.length === 0 && queued() === 0) return finishPlayback();
        queue = queue.slice(queueStart).concat(page.actions.filter((action) => action.seq > after));
        queueStart = 0;
        if (tickHandle === null) tick();
      },
      (error: unknown) => {
        if (fetching !== controller) return;
        fetching = null;
        stopPlayback();
        fail(error);
      },
    );
  };

  /** The recorded time the play head has reached. */
  const playHead = (fallback: number) =>
    anchor === null ? fallback : anchor.recorded + (now() - anchor.wall) * snapshot.speed;

  function tick() {
    tickHandle = null;
    const moment = snapshot.moment;
    if (!snapshot.playing || moment === null) return;
    if (queued() === 0) {
      if (moment.seq >= edge) finishPlayback();
      else fetchAhead();
      return;
    }
    const next = queue[queueStart]!;
    anchor ??= { wall: now(), recorded: moment.at ?? timeOf(next) ?? 0 };
    const head = playHead(0);
    let { state, seq, at } = moment;
    while (queued() > 0) {
      const action = queue[queueStart]!;
      const time = timeOf(action) ?? head;
      if (time > head) break;
      state = reduce(state, action as unknown as AnyAction);
      seq = action.seq;
      at = time;
      queueStart += 1;
    }
    if (seq !== moment.seq) update({ position: seq, moment: { state, seq, at } });
    if (queued() < LOW_WATER) fetchAhead();
    if (queued() === 0 && seq >= edge) finishPlayback();
    else tickHandle = timers.set(tick, TICK_MS);
  }

  function finishPlayback() {
    stopPlayback();
    // A live run played up to its edge carries on live; a finished one stops at its end.
    if (runLive) goLive();
    else update({ playing: false });
  }

  function startPlayback() {
    playWhenLoaded = false;
    stopPlayback();
    update({ playing: true });
    tick();
  }

  function seek(seq: number) {
    playWhenLoaded = false;
    stopPlayback();
    const target = Math.max(0, Math.min(edge, Math.round(seq)));
    if (snapshot.moment?.seq === target && request === null) {
      wanted = null;
      update({ position: target, loading: false, playing: false });
      return;
    }
    update({ position: target, loading: true, playing: false, problem: null });
    wanted = target;
    load();
  }

  function goLive() {
    cancelLoad();
    stopPlayback();
    update({ position: null, moment: null, loading: false, playing: false, problem: null });
  }

  return {
    getSnapshot: () => snapshot,
    subscribe: listeners.subscribe,
    setEdge(lastSeq, live) {
      edge = Math.max(edge, lastSeq);
      runLive = live;
      if (snapshot.playing && tickHandle === null && fetching === null) tick();
    },
    seek,
    step(delta) {
      seek((snapshot.position ?? edge) + delta);
    },
    goLive,
    play() {
      if (snapshot.playing) return;
      const position = snapshot.position;
      // From the live edge or the end there is nothing ahead: play the run from its start.
      if (position === null || position >= edge) seek(0);
      if (snapshot.loading) playWhenLoaded = true;
      else startPlayback();
    },
    pause() {
      playWhenLoaded = false;
      stopPlayback();
      update({ playing: false });
    },
    setSpeed(speed) {
      if (anchor !== null) anchor = { wall: now(), recorded: playHead(0) };
      update({ speed });
    },
    start() {
      if (snapshot.position === null || !snapshot.loading || request !== null) return;
      wanted = snapshot.position;
      load();
    },
    stop() {
      cancelLoad();
      stopPlayback();
      if (snapshot.playing) update({ playing: false });
    },
  };
}

function timeOf(action: RecordedAction): number | undefined {
  const at = action.payload.at;
  return typeof at === "number" ? at : undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
