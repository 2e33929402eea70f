import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Phase, Pipeline } from "@milo/core";

/**
 * "flaky": a phase that fails twice before it succeeds (exponential retry), and an optional
 * phase that always fails and is skipped, so the phases after it still run.
 */
export const flaky = new Pipeline(
  "flaky",
  new Phase("checkout", {
    description: "Read the sources to build",
    parallel: true,
    handler: async (ctx) => {
      const files = ["index.ts", "server.ts", "routes.ts", "db.ts"];
      for (const file of files) {
        await sleep(60, undefined, { signal: ctx.signal });
        ctx.log(`checked out ${file}`);
      }
      return files;
    },
  }),
  new Phase("fetch-deps", {
    description: "Download dependencies from a registry that drops connections",
    dependsOn: ["checkout"],
    parallel: true,
    weight: 2,
    policy: { onFail: "retry", maxRetries: 3, retryDelayMs: 250, retryBackoff: "exponential" },
    handler: async (ctx) => {
      ctx.log(`attempt ${ctx.attempt}: contacting registry.example.test`);
      await sleep(300, undefined, { signal: ctx.signal });
      if (ctx.attempt < 3) {
        ctx.log("connection reset after 1.2 MB", "stderr");
        throw new Error(`registry connection reset (ECONNRESET) on attempt ${ctx.attempt}`);
      }
      ctx.log("downloaded 42 packages");
      return 42;
    },
  }),
  new Phase("lint", {
    description: "Optional style checks; the lint service is down",
    dependsOn: ["checkout"],
    parallel: true,
    policy: { onFail: "skip" },
    handler: async (ctx) => {
      ctx.log("connecting to lint.example.test");
      await sleep(400, undefined, { signal: ctx.signal });
      throw new Error("lint service unavailable (HTTP 503)");
    },
  }),
  new Phase("build", {
    description: "Compile and hash the bundle",
    dependsOn: ["fetch-deps", "lint"],
    weight: 3,
    handler: async (ctx) => {
      const files = (ctx.results["fetch-deps"] as number) ?? 0;
      let digest = "";
      for (let step = 1; step <= 4; step++) {
        await sleep(150, undefined, { signal: ctx.signal });
        digest = createHash("sha256").update(`${digest}:${step}:${files}`).digest("hex");
        ctx.log(`compiled chunk ${step}/4 (${digest.slice(0, 12)})`);
      }
      ctx.log(`lint result: ${ctx.results.lint === undefined ? "skipped" : "ok"}`);
      return digest;
    },
  }),
  new Phase("test", {
    description: "Run the test suite",
    dependsOn: ["build"],
    weight: 2,
    handler: async (ctx) => {
      for (const suite of ["unit", "integration", "smoke"]) {
        await sleep(200, undefined, { signal: ctx.signal });
        ctx.log(`${suite}: passed`);
      }
    },
  }),
);
