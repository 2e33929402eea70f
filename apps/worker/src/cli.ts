import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import pc from "picocolors";
import { DEFAULT_DB_FILE, DEFAULT_HOST, DEFAULT_PORT } from "./defaults";
import { tokenProblem } from "./security/resolveToken";
import { UsageError } from "./UsageError";
import { VERSION } from "./version";

// Commands are imported when used: `milo run` need not load the HTTP server and SQLite.
const EXIT_USAGE = 2;
const EXIT_FAILED = 1;

function wholeNumber(name: string, min: number, max: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
    }
    return Number(value);
  };
}

/** A host name or address as a Host header names it: no scheme, port or path. */
function hostNameArgument(value: string, previous: string[] = []): string[] {
  const name = /^\[(.*)\]$/.exec(value)?.[1] ?? value;
  if (!/^[A-Za-z0-9.-]+$/.test(name) && !/^[0-9A-Fa-f:.]+$/.test(name)) {
    throw new InvalidArgumentError(
      `--allow-host takes a host name or address as browsers send it in the Host header, e.g. milo.example.com or 192.168.1.20 (no http://, port or path).`,
    );
  }
  return [...previous, name];
}

function tokenArgument(value: string): string {
  const problem = tokenProblem(value, "--token");
  if (problem !== null) throw new InvalidArgumentError(problem);
  return value;
}

const tokenOption = () =>
  new Option(
    "--token <token>",
    "require this token on every request (default: MILO_TOKEN; one is made up when --host is not loopback)",
  ).argParser(tokenArgument);

const portOption = () =>
  new Option("--port <port>", "port to listen on (0 picks a free one)")
    .default(DEFAULT_PORT)
    .argParser(wholeNumber("--port", 0, 65_535));
const dbOption = () =>
  new Option("--db <file>", "SQLite file for the run history").default(DEFAULT_DB_FILE);
const redisOption = () =>
  new Option(
    "--redis <url>",
    "send phases as jobs to `milo agent`s through this Redis (e.g. redis://host:6379)",
  );
const stallOption = () =>
  new Option(
    "--stall-ms <ms>",
    "an agent silent this long has its attempt failed (the same on the server and every agent)",
  ).argParser(wholeNumber("--stall-ms", 500, 600_000));
const agentsOption = () =>
  new Option(
    "--agents <n>",
    "local agent processes that run the phases (default: one per core; 0 calls handlers in the server itself, unguarded)",
  ).argParser(wholeNumber("--agents", 0, 256));

function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command("milo")
    .description("Run pipelines and watch them live.")
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError("(run `milo --help` for usage)");

  program
    .command("run")
    .description("run a pipeline module in this terminal")
    .argument("<file>", "a .ts, .mts, .js or .mjs module that exports a Pipeline")
    .option("--pipeline <name>", "which pipeline, when the module exports several")
    .option(
      "--concurrency <n>",
      "at most this many phases at once",
      wholeNumber("--concurrency", 1, 1_000_000),
    )
    .option("--fail-fast", "abort running phases on the first failure")
    .option(
      "--input <key=value>",
      "one of the run's inputs (repeatable; a value is read as JSON unless the field is a string)",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option("--inputs <file>", "the run's inputs from a JSON file (--input wins)")
    .option("--json", "print every action as one JSON line, and nothing else")
    .option(
      "--in-process",
      "call handlers in this process: starts faster, but a crashing handler ends the run",
    )
    .action(async (file: string, options) => {
      const { runCommand } = await import("./commands/run");
      setExitCode(await runCommand(file, options));
    });

  program
    .command("serve")
    .description("serve the HTTP API and the dashboard")
    .option("--pipelines <paths...>", "pipeline modules, or folders of them")
    .option("--host <host>", "address to listen on", DEFAULT_HOST)
    .option(
      "--allow-host <name>",
      "also answer requests for this host name or address (repeatable)",
      hostNameArgument,
    )
    .addOption(tokenOption())
    .addOption(portOption())
    .addOption(dbOption())
    .addOption(agentsOption())
    .addOption(redisOption())
    .addOption(stallOption())
    .option(
      "--max-result-bytes <n>",
      "keep a completed phase's value for re-runs when its JSON is at most this long",
      wholeNumber("--max-result-bytes", 0, 1_073_741_824),
      1_048_576,
    )
    .option(
      "--max-streams-per-client <n>",
      "event streams one client address may hold open at once (the next gets 429)",
      wholeNumber("--max-streams-per-client", 1, 1_000_000),
    )
    .action(async (options) => {
      const { serveCommand } = await import("./commands/serve");
      setExitCode(await serveCommand(options));
    });

  program
    .command("rerun")
    .description("run a finished run again on a running server, reusing what it may")
    .argument("<run-id>", "the run to run again")
    .option("--from-failure", "reuse every completed phase; run the failed ones and downstream")
    .option(
      "--phase <name>",
      "run this phase again, reusing the rest (repeatable)",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option("--downstream", "with --phase: also run everything that depends on it")
    .option("--url <url>", "the server", `http://${DEFAULT_HOST}:${DEFAULT_PORT}`)
    .action(async (runId: string, options) => {
      const { rerunCommand } = await import("./commands/rerun");
      setExitCode(await rerunCommand(runId, options));
    });

  program
    .command("agent")
    .description("run phases that a `milo serve --redis URL` queues, on this machine")
    .option(
      "--pipelines <paths...>",
      "the same pipeline modules, or folders of them, as the server",
    )
    .option("--redis <url>", "the server's Redis", "redis://127.0.0.1:6379")
    .option(
      "--concurrency <n>",
      "at most this many phases at once (default 16)",
      wholeNumber("--concurrency", 1, 10_000),
    )
    .option("--name <name>", "how the dashboard names this agent (default: HOST-PID)")
    .addOption(stallOption())
    .action(async (options) => {
      const { agentCommand } = await import("./commands/agent");
      setExitCode(await agentCommand(options));
    });

  program
    .command("graph")
    .description("draw a pipeline's graph as Mermaid, SVG, DOT or JSON")
    .argument("<file>", "a .ts, .mts, .js or .mjs module that exports a Pipeline")
    .option("--pipeline <name>", "which pipeline, when the module exports several")
    .option("--format <format>", "mermaid, svg, dot or json", "mermaid")
    .option("--out <file>", "write to this file instead of stdout")
    .action(async (file: string, options) => {
      const { graphCommand } = await import("./commands/graph");
      setExitCode(await graphCommand(file, options));
    });

  program
    .command("demo")
    .description("serve the bundled examples and start a run to watch")
    .addOption(portOption())
    .addOption(tokenOption())
    .addOption(dbOption())
    .addOption(agentsOption())
    .action(async (options) => {
      const { demoCommand } = await import("./commands/demo");
      setExitCode(await demoCommand(options));
    });
  return program;
}

/** Parses `argv` and runs the command; resolves with the process's exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv as string[]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed the problem; help and --version end with 0.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      console.error(`${pc.red("milo:")} ${error.message}`);
      return EXIT_USAGE;
    }
    console.error(error);
    return EXIT_FAILED;
  }
}

const code = await main(process.argv);
// Handlers that ignore their abort signal may still hold timers: end once output is flushed.
process.stdout.write("", () => process.exit(code));
