/** A seeded source of numbers in [0, 1): the same seed always gives the same benchmark inputs. */
export type Random = () => number;

/** mulberry32: tiny, fast, and good enough to draw graphs and durations. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number in [min, max]. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** A log-normal draw: most values near `median`, a long tail of much larger ones. */
export function logNormal(random: Random, median: number, sigma: number): number {
  // Box-Muller; 1 - random() keeps the logarithm away from zero.
  const u = 1 - random();
  const v = random();
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return median * Math.exp(sigma * normal);
}

/** A Pareto draw (scale `minimum`, shape `alpha`): heavier tails the closer alpha is to 1. */
export function pareto(random: Random, minimum: number, alpha: number): number {
  return minimum / (1 - random()) ** (1 / alpha);
}
