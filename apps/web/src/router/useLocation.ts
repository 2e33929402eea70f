import { useSyncExternalStore } from "react";
import { history, type LocationSnapshot } from "./history";

export function useLocation(): LocationSnapshot {
  return useSyncExternalStore(history.subscribe, history.getSnapshot);
}
