#!/usr/bin/env node
// tsx's loader lets both the worker's own TypeScript and users' pipeline files load without a build.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
