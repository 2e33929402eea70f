import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/api";
import type { StartRunBody } from "../api/types";
import { queryKeys } from "./queryKeys";

export function useStartRun(pipeline: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StartRunBody) => api.startRun(pipeline, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.allRuns }),
  });
}
