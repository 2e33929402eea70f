import {
  DEFAULT_LAYOUT_OPTIONS,
  type EdgeRoute,
  type GraphLayout,
  type LayoutInput,
  type LayoutOptions,
} from "./layout";

/**
 * Every edge of a laid-out graph as the polyline the dashboard draws it along: from the right
 * side of its dependency's node, through its route's points when it skips columns, to the left
 * side of its dependent's node, both at mid-height.
 */
export function edgePolylines(
  graph: LayoutInput,
  layout: GraphLayout,
  options: Pick<LayoutOptions, "nodeWidth" | "nodeHeight"> = DEFAULT_LAYOUT_OPTIONS,
): EdgeRoute[] {
  const positions = new Map(layout.positions.map((position) => [position.name, position]));
  const routes = new Map(layout.routes.map((route) => [routeKey(route), route.points]));
  const polylines: EdgeRoute[] = [];
  for (const phase of graph.phases) {
    const to = positions.get(phase.name);
    for (const dependency of phase.dependsOn) {
      const from = positions.get(dependency);
      if (from === undefined || to === undefined) continue;
      polylines.push({
        source: dependency,
        target: phase.name,
        points: [
          { x: from.x + options.nodeWidth, y: from.y + options.nodeHeight / 2 },
          ...(routes.get(routeKey({ source: dependency, target: phase.name })) ?? []),
          { x: to.x, y: to.y + options.nodeHeight / 2 },
        ],
      });
    }
  }
  return polylines;
}

/** How an edge is named in maps of routes: `source→target`. */
export function routeKey(edge: { readonly source: string; readonly target: string }): string {
  return `${edge.source}→${edge.target}`;
}
