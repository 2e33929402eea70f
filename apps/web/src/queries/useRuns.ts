import type { RunsQuery } from "@milo/contract";
import { useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../api/api";
import { queryKeys } from "./queryKeys";

export const RUNS_PAGE_SIZE = 20;

/** Which runs to list: one pipeline's or all, of one status or any. */
export type RunsFilter = Pick<RunsQuery, "pipeline" | "status">;

/** Runs, newest first, a page at a time ("load more" follows `nextBefore`). */
export function useRuns(filter: RunsFilter) {
  return useInfiniteQuery({
    queryKey: queryKeys.runs({ ...filter, limit: RUNS_PAGE_SIZE }),
    queryFn: ({ pageParam, signal }) =>
      api.runs({ ...filter, limit: RUNS_PAGE_SIZE, before: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextBefore ?? undefined,
    refetchInterval: (query) => {
      const active = query.state.data?.pages.some((page) =>
        page.runs.some((run) => run.status === "running" || run.status === "pending"),
      );
      return active ? 2000 : 10_000;
    },
  });
}
