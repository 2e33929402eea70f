import type { Theme } from "../components/Status/statusStyle";

export type ThemePreference = "system" | Theme;

export interface ThemeSnapshot {
  readonly preference: ThemePreference;
  readonly resolved: Theme;
}

const STORAGE_KEY = "milo-theme";
const listeners = new Set<() => void>();

function readPreference(): ThemePreference {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return saved === "light" || saved === "dark" ? saved : "system";
  } catch {
    return "system";
  }
}

function systemPrefersDark(): boolean {
  return typeof matchMedia === "function" && matchMedia("(prefers-color-scheme: dark)").matches;
}

function resolve(preference: ThemePreference): Theme {
  if (preference !== "system") return preference;
  return systemPrefersDark() ? "dark" : "light";
}

let snapshot: ThemeSnapshot = { preference: "system", resolved: "light" };

function apply(preference: ThemePreference) {
  const resolved = resolve(preference);
  if (snapshot.preference !== preference || snapshot.resolved !== resolved) {
    snapshot = { preference, resolved };
  }
  document.documentElement.classList.toggle("dark", resolved === "dark");
  for (const listener of [...listeners]) listener();
}

// The OS switched between light and dark: only matters while following the OS.
const refresh = () => apply(snapshot.preference);

let watching = false;

/** The theme follows the OS until the user picks one; the pick is kept in localStorage. */
export const themeStore = {
  getSnapshot: () => snapshot,
  subscribe(listener: () => void) {
    if (!watching) {
      watching = true;
      if (typeof matchMedia === "function") {
        matchMedia("(prefers-color-scheme: dark)").addEventListener("change", refresh);
      }
      refresh();
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  setPreference(preference: ThemePreference) {
    try {
      if (preference === "system") localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, preference);
    } catch {
      // Private windows may refuse storage; the choice then lasts for this page only.
    }
    apply(preference);
  },
};

if (typeof document !== "undefined") {
  const preference = readPreference();
  snapshot = { preference, resolved: resolve(preference) };
}
