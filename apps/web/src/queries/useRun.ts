import { useQuery } from "@tanstack/react-query";
import { api } from "../api/api";
import { queryKeys } from "./queryKeys";

/**
 * A run's summary and graph, fetched once: the live state comes from the event stream, and a
 * refetch must not hand the stream a new graph object (that would restart it).
 */
export function useRun(runId: string) {
  return useQuery({
    queryKey: queryKeys.run(runId),
    queryFn: ({ signal }) => api.run(runId, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
