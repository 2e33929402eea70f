import { useQuery } from "@tanstack/react-query";
import { api } from "../api/api";

/** Its own key: nothing else invalidates it, it polls. */
const AGENTS_KEY = ["agents"] as const;

/** The agents running phases and the attempts waiting for one, every 2 s. */
export function useAgents() {
  return useQuery({
    queryKey: AGENTS_KEY,
    queryFn: ({ signal }) => api.agents(signal),
    refetchInterval: 2_000,
    refetchIntervalInBackground: false,
  });
}
