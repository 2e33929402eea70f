/** A run id short enough for a tab or a breadcrumb on a phone: its first 8 characters. */
export function shortRunId(runId: string): string {
  return runId.length > 9 ? `${runId.slice(0, 8)}…` : runId;
}
