/** A quiet placeholder while a page's data loads. */
export function PageLoading({ label }: { readonly label: string }) {
  return (
    <div
      role="status"
      className="flex items-center justify-center gap-3 py-24 text-slate-500 text-sm dark:text-slate-400"
    >
      <span className="size-4 animate-spin rounded-full border-2 border-slate-300 border-t-slate-600 dark:border-slate-700 dark:border-t-slate-300" />
      {label}
    </div>
  );
}
