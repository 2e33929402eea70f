import { useQuery } from "@tanstack/react-query";
import { ApiError } from "../api/ApiError";
import { type FleetView, parseFleetView } from "../components/Agents/fleetView";

/** Its own key: nothing else invalidates it, it polls. */
const AGENTS_KEY = ["agents"] as const;

async function fetchAgents(signal: AbortSignal): Promise<FleetView> {
  let response: Response;
  try {
    response = await fetch("/api/agents", { signal, headers: { accept: "application/json" } });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ApiError(
      "NETWORK",
      "Cannot reach the Milo worker. Check that it is running (milo serve).",
      0,
    );
  }
  const fleet = parseFleetView(await response.json().catch(() => null));
  if (!response.ok || fleet === null) {
    throw new ApiError(
      "BAD_RESPONSE",
      `GET /api/agents answered ${response.status} with a body the dashboard does not understand. Are the worker and the dashboard the same version?`,
      response.status,
    );
  }
  return fleet;
}

/** The agents running phases and the attempts waiting for one, every 2 s. */
export function useAgents() {
  return useQuery({
    queryKey: AGENTS_KEY,
    queryFn: ({ signal }) => fetchAgents(signal),
    refetchInterval: 2_000,
    refetchIntervalInBackground: false,
  });
}
