/** How one phase is marked on top of its status: by the critical path, a run diff or a filter. */
export interface PhaseMark {
  /** "critical": on the critical path; "slower"/"faster"/"changed": against another run. */
  readonly tone: "critical" | "slower" | "faster" | "changed";
  /** A few words drawn on the node, e.g. "2.1× slower" or "was completed". */
  readonly badge?: string;
  /** A longer explanation, for the node's tooltip and accessible description. */
  readonly title?: string;
}

/**
 * What the run page draws over the graph besides statuses. The graph view renders it at every
 * level of detail, and the page's exports draw it the same way.
 */
export interface GraphOverlay {
  /** Phases to emphasise (e.g. the critical path); with `dimOthers`, every other phase fades. */
  readonly highlight?: ReadonlySet<string>;
  readonly dimOthers?: boolean;
  /** Edges to emphasise, as `from→to` names (e.g. the critical path's links). */
  readonly highlightEdges?: ReadonlySet<string>;
  readonly marks?: ReadonlyMap<string, PhaseMark>;
}

/** The key of the edge from `from` to `to` in `GraphOverlay.highlightEdges`. */
export const edgeKey = (from: string, to: string) => `${from}→${to}`;
