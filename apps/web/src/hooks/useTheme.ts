import { useSyncExternalStore } from "react";
import { type ThemeSnapshot, themeStore } from "../theme/themeStore";

export function useTheme(): ThemeSnapshot & {
  setPreference: typeof themeStore.setPreference;
} {
  const snapshot = useSyncExternalStore(themeStore.subscribe, themeStore.getSnapshot);
  return { ...snapshot, setPreference: themeStore.setPreference };
}
