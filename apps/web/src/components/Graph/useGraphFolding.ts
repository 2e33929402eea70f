import type { PipelineGraph } from "@milo/core";
import { createContext, useCallback, useMemo } from "react";
import { useSearchParam } from "../../router/useSearchParam";
import { type DrawnGroup, drawnPipelineGraph, foldGraph } from "./foldGraph";
import { foldParam, parseFoldParam } from "./foldParam";
import { type Grouping, groupPhases } from "./groupPhases";

/** The graph's groups, which are folded (kept in the URL as `?fold=`), and what is drawn. */
export interface GraphFolding {
  readonly grouping: Grouping;
  /** The names of the folded groups. */
  readonly folded: ReadonlySet<string>;
  /** What the canvas lays out and draws: the graph with each folded group as one node. */
  readonly drawn: PipelineGraph;
  /** The folded groups, by their node's id. */
  readonly groupsById: ReadonlyMap<string, DrawnGroup>;
  /** Changes whenever another set of groups is folded. */
  readonly key: string;
  toggle(group: string): void;
  setAll(folded: boolean): void;
  /**
   * Makes a node id or phase visible: a folded group's node id unfolds that group (answers its
   * first phase, to bring into view); a phase inside a folded group unfolds its group (answers
   * null). Anything else answers null and changes nothing.
   */
  reveal(name: string): string | null;
}

/** The folding of the graph on screen, for its folded-group nodes. */
export const FoldingContext = createContext<GraphFolding | null>(null);

export function useGraphFolding(graph: PipelineGraph): GraphFolding {
  const [param, setParam] = useSearchParam("fold");
  const grouping = useMemo(() => groupPhases(graph), [graph]);
  const names = useMemo(() => grouping.groups.map((group) => group.name), [grouping]);
  const folded = useMemo(() => {
    const asked = parseFoldParam(param);
    return new Set(asked === "all" ? names : names.filter((name) => asked.has(name)));
  }, [param, names]);
  const foldedGraph = useMemo(
    () => foldGraph(graph, null, folded, grouping),
    [graph, folded, grouping],
  );
  const drawn = useMemo(() => drawnPipelineGraph(graph, foldedGraph), [graph, foldedGraph]);
  const groupsById = useMemo(
    () =>
      new Map(
        foldedGraph.nodes.flatMap((node) => (node.kind === "group" ? [[node.name, node]] : [])),
      ),
    [foldedGraph],
  );
  const write = useCallback(
    (next: ReadonlySet<string>) => setParam(foldParam(next, names)),
    [setParam, names],
  );
  const toggle = useCallback(
    (group: string) => {
      const next = new Set(folded);
      if (next.has(group)) next.delete(group);
      else next.add(group);
      write(next);
    },
    [folded, write],
  );
  const setAll = useCallback((fold: boolean) => write(new Set(fold ? names : [])), [write, names]);
  const reveal = useCallback(
    (name: string) => {
      const node = groupsById.get(name);
      const group =
        node?.group ??
        grouping.groups.find((g) => folded.has(g.name) && g.phases.includes(name))?.name;
      if (group === undefined) return null;
      const next = new Set(folded);
      next.delete(group);
      write(next);
      return node ? (node.phases[0]?.name ?? null) : null;
    },
    [groupsById, grouping, folded, write],
  );
  return useMemo(
    () => ({
      grouping,
      folded,
      drawn,
      groupsById,
      key: [...folded].join("\u0000"),
      toggle,
      setAll,
      reveal,
    }),
    [grouping, folded, drawn, groupsById, toggle, setAll, reveal],
  );
}
