import { useQuery } from "@tanstack/react-query";
import { api } from "../api/api";
import { queryKeys } from "./queryKeys";

/** How many past runs the timing charts show. */
export const TIMINGS_LIMIT = 20;

/** The pipeline's phase and run durations over its last runs, refreshed as runs end. */
export function usePipelineTimings(name: string, limit = TIMINGS_LIMIT) {
  return useQuery({
    queryKey: queryKeys.pipelineTimings(name, limit),
    queryFn: ({ signal }) => api.pipelineTimings(name, limit, signal),
    staleTime: 5000,
    refetchInterval: 10_000,
  });
}
