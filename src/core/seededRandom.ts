// The one seeded generator of the engine (mulberry32): the same sequence for the same seed on
// every machine, so splits, bootstraps, samples and shuffles reproduce from a run's seed.
// (scripts/seededRandom.mjs is the same generator for the scripts and the benchmark.)

/** Uniform numbers in [0, 1) from a 32-bit seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
