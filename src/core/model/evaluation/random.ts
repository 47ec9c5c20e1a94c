// Seeded randomness for the evaluator (sampling plot points, shuffling a column for permutation
// importance): mulberry32, the same sequence for the same seed on every machine.
import { seededRandom } from '../../seededRandom';
export { seededRandom };

/** A seed derived from a base seed and a stream number (feature index, repeat ...). */
export function deriveSeed(seed: number, ...streams: number[]): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const s of streams) {
    h = Math.imul(h ^ (s + 0x7f4a7c15), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h;
}

/** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
export function permutation(n: number, random: () => number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}

/** `size` distinct indices of 0..n-1 chosen at random, in increasing order (all when size >= n). */
export function sampleIndices(n: number, size: number, random: () => number): Uint32Array {
  if (size >= n) return Uint32Array.from({ length: n }, (_, i) => i);
  const perm = permutation(n, random);
  return perm.slice(0, size).sort();
}
