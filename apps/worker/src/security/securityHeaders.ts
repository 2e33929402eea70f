import type { OutgoingHttpHeaders } from "node:http";

/**
 * The headers every response carries, the dashboard's and the API's alike. Scripts run only
 * from the worker's own files and the inline scripts whose hashes are given (the dashboard's
 * theme script); React Flow positions nodes with inline styles, so styles may be inline. No
 * other site may frame the dashboard, embed its responses or keep a handle on its window.
 */
export function securityHeaders(scriptHashes: readonly string[] = []): OutgoingHttpHeaders {
  const scripts = ["'self'", ...scriptHashes.map((hash) => `'${hash}'`)].join(" ");
  const policy = [
    "default-src 'self'",
    `script-src ${scripts}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "content-security-policy": policy,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    // For browsers that predate frame-ancestors.
    "x-frame-options": "DENY",
  };
}
