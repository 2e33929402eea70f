import { useQuery } from "@tanstack/react-query";
import { api } from "../api/api";
import { queryKeys } from "./queryKeys";

/** The newest run of a pipeline (null when it never ran); refreshed often while it runs. */
export function useLatestRun(pipeline: string) {
  return useQuery({
    queryKey: queryKeys.runs({ pipeline, limit: 1 }),
    queryFn: async ({ signal }) => (await api.runs({ pipeline, limit: 1 }, signal)).runs[0] ?? null,
    refetchInterval: (query) => (isActive(query.state.data?.status) ? 2000 : 10_000),
  });
}

function isActive(status: string | undefined) {
  return status === "running" || status === "pending";
}
