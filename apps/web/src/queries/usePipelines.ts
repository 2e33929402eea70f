import { useQuery } from "@tanstack/react-query";
import { api } from "../api/api";
import { queryKeys } from "./queryKeys";

export function usePipelines() {
  return useQuery({
    queryKey: queryKeys.pipelines,
    queryFn: ({ signal }) => api.pipelines(signal),
  });
}
