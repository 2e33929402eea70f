import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { tempDir } from "./helpers";
import { outsideAddress } from "./securityRequests";

const workerRoot = fileURLToPath(new URL("..", import.meta.url));
const dir = tempDir();

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Served {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `milo serve …` as a child process; stopped with Ctrl-C once it prints its URL, or left to
 * exit by itself when it refuses to start.
 */
function serve(
  args: readonly string[],
  options: { env?: Record<string, string>; uid?: number } = {},
): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["bin/milo.mjs", "serve", "--port", "0", "--agents", "1", ...args],
      {
        cwd: workerRoot,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...options.env },
        uid: options.uid,
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes("listening on")) child.kill("SIGINT");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A usage error: exit 2 and one line that says what to fix, no stack trace. */
function expectUsageError(result: Served, mentions: string): void {
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(mentions);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(
    result.stderr
      .trim()
      .split("\n")
      .filter((line) => line.includes("milo:")),
  ).toHaveLength(1);
}

describe.concurrent("milo serve's security options", () => {
  test.skipIf(outsideAddress === undefined)(
    "a non-loopback --host: one warning line, and a URL with a made-up token",
    async () => {
      const result = await serve(["--host", String(outsideAddress), "--db", join(dir, "a.db")]);
      const warnings = result.stderr
        .split("\n")
        .filter((line) => line.startsWith("warning: listening"));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(
        `listening on ${outsideAddress}, reachable from other machines`,
      );
      expect(result.stdout).toMatch(
        new RegExp(`listening on http://${outsideAddress}:\\d+/\\?token=[A-Za-z0-9_-]{32}`),
      );
    },
  );

  test("loopback: no warning and no token, unless MILO_TOKEN sets one", async () => {
    const open = await serve(["--db", join(dir, "b.db")]);
    expect(open.stderr).not.toContain("warning: listening");
    expect(open.stdout).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+\/\n/);
    const guarded = await serve(["--db", join(dir, "c.db")], {
      env: { MILO_TOKEN: "from-the-environment" },
    });
    expect(guarded.stdout).toMatch(
      /listening on http:\/\/127\.0\.0\.1:\d+\/\?token=from-the-environment/,
    );
  });

  test.each([
    [["--allow-host", "http://milo.example.com"], "--allow-host takes a host name"],
    [["--allow-host", "milo.example.com:4400"], "--allow-host takes a host name"],
    [["--token", "short"], "--token must be at least 8"],
  ])("%j is refused: %s", async (args, mentions) => {
    const result = await serve([...args, "--db", join(dir, "d.db")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(mentions);
  });

  test("a bad MILO_TOKEN is refused", async () => {
    const result = await serve(["--db", join(dir, "e.db")], { env: { MILO_TOKEN: "a b" } });
    expectUsageError(result, "MILO_TOKEN must be");
  });
});

describe.concurrent("a history database that cannot be opened: exit 2 and one line", () => {
  test("a parent that is a file", async () => {
    writeFileSync(join(dir, "plain-file"), "");
    const result = await serve(["--db", join(dir, "plain-file", "milo.db")]);
    expectUsageError(result, "is a file, not a folder");
  });

  test("a path that is a folder", async () => {
    mkdirSync(join(dir, "a-folder"));
    const result = await serve(["--db", join(dir, "a-folder")]);
    expectUsageError(result, "Pass --db");
  });

  test("a read-only file", async () => {
    const file = join(dir, "read-only.db");
    writeFileSync(file, "");
    chmodSync(file, 0o444);
    chmodSync(dir, 0o777);
    // Root may write anything: run the worker as nobody, for whom the file is read-only.
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    const result = await serve(["--db", file], { uid });
    expectUsageError(result, "Pass --db");
  });
});
