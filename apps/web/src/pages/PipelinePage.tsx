import { ApiError } from "../api/ApiError";
import { ExportButtons } from "../components/Export/ExportButtons";
import { PipelineGraphView } from "../components/Graph/PipelineGraphView";
import { PhasePanel } from "../components/PhasePanel/PhasePanel";
import { RunDurationsChart } from "../components/Pipelines/RunDurationsChart";
import { StartRunForm } from "../components/Run/StartRunForm";
import { RunsTable } from "../components/Runs/RunsTable";
import { AppShell } from "../components/Shell/AppShell";
import { LoadError } from "../components/Shell/LoadError";
import { NotFound } from "../components/Shell/NotFound";
import { PageLoading } from "../components/Shell/PageLoading";
import { usePipeline } from "../queries/usePipeline";
import { paths } from "../router/matchRoute";
import { useFocusedSelection } from "./useFocusedSelection";

/** One pipeline: its DAG, a button to run it, and its runs. */
export function PipelinePage({ name }: { readonly name: string }) {
  const pipeline = usePipeline(name);
  const { selected, setSelected, focus, focusOn, selectAndFocus } = useFocusedSelection();
  const crumbs = [{ label: "Pipelines", to: paths.pipelines() }, { label: name }];

  if (pipeline.isPending) {
    return (
      <AppShell crumbs={crumbs}>
        <PageLoading label={`Loading pipeline ${name}…`} />
      </AppShell>
    );
  }
  if (pipeline.error) {
    return (
      <AppShell crumbs={crumbs}>
        {pipeline.error instanceof ApiError && pipeline.error.isNotFound ? (
          <NotFound title={`No pipeline named “${name}”`} detail={pipeline.error.message} />
        ) : (
          <LoadError
            what={`pipeline ${name}`}
            error={pipeline.error}
            onRetry={() => void pipeline.refetch()}
          />
        )}
      </AppShell>
    );
  }

  const graph = pipeline.data;
  const phase = selected === null ? undefined : graph.phases.find((p) => p.name === selected);
  const totalWeight = graph.phases.reduce((sum, p) => sum + p.weight, 0);

  return (
    <AppShell crumbs={crumbs}>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="font-semibold text-xl tracking-tight">{graph.name}</h1>
          <p className="mt-0.5 text-slate-500 text-sm dark:text-slate-400">
            {graph.phases.length.toLocaleString()} phases · total weight {totalWeight}
          </p>
          <div className="mt-2">
            <ExportButtons graph={graph} state={null} runId={null} now={0} />
          </div>
        </div>
        <StartRunForm pipeline={graph.name} />
      </div>
      <div className={`mb-5 grid gap-4 ${phase ? "lg:grid-cols-[1fr_360px]" : ""}`}>
        <PipelineGraphView
          graph={graph}
          state={null}
          selected={phase ? phase.name : null}
          requested={selected}
          onSelect={setSelected}
          focus={focus}
          onFocus={focusOn}
          className="h-[58vh] min-h-[380px]"
        />
        {phase ? (
          <div className="h-[58vh] min-h-[380px]">
            <PhasePanel
              graph={graph}
              phase={phase}
              onSelect={selectAndFocus}
              onClose={() => setSelected(null)}
            />
          </div>
        ) : null}
      </div>
      <RunDurationsChart pipeline={graph.name} />
      <RunsTable filter={{ pipeline: graph.name }} />
    </AppShell>
  );
}
