// A local agent's entry: tsx's loader lets the worker's TypeScript and users' pipeline modules load.
import { register } from "tsx/esm/api";

register();
await import("./runLocalAgent.ts");
