import { useRef } from "react";

/**
 * `value` as it was when `tick` last changed. A live run's state changes many times a second;
 * analyses that take milliseconds on a big graph (the estimate, the critical path) follow it
 * once per tick of the clock instead of on every frame.
 */
export function useSampledState<T>(value: T, tick: string): T {
  const sample = useRef({ tick, value });
  if (sample.current.tick !== tick) sample.current = { tick, value };
  return sample.current.value;
}
