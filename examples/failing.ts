import { setTimeout as sleep } from "node:timers/promises";
import { Phase, Pipeline } from "@milo/core";

/**
 * "failing": the migration fails with a clear error after logging its progress, so seeding and
 * deploying never run; the documentation branch beside it still completes.
 */
export const failing = new Pipeline(
  "failing",
  new Phase("prepare", {
    description: "Check the configuration",
    parallel: true,
    handler: async (ctx) => {
      await sleep(150, undefined, { signal: ctx.signal });
      ctx.log("configuration ok: 3 databases, 2 regions");
    },
  }),
  new Phase("migrate", {
    description: "Apply the pending schema migrations",
    dependsOn: ["prepare"],
    parallel: true,
    weight: 3,
    handler: async (ctx) => {
      const migrations = ["0040_create_users", "0041_add_orders", "0042_index_email"];
      for (const migration of migrations.slice(0, 2)) {
        await sleep(300, undefined, { signal: ctx.signal });
        ctx.log(`applied ${migration}`);
      }
      await sleep(300, undefined, { signal: ctx.signal });
      ctx.log(`applying ${migrations[2]}…`);
      ctx.log('ERROR: column "email" does not exist', "stderr");
      throw new Error('migration 0042_index_email failed: column "email" does not exist');
    },
  }),
  new Phase("seed", {
    description: "Load the fixture data (needs the migrated schema)",
    dependsOn: ["migrate"],
    handler: async (ctx) => {
      await sleep(200, undefined, { signal: ctx.signal });
      ctx.log("seeded");
    },
  }),
  new Phase("deploy", {
    description: "Roll out the new version",
    dependsOn: ["seed"],
    weight: 2,
    handler: async (ctx) => {
      await sleep(200, undefined, { signal: ctx.signal });
      ctx.log("deployed");
    },
  }),
  new Phase("docs", {
    description: "Build the documentation",
    parallel: true,
    handler: async (ctx) => {
      for (const page of ["intro", "api", "changelog"]) {
        await sleep(100, undefined, { signal: ctx.signal });
        ctx.log(`rendered ${page}.html`);
      }
    },
  }),
  new Phase("docs-publish", {
    description: "Upload the documentation",
    dependsOn: ["docs"],
    parallel: true,
    handler: async (ctx) => {
      await sleep(250, undefined, { signal: ctx.signal });
      ctx.log("published 3 pages");
    },
  }),
);
