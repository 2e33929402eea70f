/** A log line's wall-clock time to the millisecond, 24-hour, in the reader's time zone. */
export function formatLogTime(at: number): string {
  return new Date(at).toLocaleTimeString(undefined, {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    fractionalSecondDigits: 3,
    hour12: false,
  });
}
