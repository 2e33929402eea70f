import type { StartRunBody } from "@milo/contract";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/api";
import { queryKeys } from "./queryKeys";

export function useStartRun(pipeline: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StartRunBody) => api.startRun(pipeline, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.allRuns }),
  });
}
