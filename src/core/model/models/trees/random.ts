// The seeded generator of the tree models: one stream per tree, derived from the fit's seed and
// the tree's index, so a forest is the same whichever thread builds which tree.
import { seededRandom } from '../../../seededRandom';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

/** Bootstrap draws and feature sampling from the engine's seeded generator. */
export function createRng(seed: number): Rng {
  const next = seededRandom(seed);
  return { next, int: (n) => Math.floor(next() * n) };
}

/** A well-mixed 32-bit seed for stream `index` of a fit seeded with `seed` (a splitmix-style hash). */
export function deriveSeed(seed: number, index: number): number {
  let z = (Math.imul(seed >>> 0, 0x9e3779b1) + Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x7feb352d) >>> 0;
  z = Math.imul(z ^ (z >>> 15), 0x846ca68b) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}
