import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { tempDir } from "./helpers";

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface TestRedis {
  readonly url: string;
  readonly port: number;
  /** Stops it (by its pid), losing everything in it. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

/** Debian's redis-server on a free port, with nothing saved to disk. */
export async function startTestRedis(): Promise<TestRedis> {
  const port = await freePort();
  const dir = tempDir();
  const pidFile = join(dir, "redis.pid");
  let pid = 0;
  const start = async () => {
    execFileSync("redis-server", [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      "--daemonize",
      "yes",
      "--dir",
      dir,
      "--pidfile",
      pidFile,
    ]);
    for (let tries = 0; tries < 100; tries++) {
      try {
        pid = Number(readFileSync(pidFile, "utf8"));
        if (pid > 0) {
          execFileSync("redis-cli", ["-p", String(port), "ping"], { stdio: "ignore" });
          return;
        }
      } catch {
        // Not up yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`redis-server did not start on port ${port}`);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    async stop() {
      if (pid === 0) return;
      const stopping = pid;
      pid = 0;
      try {
        process.kill(stopping, "SIGKILL");
      } catch {
        return;
      }
      for (let tries = 0; tries < 100; tries++) {
        try {
          process.kill(stopping, 0);
        } catch {
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}
