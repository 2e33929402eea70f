import { Link } from "../../router/Link";

/** A clear dead end: what was not found, and the way back. */
export function NotFound({ title, detail }: { readonly title: string; readonly detail: string }) {
  return (
    <div
      data-testid="not-found"
      className="mx-auto mt-16 max-w-lg rounded-xl border border-slate-200 bg-white p-8 text-center dark:border-slate-800 dark:bg-slate-900"
    >
      <p className="font-mono font-semibold text-slate-500 dark:text-slate-400 text-sm">404</p>
      <h1 className="mt-1 font-semibold text-xl">{title}</h1>
      <p className="mt-2 text-slate-600 text-sm dark:text-slate-400">{detail}</p>
      <Link
        to="/"
        className="mt-5 inline-block rounded-lg bg-slate-900 px-3.5 py-1.5 font-medium text-sm text-white hover:bg-slate-700 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-white"
      >
        See all pipelines
      </Link>
    </div>
  );
}
