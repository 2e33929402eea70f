import { type KeyboardEvent, memo, useId } from "react";
import { PLAY_SPEEDS } from "../../api/createTimeTravel";
import type { ShownState } from "../../hooks/useShownState";
import { formatDuration } from "../../lib/formatDuration";

export interface RunScrubberProps {
  readonly shown: ShownState;
  /** The clock of the moment shown (the page's `now`), for its offset from the run's start. */
  readonly now: number;
}

const BUTTON =
  "inline-flex h-8 min-w-8 items-center justify-center rounded-md border border-slate-300 bg-white px-2 font-medium text-slate-700 text-xs shadow-sm hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800";

/**
 * Travel through a run: a range over its actions from before the first to the live edge, with
 * the moment's offset from the run's start, one-action steps (buttons, and `,` / `.` or the
 * arrow keys while it has focus), playback at 1×, 4× or 16× and a way back to the live edge.
 */
export const RunScrubber = memo(function RunScrubber({ shown, now }: RunScrubberProps) {
  const { travel, position, edge, runLive, state } = shown;
  const rangeId = useId();
  const seq = position.position ?? edge;
  const atEdge = position.position === null;
  const offset =
    state === null || state.startedAt === null
      ? null
      : Math.max(0, Math.min(now, state.endedAt ?? now) - state.startedAt);
  const offsetText = offset === null ? "before the run started" : `+${formatDuration(offset)}`;
  const moment = `action ${seq.toLocaleString()} of ${edge.toLocaleString()}, ${offsetText}`;

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== "," && event.key !== ".") return;
    event.preventDefault();
    travel.step(event.key === "," ? -1 : 1);
  };

  return (
    // The keys reach it from the range and buttons inside, which take focus themselves.
    <section
      aria-label="Time travel"
      data-testid="run-scrubber"
      data-position={seq}
      data-shown-seq={position.moment?.seq ?? edge}
      data-loading={position.loading}
      data-live={atEdge}
      onKeyDown={onKeyDown}
      className="mb-4 rounded-xl border border-slate-200 bg-white px-4 py-3 dark:border-slate-800 dark:bg-slate-900"
    >
      <label htmlFor={rangeId} className="sr-only">
        Moment of the run (, and . step one action)
      </label>
      <input
        id={rangeId}
        type="range"
        data-testid="scrubber-range"
        min={0}
        max={edge}
        step={1}
        value={seq}
        disabled={edge === 0}
        aria-valuetext={moment}
        onChange={(event) => travel.seek(Number(event.currentTarget.value))}
        className="block w-full accent-sky-700 dark:accent-sky-400"
      />
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <button
          type="button"
          className={BUTTON}
          aria-label="One action back"
          data-testid="scrubber-back"
          disabled={seq <= 0}
          onClick={() => travel.step(-1)}
        >
          <svg viewBox="0 0 16 16" className="size-3.5" fill="currentColor" aria-hidden="true">
            <path d="M3 3h2v10H3zM13 3v10L6 8z" />
          </svg>
        </button>
        <button
          type="button"
          className={BUTTON}
          aria-label={position.playing ? "Pause" : "Play"}
          data-testid="scrubber-play"
          disabled={edge === 0}
          onClick={() => (position.playing ? travel.pause() : travel.play())}
        >
          <svg viewBox="0 0 16 16" className="size-3.5" fill="currentColor" aria-hidden="true">
            <path d={position.playing ? "M4 3h3v10H4zM9 3h3v10H9z" : "M4 3v10l9-5z"} />
          </svg>
        </button>
        <button
          type="button"
          className={BUTTON}
          aria-label="One action forward"
          data-testid="scrubber-forward"
          disabled={seq >= edge}
          onClick={() => travel.step(1)}
        >
          <svg viewBox="0 0 16 16" className="size-3.5" fill="currentColor" aria-hidden="true">
            <path d="M11 3h2v10h-2zM3 3v10l7-5z" />
          </svg>
        </button>
        <fieldset className="flex gap-1">
          <legend className="sr-only">Playback speed</legend>
          {PLAY_SPEEDS.map((speed) => (
            <button
              key={speed}
              type="button"
              aria-pressed={position.speed === speed}
              className={`${BUTTON} aria-pressed:border-sky-700 aria-pressed:bg-sky-50 aria-pressed:text-sky-900 dark:aria-pressed:border-sky-400 dark:aria-pressed:bg-sky-950 dark:aria-pressed:text-sky-100`}
              onClick={() => travel.setSpeed(speed)}
            >
              {speed}×
            </button>
          ))}
        </fieldset>
        <span
          data-testid="scrubber-moment"
          aria-live="off"
          className="order-first min-w-0 basis-full text-slate-600 text-xs tabular-nums sm:order-none sm:flex-1 sm:basis-0 dark:text-slate-300"
        >
          {moment}
          {position.loading ? " …" : ""}
        </span>
        <button
          type="button"
          className={`${BUTTON} ml-auto`}
          data-testid="scrubber-live"
          aria-pressed={atEdge}
          disabled={atEdge}
          onClick={travel.goLive}
        >
          {runLive ? "Live" : "End"}
        </button>
      </div>
      {position.problem ? (
        <p role="alert" className="mt-2 text-red-700 text-xs dark:text-red-300">
          Could not show that moment: {position.problem}
        </p>
      ) : null}
    </section>
  );
});
