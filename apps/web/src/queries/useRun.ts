import { useQuery } from "@tanstack/react-query";
import { api } from "../api/api";
import { queryKeys } from "./queryKeys";

/**
 * A run's summary, graph, and state as of action `seq`: where the event stream starts from. A
 * refetch (on coming back to the page) refreshes the summary while structural sharing keeps the
 * same graph object, so the stream is not restarted.
 */
export function useRun(runId: string) {
  return useQuery({
    queryKey: queryKeys.run(runId),
    queryFn: ({ signal }) => api.run(runId, signal),
    refetchOnMount: "always",
  });
}
