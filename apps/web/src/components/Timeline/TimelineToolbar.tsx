import type { ReactNode } from "react";
import type { TimelineGroupBy, TimelineSortBy } from "./timelineItems";

export interface TimelineToolbarProps {
  readonly groupBy: TimelineGroupBy;
  readonly onGroupBy: (groupBy: TimelineGroupBy) => void;
  readonly sortBy: TimelineSortBy;
  readonly onSortBy: (sortBy: TimelineSortBy) => void;
  readonly onFoldAll: (folded: boolean) => void;
  readonly showCritical: boolean;
  readonly onShowCritical: (show: boolean) => void;
  readonly showWaits: boolean;
  readonly onShowWaits: (show: boolean) => void;
  readonly zoomed: boolean;
  readonly onZoomBy: (factor: number) => void;
  readonly onResetZoom: () => void;
  readonly onDownload: () => void;
}

const control =
  "rounded-md border border-slate-200 bg-white px-2 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-50 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800";

function Toggle(props: {
  readonly testId: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly children: ReactNode;
}) {
  return (
    <label className="flex items-center gap-1.5 text-xs">
      <input
        type="checkbox"
        data-testid={props.testId}
        checked={props.checked}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
      />
      {props.children}
    </label>
  );
}

const GROUP_OPTIONS: readonly (readonly [TimelineGroupBy, string])[] = [
  ["none", "none"],
  ["level", "by level"],
  ["group", "by group"],
];
const SORT_OPTIONS: readonly (readonly [TimelineSortBy, string])[] = [
  ["start", "by start"],
  ["duration", "by duration"],
];

function Choice<T extends string>(props: {
  readonly label: string;
  readonly testId: string;
  readonly value: T;
  readonly options: readonly (readonly [T, string])[];
  readonly onChange: (value: T) => void;
}) {
  return (
    <label className="flex items-center gap-1.5 text-xs">
      {props.label}
      <select
        data-testid={props.testId}
        className={control}
        value={props.value}
        // The options are exactly `props.options`, so the value is one of them.
        onChange={(event) => props.onChange(event.currentTarget.value as T)}
      >
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The timeline's controls: grouping, order, overlays, zoom and the SVG download. */
export function TimelineToolbar(props: TimelineToolbarProps) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-slate-200 border-b px-4 py-2 text-slate-600 dark:border-slate-800 dark:text-slate-300">
      <Choice
        label="Group"
        testId="timeline-group-by"
        value={props.groupBy}
        options={GROUP_OPTIONS}
        onChange={props.onGroupBy}
      />
      {props.groupBy === "none" ? null : (
        <span className="flex gap-1">
          <button type="button" className={control} onClick={() => props.onFoldAll(true)}>
            Fold all
          </button>
          <button type="button" className={control} onClick={() => props.onFoldAll(false)}>
            Unfold all
          </button>
        </span>
      )}
      <Choice
        label="Sort"
        testId="timeline-sort-by"
        value={props.sortBy}
        options={SORT_OPTIONS}
        onChange={props.onSortBy}
      />
      <Toggle
        testId="timeline-critical-toggle"
        checked={props.showCritical}
        onChange={props.onShowCritical}
      >
        Critical path
      </Toggle>
      <Toggle testId="timeline-waits-toggle" checked={props.showWaits} onChange={props.onShowWaits}>
        Queue waits
      </Toggle>
      <span className="ml-auto flex gap-1">
        <button
          type="button"
          className={control}
          aria-label="Zoom in"
          onClick={() => props.onZoomBy(0.5)}
        >
          +
        </button>
        <button
          type="button"
          className={control}
          aria-label="Zoom out"
          disabled={!props.zoomed}
          onClick={() => props.onZoomBy(2)}
        >
          −
        </button>
        <button
          type="button"
          data-testid="timeline-reset-zoom"
          className={control}
          disabled={!props.zoomed}
          onClick={props.onResetZoom}
        >
          Reset zoom
        </button>
        <button
          type="button"
          data-testid="timeline-download"
          className={control}
          onClick={props.onDownload}
        >
          Download SVG
        </button>
      </span>
    </div>
  );
}
