import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/api";
import { queryKeys } from "./queryKeys";

export function useCancelRun(runId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.cancelRun(runId),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: queryKeys.allRuns, refetchType: "active" }),
  });
}
