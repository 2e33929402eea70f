import { useCallback } from "react";
import { history } from "./history";
import { useLocation } from "./useLocation";

/** One query-string value, kept in the URL so the view can be shared and survives reloads. */
export function useSearchParam(key: string): [string | null, (value: string | null) => void] {
  const { pathname, search } = useLocation();
  const value = new URLSearchParams(search).get(key);
  const setValue = useCallback(
    (next: string | null) => {
      const params = new URLSearchParams(window.location.search);
      if (next === null) params.delete(key);
      else params.set(key, next);
      const query = params.toString();
      history.navigate(`${pathname}${query === "" ? "" : `?${query}`}`, { replace: true });
    },
    [key, pathname],
  );
  return [value, setValue];
}
