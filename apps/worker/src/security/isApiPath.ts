/** Whether a request URL (path and query) is under `/api`, where answers are JSON. */
export function isApiPath(url: string): boolean {
  const path = url.split("?")[0] ?? "";
  return path === "/api" || path.startsWith("/api/");
}
