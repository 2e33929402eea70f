import { useCallback, useRef, useState } from "react";

/**
 * The content width of the element the returned ref is attached to, kept current with a
 * ResizeObserver. A callback ref, so it follows an element that mounts after the first render;
 * `fallback` until the first measure (and where ResizeObserver does not exist).
 */
export function useElementWidth<T extends HTMLElement>(
  fallback: number,
): [(element: T | null) => void, number] {
  const [width, setWidth] = useState(fallback);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((element: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (element === null || typeof ResizeObserver === "undefined") return;
    const next = new ResizeObserver(([entry]) => {
      if (entry) setWidth(entry.contentRect.width);
    });
    next.observe(element);
    observer.current = next;
  }, []);
  return [ref, width];
}
