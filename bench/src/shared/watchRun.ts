import http from "node:http";

export interface ReceivedAction {
  readonly seq: number;
  /** The action's own time (its payload's `at`, ms since the epoch, from the worker's clock). */
  readonly at: number | null;
  /** When it reached this viewer, ms since the epoch (sub-millisecond). */
  readonly arrivedAt: number;
}

export interface ViewerResult {
  /** When the stream's response arrived: actions older than this were replayed, not live. */
  readonly connectedAt: number;
  readonly actions: readonly ReceivedAction[];
  readonly endStatus: string | null;
}

const epochNow = () => performance.timeOrigin + performance.now();

/** One dashboard-like viewer of a run's event stream, from its first action to `end`. */
export function watchRun(baseUrl: string, runId: string, timeoutMs: number): Promise<ViewerResult> {
  return new Promise((resolve, reject) => {
    const actions: ReceivedAction[] = [];
    let connectedAt = 0;
    let endStatus: string | null = null;
    let buffer = "";
    const request = http.get(
      `${baseUrl}/api/runs/${encodeURIComponent(runId)}/events`,
      { agent: false },
      (response) => {
        connectedAt = epochNow();
        if (response.statusCode !== 200) {
          reject(new Error(`GET /api/runs/${runId}/events answered ${response.statusCode}`));
          response.resume();
          return;
        }
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          const arrivedAt = epochNow();
          buffer += chunk;
          let start = 0;
          for (
            let boundary = buffer.indexOf("\n\n");
            boundary >= 0;
            boundary = buffer.indexOf("\n\n", start)
          ) {
            const block = buffer.slice(start, boundary);
            start = boundary + 2;
            let event = "message";
            let data = "";
            for (const line of block.split("\n")) {
              if (line.startsWith("event:")) event = line.slice(6).trim();
              else if (line.startsWith("data:")) data += line.slice(5).trimStart();
            }
            if (event === "action") {
              const parsed = JSON.parse(data) as { seq: number; payload: { at?: unknown } };
              const at = typeof parsed.payload.at === "number" ? parsed.payload.at : null;
              actions.push({ seq: parsed.seq, at, arrivedAt });
            } else if (event === "end") {
              endStatus = (JSON.parse(data) as { status: string }).status;
            }
          }
          buffer = buffer.slice(start);
        });
        response.on("end", () => {
          clearTimeout(timer);
          resolve({ connectedAt, actions, endStatus });
        });
        response.on("error", reject);
      },
    );
    const timer = setTimeout(() => {
      request.destroy(
        new Error(`the stream of run ${runId} did not end within ${timeoutMs / 1000} s`),
      );
    }, timeoutMs);
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
