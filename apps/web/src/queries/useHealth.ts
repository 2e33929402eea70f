import { useQuery } from "@tanstack/react-query";
import { api } from "../api/api";
import { queryKeys } from "./queryKeys";

/** Polls the worker; quickly while it is unreachable so the banner clears soon after it is back. */
export function useHealth() {
  return useQuery({
    queryKey: queryKeys.health,
    queryFn: ({ signal }) => api.health(signal),
    retry: false,
    refetchInterval: (query) => (query.state.status === "error" ? 3000 : 15_000),
    refetchIntervalInBackground: false,
  });
}
