/** Why an attempt's signal was aborted, as a message ("cancelled", "timed out after 300 ms"). */
export function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason.message;
  return reason === undefined ? "aborted" : String(reason);
}
