import { useQuery } from "@tanstack/react-query";
import { api } from "../api/api";
import { queryKeys } from "./queryKeys";

/**
 * A run's detail (summary, graph, state as of `seq`) when `runId` is given, sharing the run
 * page's cache entry; `refreshMs` refetches it on a timer (e.g. while the run runs).
 */
export function useRunDetail(runId: string | null, refreshMs: number | false = false) {
  return useQuery({
    queryKey: queryKeys.run(runId ?? ""),
    queryFn: ({ signal }) => api.run(runId!, signal),
    enabled: runId !== null,
    refetchInterval: refreshMs,
  });
}
