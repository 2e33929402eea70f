import type { RerunBody } from "@milo/contract";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/api";
import { history } from "../router/history";
import { paths } from "../router/matchRoute";
import { queryKeys } from "./queryKeys";

/** Re-runs a finished run, then opens the new run to watch it. */
export function useRerun(runId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RerunBody) => api.rerun(runId, body),
    onSuccess: (run) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.allRuns });
      history.navigate(paths.run(run.id));
    },
  });
}
