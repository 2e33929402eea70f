/**
 * A run's expected end in words, the same in the terminal and the dashboard:
 * "ends in ~2 m 10 s (23:14)". `expectedEnd` is shown as the local clock's hours and minutes.
 */
export function describeEta(remainingMs: number, expectedEnd: number): string {
  const clock = clockTime(expectedEnd);
  return remainingMs < 1000
    ? `ends any moment (${clock})`
    : `ends in ${approximateDuration(remainingMs)} (${clock})`;
}

/**
 * A remaining time as an estimate: "~45 s", "~2 m 10 s" (exact seconds under 10 minutes, where
 * they still change what one does), "~12 m", "~1 h 05 m".
 */
export function approximateDuration(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 60) return `~${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `~${minutes} m` : `~${minutes} m ${seconds % 60} s`;
  const roundMinutes = Math.round(seconds / 60);
  if (roundMinutes < 60) return `~${roundMinutes} m`;
  const hours = Math.floor(roundMinutes / 60);
  return `~${hours} h ${String(roundMinutes % 60).padStart(2, "0")} m`;
}

/** "23:14": hours and minutes on the local clock, 24-hour, as a run's end is read at a glance. */
export function clockTime(at: number): string {
  const date = new Date(at);
  return `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
}
