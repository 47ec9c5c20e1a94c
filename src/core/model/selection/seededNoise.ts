// Seeded randomness for feature selection: the same seed gives the same noise, folds and samples.
// Mulberry32 for uniforms (the generator used across the project) and Box-Muller for normals.
import { seededRandom as uniformGenerator } from '../../seededRandom';

export function normalGenerator(seed: number): () => number {
  const uniform = uniformGenerator(seed);
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const u = 1 - uniform(); // (0, 1]
    const v = uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };
}

/** Fisher-Yates shuffle of 0..n-1 under the seed. */
export function shuffledIndex(n: number, seed: number): Int32Array {
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  const uniform = uniformGenerator(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    const t = index[i];
    index[i] = index[j];
    index[j] = t;
  }
  return index;
}

/** A seeded sample of `size` of the rows 0..n-1 without replacement, in ascending order. */
export function sampleRows(n: number, size: number, seed: number): Int32Array {
  return shuffledIndex(n, seed).subarray(0, size).sort();
}
