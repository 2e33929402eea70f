export interface LocationSnapshot {
  readonly pathname: string;
  readonly search: string;
}

const NAVIGATE_EVENT = "milo:navigate";
let snapshot: LocationSnapshot = read();

function read(): LocationSnapshot {
  return { pathname: window.location.pathname, search: window.location.search };
}

function refresh() {
  const next = read();
  if (next.pathname !== snapshot.pathname || next.search !== snapshot.search) snapshot = next;
}

/** The browser's history as a tiny external store: enough routing for three pages. */
export const history = {
  getSnapshot: () => snapshot,
  subscribe(listener: () => void) {
    const onChange = () => {
      refresh();
      listener();
    };
    window.addEventListener("popstate", onChange);
    window.addEventListener(NAVIGATE_EVENT, onChange);
    return () => {
      window.removeEventListener("popstate", onChange);
      window.removeEventListener(NAVIGATE_EVENT, onChange);
    };
  },
  navigate(to: string, options: { replace?: boolean } = {}) {
    if (options.replace) window.history.replaceState(null, "", to);
    else window.history.pushState(null, "", to);
    window.dispatchEvent(new Event(NAVIGATE_EVENT));
  },
};
