import type { LogEntry, LogPage } from "@milo/contract";
import { type UseQueryResult, useQueries } from "@tanstack/react-query";
import { api } from "../api/api";
import { queryKeys } from "./queryKeys";

/** Lines per page of a phase's log: a page is fetched when one of its lines is scrolled into view. */
export const LOG_PAGE_SIZE = 500;

/** Which lines of the log to page through: those containing `q` (any case), of `stream`. */
export interface LogFilter {
  readonly q: string;
  readonly stream: LogEntry["stream"] | undefined;
}

/**
 * Pages `pages` of a phase's log (page k holds its lines k × LOG_PAGE_SIZE onwards, counted among
 * those that match `filter`), each fetched once it is asked for. A full page never changes; a
 * partial one (the end of a log still growing) is fetched again while the run is `live`, and a
 * filtered first page is polled then, as its `total` counts the matches so far.
 */
export function usePhaseLogs(
  runId: string,
  phase: string,
  filter: LogFilter,
  pages: readonly number[],
  live: boolean,
): Map<number, UseQueryResult<LogPage>> {
  const filtered = filter.q !== "" || filter.stream !== undefined;
  const results = useQueries({
    queries: pages.map((page) => ({
      queryKey: queryKeys.phaseLogPage(runId, phase, filter.q, filter.stream ?? "", page),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.phaseLogs(
          runId,
          phase,
          {
            offset: page * LOG_PAGE_SIZE,
            limit: LOG_PAGE_SIZE,
            q: filter.q === "" ? undefined : filter.q,
            stream: filter.stream,
          },
          signal,
        ),
      staleTime: (query: { state: { data?: LogPage } }) =>
        !live || query.state.data?.lines.length === LOG_PAGE_SIZE ? Number.POSITIVE_INFINITY : 1000,
      refetchInterval: live && filtered && page === 0 ? 2000 : (false as const),
    })),
  });
  return new Map(pages.map((page, index) => [page, results[index]!]));
}
