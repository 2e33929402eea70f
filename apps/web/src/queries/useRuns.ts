import { useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../api/api";
import { queryKeys } from "./queryKeys";

export const RUNS_PAGE_SIZE = 20;

/** A pipeline's runs, newest first, a page at a time ("load more" follows `nextBefore`). */
export function useRuns(pipeline: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.runs({ pipeline, limit: RUNS_PAGE_SIZE }),
    queryFn: ({ pageParam, signal }) =>
      api.runs({ pipeline, limit: RUNS_PAGE_SIZE, before: pageParam }, signal),
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
