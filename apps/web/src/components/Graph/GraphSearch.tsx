import type { PipelineGraph } from "@milo/core";
import { type KeyboardEvent, useId, useMemo, useState } from "react";
import { phaseMatches } from "./phaseMatches";

/** Matches listed at first; "show more" adds this many again. */
const MATCHES_PAGE = 20;

export interface GraphSearchProps {
  readonly graph: PipelineGraph;
  readonly query: string;
  readonly onQuery: (query: string) => void;
  /** A phase was chosen: select it and bring it into view. */
  readonly onPick: (phase: string) => void;
}

/** Find a phase by name or description: matching nodes light up; Enter or a click goes to one. */
export function GraphSearch({ graph, query, onQuery, onPick }: GraphSearchProps) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [shown, setShown] = useState(MATCHES_PAGE);
  const needle = query.trim().toLowerCase();

  const { matches, total } = useMemo(() => {
    if (needle === "") return { matches: [], total: 0 };
    const found = graph.phases.filter((phase) => phaseMatches(phase, needle));
    // Names that start with the query first, then other name matches, then descriptions.
    const rank = (phase: (typeof found)[number]) => {
      const name = phase.name.toLowerCase();
      return name.startsWith(needle) ? 0 : name.includes(needle) ? 1 : 2;
    };
    found.sort((a, b) => rank(a) - rank(b));
    return {
      matches: found.slice(0, shown).map((phase) => ({
        name: phase.name,
        description: rank(phase) === 2 ? phase.description : "",
      })),
      total: found.length,
    };
  }, [graph, needle, shown]);

  const pick = (name: string) => {
    onPick(name);
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setActive((index) => Math.min(matches.length - 1, index + 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((index) => Math.max(0, index - 1));
    } else if (event.key === "Enter") {
      const match = matches[active] ?? matches[0];
      if (match) pick(match.name);
    } else if (event.key === "Escape") {
      event.preventDefault();
      onQuery("");
      setOpen(false);
    }
  };

  return (
    <div className="relative w-64">
      <svg
        viewBox="0 0 16 16"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.75}
        aria-hidden="true"
        className="pointer-events-none absolute top-2.5 left-2.5 z-10 size-4 text-slate-400"
      >
        <path d="M7 12.5a5.5 5.5 0 1 0 0-11 5.5 5.5 0 0 0 0 11ZM11 11l3.5 3.5" />
      </svg>
      <input
        type="search"
        data-testid="phase-search"
        aria-controls={open && needle !== "" ? listId : undefined}
        aria-label="Find a phase by name or description"
        placeholder="Find a phase…"
        value={query}
        onChange={(event) => {
          onQuery(event.target.value);
          setActive(0);
          setShown(MATCHES_PAGE);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        className="w-full rounded-lg border border-slate-200 bg-white/95 py-1.5 pr-3 pl-8 text-sm shadow-sm outline-none backdrop-blur placeholder:text-slate-500 dark:placeholder:text-slate-400 focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 dark:border-slate-700 dark:bg-slate-900/95"
      />
      {open && needle !== "" ? (
        <ul
          id={listId}
          aria-label="Matching phases"
          className="absolute z-10 mt-1 max-h-72 w-full overflow-auto rounded-lg border border-slate-200 bg-white py-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          {matches.length === 0 ? (
            <li className="px-3 py-1.5 text-slate-500 dark:text-slate-400">
              No phase matches “{query.trim()}”
            </li>
          ) : (
            matches.map(({ name, description }, index) => (
              <li key={name}>
                <button
                  type="button"
                  tabIndex={-1}
                  aria-current={index === active}
                  // Picked on mousedown, before the input's blur closes the list.
                  onMouseDown={(event) => {
                    event.preventDefault();
                    pick(name);
                  }}
                  className={`block w-full cursor-pointer truncate px-3 py-1.5 text-left ${
                    index === active
                      ? "bg-sky-50 text-sky-900 dark:bg-sky-900/40 dark:text-sky-100"
                      : ""
                  }`}
                >
                  {name}
                  {description ? (
                    <span className="block truncate text-slate-500 text-xs dark:text-slate-400">
                      {description}
                    </span>
                  ) : null}
                </button>
              </li>
            ))
          )}
          {total > matches.length ? (
            <li>
              <button
                type="button"
                tabIndex={-1}
                data-testid="phase-search-more"
                onMouseDown={(event) => {
                  event.preventDefault();
                  setShown((count) => count + MATCHES_PAGE);
                }}
                className="block w-full cursor-pointer px-3 py-1 text-left text-sky-700 text-xs hover:underline dark:text-sky-300"
              >
                Show more ({total - matches.length} not listed)
              </button>
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
