import { useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../api/api";
import { queryKeys } from "./queryKeys";

export const LOG_PAGE_SIZE = 1000;

/**
 * The lines of a phase the run state no longer keeps (it holds the last 200 or so): fetched
 * oldest first, a page at a time, up to `olderCount` lines. Only runs once `enabled`.
 */
export function usePhaseLogs(runId: string, phase: string, olderCount: number, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: queryKeys.phaseLogs(runId, phase),
    queryFn: ({ pageParam, signal }) =>
      api.phaseLogs(runId, phase, { after: pageParam, limit: LOG_PAGE_SIZE }, signal),
    initialPageParam: 0,
    getNextPageParam: (lastPage, pages) => {
      const fetched = pages.reduce((sum, page) => sum + page.lines.length, 0);
      const last = lastPage.lines[lastPage.lines.length - 1];
      return last === undefined || fetched >= olderCount ? undefined : last.seq;
    },
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
