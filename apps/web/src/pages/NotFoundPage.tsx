import { AppShell } from "../components/Shell/AppShell";
import { NotFound } from "../components/Shell/NotFound";

export function NotFoundPage({ path }: { readonly path: string }) {
  return (
    <AppShell crumbs={[{ label: "Not found" }]}>
      <NotFound
        title="There is no page here"
        detail={`Nothing lives at ${path}. Pipelines are at /pipelines/<name> and runs at /runs/<id>.`}
      />
    </AppShell>
  );
}
