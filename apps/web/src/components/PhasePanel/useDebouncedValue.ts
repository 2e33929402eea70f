import { useEffect, useState } from "react";

/** `value` once it has stopped changing for `delayMs`; at once when it becomes `immediate`. */
export function useDebouncedValue<T>(value: T, delayMs: number, immediate?: T): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (value === immediate) {
      setSettled(value);
      return;
    }
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs, immediate]);
  return value === immediate ? value : settled;
}
