import { useQuery } from "@tanstack/react-query";
import { api } from "../api/api";
import { queryKeys } from "./queryKeys";

/** One pipeline's graph; it only changes when the worker reloads, so it is kept once fetched. */
export function usePipeline(name: string) {
  return useQuery({
    queryKey: queryKeys.pipeline(name),
    queryFn: ({ signal }) => api.pipeline(name, signal),
    staleTime: 60_000,
  });
}
