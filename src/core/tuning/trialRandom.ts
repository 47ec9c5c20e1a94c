// A trial's own random stream: derived from the study seed and the trial number alone (and a
// salt per use), so trial i draws the same numbers whichever worker runs it and whenever.
import { seededRandom } from '../seededRandom';

/** A 32-bit mix of the inputs (murmur3's finaliser over each word). */
export function mixSeed(...words: number[]): number {
  let h = 0x9e3779b9;
  for (const w of words) {
    let k = Math.imul(w >>> 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform numbers in [0, 1) for trial `number` of a study seeded `seed`. */
export function trialRandom(seed: number, number: number, salt = 0): () => number {
  return seededRandom(mixSeed(seed, number, salt));
}
