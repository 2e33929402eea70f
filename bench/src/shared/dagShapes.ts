import { logNormal, pareto, type Random, randomInt } from "./createRandom";

/** A phase of a benchmark graph: what every engine under test is given. */
export interface DagPhase {
  readonly name: string;
  readonly dependsOn: readonly string[];
  /** May run beside others; a phase that is not parallel runs alone (Milo's rule). */
  readonly parallel: boolean;
  /** Virtual milliseconds the phase takes (also its weight, so priorities mean something). */
  readonly duration: number;
}

export interface Dag {
  readonly name: string;
  readonly phases: readonly DagPhase[];
}

/** Zero-padded so that name order is pipeline order. */
export function phaseName(index: number): string {
  return `p${String(index).padStart(5, "0")}`;
}

/**
 * A random pipeline for the scheduling benchmark. Each graph draws its own shape (how far back
 * dependencies reach, how many there are), its share of non-parallel phases (0 to 30%) and a
 * heavy-tailed duration law (log-normal or Pareto), so the set covers long chains, wide fans
 * and everything between.
 */
export function randomDag(random: Random, index: number, minPhases = 20, maxPhases = 200): Dag {
  const count = randomInt(random, minPhases, maxPhases);
  const reach = randomInt(random, 2, Math.max(2, Math.round(count / 2)));
  const maxDependencies = randomInt(random, 1, 4);
  const rootShare = 0.02 + random() * 0.1;
  const sequentialShare = random() * 0.3;
  const heavyTail = random() < 0.5;
  const duration = () =>
    Math.max(1, Math.round(heavyTail ? pareto(random, 100, 1.3) : logNormal(random, 500, 1.2)));
  const phases: DagPhase[] = [];
  for (let i = 0; i < count; i++) {
    const dependsOn = new Set<string>();
    if (i > 0 && random() >= rootShare) {
      const wanted = randomInt(random, 1, maxDependencies);
      for (let k = 0; k < wanted; k++) {
        dependsOn.add(phaseName(randomInt(random, Math.max(0, i - reach), i - 1)));
      }
    }
    phases.push({
      name: phaseName(i),
      dependsOn: [...dependsOn].sort(),
      parallel: random() >= sequentialShare,
      duration: duration(),
    });
  }
  return { name: `random-${index}`, phases };
}

/** Every phase depends on the one before it. */
export function chainDag(count: number): Dag {
  return {
    name: `chain-${count}`,
    phases: Array.from({ length: count }, (_, i) => ({
      name: phaseName(i),
      dependsOn: i === 0 ? [] : [phaseName(i - 1)],
      parallel: true,
      duration: 1,
    })),
  };
}

/** One source, count - 2 phases that all depend on it, one sink that depends on them all. */
export function fanOutFanInDag(count: number): Dag {
  const source = phaseName(0);
  const middle = Array.from({ length: Math.max(0, count - 2) }, (_, i) => phaseName(i + 1));
  return {
    name: `fan-${count}`,
    phases: [
      { name: source, dependsOn: [], parallel: true, duration: 1 },
      ...middle.map((name) => ({ name, dependsOn: [source], parallel: true, duration: 1 })),
      { name: phaseName(count - 1), dependsOn: middle, parallel: true, duration: 1 },
    ],
  };
}

/** About √count layers of about √count phases; each depends on 1 to 3 of the layer before. */
export function layeredDag(random: Random, count: number): Dag {
  const width = Math.max(1, Math.round(Math.sqrt(count)));
  const phases: DagPhase[] = [];
  let previous: string[] = [];
  for (let start = 0; start < count; start += width) {
    const layer: string[] = [];
    for (let i = start; i < Math.min(count, start + width); i++) {
      const dependsOn = new Set<string>();
      const wanted = previous.length === 0 ? 0 : randomInt(random, 1, Math.min(3, previous.length));
      while (dependsOn.size < wanted) {
        dependsOn.add(previous[randomInt(random, 0, previous.length - 1)]!);
      }
      const name = phaseName(i);
      phases.push({ name, dependsOn: [...dependsOn].sort(), parallel: true, duration: 1 });
      layer.push(name);
    }
    previous = layer;
  }
  return { name: `layered-${count}`, phases };
}

/** For each phase, the phases that depend on it. */
export function dependentsByName(dag: Dag): Map<string, string[]> {
  const dependents = new Map<string, string[]>(dag.phases.map((phase) => [phase.name, []]));
  for (const phase of dag.phases) {
    for (const dependency of phase.dependsOn) dependents.get(dependency)!.push(phase.name);
  }
  return dependents;
}
