import { useEffect, useRef, useState } from "react";
import { formatOffset } from "../../lib/formatDuration";
import type { LinearScale, TimeDomain } from "./timeline";
import { AXIS_HEIGHT } from "./timelineStyle";
import { brushDomain, panDomain, zoomDomain } from "./zoomDomain";

export interface TimelineAxisProps {
  /** Maps the shown span onto the axis's pixels. */
  readonly scale: LinearScale;
  /** The whole run, the most the axis zooms out to. */
  readonly full: TimeDomain;
  /** Tick offsets from the run's start. */
  readonly ticks: readonly number[];
  readonly onZoom: (view: TimeDomain) => void;
}

/** Each wheel notch zooms by this much around the pointer. */
const WHEEL_FACTOR = 1.25;

/**
 * The time axis: tick labels as offsets from the run's start; drag across it to zoom to that
 * range, turn the wheel over it to zoom around the pointer, swipe sideways (or Shift and the
 * wheel) to pan.
 */
export function TimelineAxis({ scale, full, ticks, onZoom }: TimelineAxisProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [brush, setBrush] = useState<{ from: number; to: number } | null>(null);
  const view = scale.domain;
  const width = scale.range[1] - scale.range[0];
  const timeAt = (clientX: number) => {
    const box = svgRef.current!.getBoundingClientRect();
    return view.start + ((clientX - box.left - scale.range[0]) / width) * (view.end - view.start);
  };

  // React's wheel listener is passive; this one must stop the page from scrolling as it zooms.
  const zoomRef = useRef({ view, full, onZoom, width, range: scale.range[0] });
  zoomRef.current = { view, full, onZoom, width, range: scale.range[0] };
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (event: WheelEvent) => {
      const current = zoomRef.current;
      const span = current.view.end - current.view.start;
      // Sideways (a trackpad's swipe, or Shift with a wheel) pans; up and down zoom.
      const sideways = event.shiftKey ? event.deltaX || event.deltaY : event.deltaX;
      if (Math.abs(sideways) > Math.abs(event.shiftKey ? 0 : event.deltaY)) {
        event.preventDefault();
        current.onZoom(panDomain(current.view, current.full, (sideways / current.width) * span));
        return;
      }
      if (event.deltaY === 0) return;
      event.preventDefault();
      const box = svg.getBoundingClientRect();
      const ratio = (event.clientX - box.left - current.range) / current.width;
      const anchor = current.view.start + ratio * span;
      const factor = event.deltaY > 0 ? WHEEL_FACTOR : 1 / WHEEL_FACTOR;
      current.onZoom(zoomDomain(current.view, current.full, anchor, factor));
    };
    svg.addEventListener("wheel", onWheel, { passive: false });
    return () => svg.removeEventListener("wheel", onWheel);
  }, []);

  return (
    <svg
      ref={svgRef}
      data-testid="timeline-axis"
      className="min-w-0 flex-1 cursor-crosshair touch-none select-none overflow-visible"
      height={AXIS_HEIGHT}
      role="img"
      aria-label="Time axis: drag across it to zoom to a range, turn the mouse wheel over it to zoom, with Shift to pan"
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.currentTarget.setPointerCapture(event.pointerId);
        const time = timeAt(event.clientX);
        setBrush({ from: time, to: time });
      }}
      onPointerMove={(event) => {
        if (brush) setBrush({ from: brush.from, to: timeAt(event.clientX) });
      }}
      onPointerUp={(event) => {
        if (!brush) return;
        const next = brushDomain(brush.from, timeAt(event.clientX), full);
        setBrush(null);
        if (next) onZoom(next);
      }}
      onPointerCancel={() => setBrush(null)}
    >
      <rect width="100%" height={AXIS_HEIGHT} fill="transparent" />
      {ticks.map((offset) => (
        <text
          key={offset}
          x={scale(full.start + offset)}
          y={AXIS_HEIGHT - 7}
          textAnchor={offset === 0 ? "start" : "middle"}
          className="pointer-events-none fill-current tabular-nums"
        >
          {formatOffset(offset)}
        </text>
      ))}
      {brush ? (
        <rect
          data-testid="timeline-brush"
          x={Math.min(scale(brush.from), scale(brush.to))}
          width={Math.abs(scale(brush.to) - scale(brush.from))}
          y={2}
          height={AXIS_HEIGHT - 4}
          className="fill-sky-500/20 stroke-sky-500"
        />
      ) : null}
    </svg>
  );
}
