import type { ReactNode } from "react";
import { useDocumentTitle } from "../../hooks/useDocumentTitle";
import { useHealth } from "../../queries/useHealth";
import { Link } from "../../router/Link";
import { paths } from "../../router/matchRoute";
import { ThemeToggle } from "./ThemeToggle";
import { WorkerBanner } from "./WorkerBanner";

export interface Crumb {
  readonly label: string;
  readonly to?: string;
}

/** The frame of every page: brand, breadcrumbs, theme, and the worker's reachability. */
export function AppShell({
  crumbs = [],
  title,
  children,
}: {
  readonly crumbs?: readonly Crumb[];
  /** The tab's title before " · Milo"; the last breadcrumb when not given. */
  readonly title?: string;
  readonly children: ReactNode;
}) {
  const health = useHealth();
  useDocumentTitle(title ?? crumbs.at(-1)?.label);
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only z-30 rounded-md bg-sky-700 px-3 py-2 font-medium text-sm text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-20 border-slate-200 border-b bg-white/85 backdrop-blur dark:border-slate-800 dark:bg-slate-950/85">
        <div className="mx-auto flex min-h-12 max-w-[1600px] flex-wrap items-center gap-x-3 gap-y-1 px-4 py-1.5 sm:flex-nowrap sm:px-6">
          <Link to="/" className="flex items-center gap-2 font-semibold tracking-tight">
            <svg viewBox="0 0 32 32" className="size-6" aria-hidden="true">
              <rect width="32" height="32" rx="7" className="fill-sky-700 dark:fill-sky-500" />
              <circle cx="9" cy="16" r="3.5" fill="#fff" />
              <circle cx="23" cy="9" r="3.5" fill="#fff" />
              <circle cx="23" cy="23" r="3.5" fill="#fff" />
              <path d="M12 15l8-5M12 17l8 5" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
            </svg>
            Milo
          </Link>
          {/* On a phone the breadcrumb takes a row of its own, so it stays readable. */}
          <nav
            aria-label="Breadcrumb"
            className="order-last w-full min-w-0 sm:order-none sm:w-auto sm:flex-1"
          >
            <ol className="flex min-w-0 items-center gap-1.5 text-sm">
              {crumbs.map((crumb) => (
                <li
                  key={`${crumb.to ?? ""}|${crumb.label}`}
                  className="flex min-w-0 items-center gap-1.5"
                >
                  <span className="text-slate-300 dark:text-slate-600" aria-hidden="true">
                    /
                  </span>
                  {crumb.to ? (
                    <Link
                      to={crumb.to}
                      className="truncate text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white"
                    >
                      {crumb.label}
                    </Link>
                  ) : (
                    <span className="truncate font-medium" aria-current="page">
                      {crumb.label}
                    </span>
                  )}
                </li>
              ))}
            </ol>
          </nav>
          <Link
            to={paths.runs()}
            className="text-slate-600 text-sm hover:text-slate-900 dark:text-slate-400 dark:hover:text-white"
          >
            Runs
          </Link>
          <Link
            to={paths.agents()}
            className="text-slate-600 text-sm hover:text-slate-900 dark:text-slate-400 dark:hover:text-white"
          >
            Agents
          </Link>
          {health.data ? (
            <span
              className="hidden text-slate-500 dark:text-slate-400 text-xs sm:inline"
              title="Worker version"
            >
              worker {health.data.version}
            </span>
          ) : null}
          <ThemeToggle />
        </div>
      </header>
      <WorkerBanner />
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto w-full max-w-[1600px] flex-1 px-3 py-5 outline-none sm:px-6"
      >
        {children}
      </main>
    </div>
  );
}
