import type { FleetStatus } from "@milo/contract";
import { ApiError } from "../api/ApiError";
import { AgentsTable } from "../components/Agents/AgentsTable";
import { AppShell } from "../components/Shell/AppShell";
import { LoadError } from "../components/Shell/LoadError";
import { PageLoading } from "../components/Shell/PageLoading";
import { useNow } from "../hooks/useNow";
import { useAgents } from "../queries/useAgents";

const MODE_TEXT: Record<FleetStatus["mode"], string> = {
  local: "Phases run in local agents: child processes of the worker, restarted when they die.",
  redis: "Phases run on `milo agent` processes that take them from Redis, on any machine.",
  "in-process": "Phases run inside the worker itself (started with --agents 0): no isolation.",
};

/** The agents that run phases, how busy each is, and the attempts waiting for one. */
export function AgentsPage() {
  const fleet = useAgents();
  const now = useNow(true, 2_000);
  return (
    <AppShell crumbs={[{ label: "Agents" }]}>
      <div className="mb-4 flex items-baseline justify-between">
        <h1 className="font-semibold text-xl tracking-tight">Agents</h1>
        {fleet.data ? (
          <span data-testid="agents-queued" className="text-slate-500 text-sm dark:text-slate-400">
            {fleet.data.queued === 0
              ? "no attempt waiting"
              : `${fleet.data.queued} attempt${fleet.data.queued === 1 ? "" : "s"} waiting for a free agent`}
          </span>
        ) : null}
      </div>
      {fleet.isPending ? (
        <PageLoading label="Loading agents…" />
      ) : fleet.error ? (
        <LoadError
          what="the agents"
          error={fleet.error instanceof ApiError ? fleet.error : new Error(String(fleet.error))}
          onRetry={() => void fleet.refetch()}
        />
      ) : (
        <div className="space-y-3">
          <p data-testid="agents-mode" className="text-slate-600 text-sm dark:text-slate-400">
            {MODE_TEXT[fleet.data.mode]}
          </p>
          {fleet.data.unavailable ? (
            <p
              role="alert"
              className="rounded-lg border border-orange-200 bg-orange-50 p-3 text-orange-950 text-sm dark:border-orange-900/60 dark:bg-orange-950/30 dark:text-orange-100"
            >
              {fleet.data.unavailable} New runs are refused until it is back.
            </p>
          ) : null}
          {fleet.data.agents.length === 0 ? (
            <div className="rounded-xl border border-slate-300 border-dashed p-10 text-center text-slate-600 dark:border-slate-700 dark:text-slate-400">
              {fleet.data.mode === "redis" ? (
                <p>
                  No agent is connected. Start one with{" "}
                  <code className="font-mono">milo agent --redis URL --pipelines PATHS</code>.
                </p>
              ) : (
                <p>No agents.</p>
              )}
            </div>
          ) : (
            <AgentsTable agents={fleet.data.agents} now={now} />
          )}
        </div>
      )}
    </AppShell>
  );
}
