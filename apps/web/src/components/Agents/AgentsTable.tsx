import type { AgentStatus } from "@milo/contract";
import { formatAgo } from "../../lib/formatTime";
import { TableHead } from "../Shell/TableHead";

const COLUMNS = [
  { label: "Agent" },
  { label: "Host" },
  { label: "Concurrency" },
  { label: "State" },
  { label: "Running" },
  { label: "Attempts run" },
  { label: "Last seen" },
];

const STATE_STYLES: Record<AgentStatus["state"], string> = {
  busy: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200",
  idle: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  starting: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200",
  stopped: "bg-orange-100 text-orange-900 dark:bg-orange-950 dark:text-orange-200",
};

/** One row per agent: who it is, how busy, when it was last heard from. */
export function AgentsTable({
  agents,
  now,
}: {
  readonly agents: readonly AgentStatus[];
  readonly now: number;
}) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table data-testid="agents-table" className="w-full text-left text-sm">
        <TableHead columns={COLUMNS} />
        <tbody>
          {agents.map((agent) => (
            <tr
              key={agent.name}
              data-testid={`agent-${agent.name}`}
              className="border-slate-100 border-b last:border-0 dark:border-slate-800"
            >
              <td className="px-4 py-2 font-medium font-mono">{agent.name}</td>
              <td className="px-4 py-2 text-slate-600 dark:text-slate-400">
                {agent.host || "—"}
                {agent.pid > 0 ? (
                  <span className="text-slate-500 dark:text-slate-400"> · pid {agent.pid}</span>
                ) : null}
              </td>
              <td className="px-4 py-2 tabular-nums">{agent.concurrency ?? "no limit"}</td>
              <td className="px-4 py-2">
                <span
                  data-testid="agent-state"
                  className={`rounded-full px-2 py-0.5 text-xs ${STATE_STYLES[agent.state]}`}
                >
                  {agent.state}
                </span>
              </td>
              <td className="px-4 py-2 tabular-nums">{agent.running}</td>
              <td className="px-4 py-2 tabular-nums">{agent.attemptsRun}</td>
              <td className="px-4 py-2 text-slate-600 dark:text-slate-400">
                {agent.lastSeen > 0 ? formatAgo(agent.lastSeen, now) : "not yet"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
