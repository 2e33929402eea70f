import type { GraphFolding } from "./useGraphFolding";

const BUTTON =
  "rounded-md border border-slate-300 px-2 py-0.5 text-slate-700 text-xs hover:bg-slate-100 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800";

const HOW: Record<GraphFolding["grouping"]["kind"], string> = {
  group: "by the phases' groups",
  prefix: "by name prefix",
  level: "by column",
  none: "",
};

/**
 * The graph toolbar's folding: one toggle that folds (or unfolds) every group, and a list to
 * fold or unfold groups one at a time. Nothing when the graph has no groups.
 */
export function FoldControls({ folding }: { readonly folding: GraphFolding }) {
  const { grouping, folded, toggle, setAll } = folding;
  if (grouping.groups.length === 0) return null;
  const allFolded = folded.size === grouping.groups.length;
  return (
    <div className="flex items-center gap-1.5">
      <button
        type="button"
        data-testid="fold-groups"
        aria-pressed={allFolded}
        onClick={() => setAll(!allFolded)}
        title={`Fold each group of phases (${HOW[grouping.kind]}) into one node, or unfold them all`}
        className={`${BUTTON} ${allFolded ? "border-slate-600 bg-slate-100 dark:border-slate-300 dark:bg-slate-800" : ""}`}
      >
        {allFolded ? "Unfold groups" : "Fold groups"}
      </button>
      <details className="relative" data-testid="fold-group-list">
        <summary className={`${BUTTON} cursor-pointer list-none`}>
          {folded.size}/{grouping.groups.length} folded
        </summary>
        <ul className="absolute right-0 z-20 mt-1 max-h-72 w-56 overflow-auto rounded-md border border-slate-200 bg-white p-1 text-xs shadow-lg dark:border-slate-700 dark:bg-slate-900">
          {grouping.groups.map((group) => (
            <li key={group.name}>
              <label className="flex cursor-pointer items-center gap-2 rounded px-1.5 py-1 hover:bg-slate-100 dark:hover:bg-slate-800">
                <input
                  type="checkbox"
                  data-testid={`fold-group-${group.name}`}
                  checked={folded.has(group.name)}
                  onChange={() => toggle(group.name)}
                />
                <span className="min-w-0 flex-1 truncate">{group.name}</span>
                <span className="text-slate-500 tabular-nums dark:text-slate-400">
                  {group.phases.length}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
