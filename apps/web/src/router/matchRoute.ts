export type Route =
  | { readonly page: "pipelines" }
  | { readonly page: "pipeline"; readonly name: string }
  | { readonly page: "run"; readonly runId: string }
  | { readonly page: "runs" }
  | { readonly page: "agents" }
  | { readonly page: "not-found"; readonly path: string };

/** The page for a path: `/`, `/pipelines/:name`, `/runs`, `/runs/:id`, `/agents`; anything else is
 *  not found. */
export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  if (path === "/" || path === "" || path === "/pipelines") return { page: "pipelines" };
  if (path === "/agents") return { page: "agents" };
  if (path === "/runs") return { page: "runs" };
  const pipeline = /^\/pipelines\/([^/]+)$/.exec(path);
  if (pipeline) return { page: "pipeline", name: decodeSegment(pipeline[1]!) };
  const run = /^\/runs\/([^/]+)$/.exec(path);
  if (run) return { page: "run", runId: decodeSegment(run[1]!) };
  return { page: "not-found", path: pathname };
}

export const paths = {
  pipelines: () => "/",
  pipeline: (name: string) => `/pipelines/${encodeURIComponent(name)}`,
  run: (runId: string) => `/runs/${encodeURIComponent(runId)}`,
  runs: () => "/runs",
  agents: () => "/agents",
};

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A malformed escape is still a name to look up (and report as not found).
    return segment;
  }
}
