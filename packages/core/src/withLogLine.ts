import type { LogLine, PhaseStatus } from "./types";

/** A line and the ones logged before it, newest first. */
interface TailNode {
  readonly entry: LogLine;
  readonly previous: TailNode | null;
}

/**
 * A phase's last `max` lines as a persistent list: older lines in `base` (an array shared by
 * many states), the newest in a linked `tail` of at most `max`. Appending makes one node, not a
 * copy of every line kept; when the tail is full it becomes the next base (one copy per `max`
 * lines), so nothing older than the last `max` lines stays reachable.
 */
class KeptLines {
  constructor(
    private readonly base: readonly LogLine[],
    private readonly tail: TailNode | null,
    private readonly tailLength: number,
    private readonly max: number,
  ) {}

  static of(lines: readonly LogLine[], max: number): KeptLines {
    return new KeptLines(lines, null, 0, max);
  }

  append(entry: LogLine): KeptLines {
    if (this.tailLength >= this.max) {
      return new KeptLines(this.lines(), { entry, previous: null }, 1, this.max);
    }
    return new KeptLines(this.base, { entry, previous: this.tail }, this.tailLength + 1, this.max);
  }

  /** The last `max` lines, oldest first, as a new array. */
  lines(): LogLine[] {
    const fromBase = Math.max(0, Math.min(this.base.length, this.max - this.tailLength));
    const lines = new Array<LogLine>(fromBase + this.tailLength);
    const skipped = this.base.length - fromBase;
    for (let index = 0; index < fromBase; index++) lines[index] = this.base[skipped + index]!;
    let node = this.tail;
    for (let index = lines.length - 1; node !== null; index--, node = node.previous) {
      lines[index] = node.entry;
    }
    return lines;
  }
}

/**
 * A status whose `logs` is built from its kept lines only when read (then kept): an enumerable
 * own getter, so JSON, `structuredClone`, spreading and `toEqual` all see a plain array, in the
 * same place among the keys as the status it was made from.
 */
class LoggedPhaseStatus {
  readonly #kept: KeptLines;
  #logs: readonly LogLine[] | undefined = undefined;

  constructor(previous: PhaseStatus, kept: KeptLines) {
    this.#kept = kept;
    const fields = this as unknown as Record<string, unknown>;
    for (const key of Object.keys(previous)) {
      if (key === "logs") Object.defineProperty(this, "logs", LOGS);
      else
        fields[key] =
          key === "logCount" ? previous.logCount + 1 : previous[key as keyof PhaseStatus];
    }
  }

  static keptOf(status: PhaseStatus, max: number): KeptLines {
    return #kept in status ? status.#kept : KeptLines.of(status.logs, max);
  }

  static logsOf(status: LoggedPhaseStatus): readonly LogLine[] {
    status.#logs ??= status.#kept.lines();
    return status.#logs;
  }
}

// One accessor shared by every such status: the getter reads the status it is called on.
const LOGS: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: LoggedPhaseStatus) {
    return LoggedPhaseStatus.logsOf(this);
  },
};

/**
 * `phase` with `entry` logged: its last `max` lines and a count one higher. Costs a few small
 * objects per line, where copying the kept lines (200 by default) cost kilobytes.
 */
export function withLogLine(phase: PhaseStatus, entry: LogLine, max: number): PhaseStatus {
  const kept = LoggedPhaseStatus.keptOf(phase, Math.max(1, max)).append(entry);
  return new LoggedPhaseStatus(phase, kept) as unknown as PhaseStatus;
}
