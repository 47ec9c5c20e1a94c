// Sorting Float64Arrays by their bits (least-significant-digit radix sort), for feature binning:
// on 67,500 values it is several times faster than Float64Array.prototype.sort, and gives the
// same order (−Infinity < negatives < −0 < +0 < positives < +Infinity). NaN must not be present.
// Each double's bits are mapped to an unsigned key that orders like the number (negative: all
// bits flipped; otherwise the sign bit set), then sorted in six passes of 11/11/10 bits.

const DIGITS = [
  { word: 0, shift: 0, mask: 0x7ff },
  { word: 0, shift: 11, mask: 0x7ff },
  { word: 0, shift: 22, mask: 0x3ff },
  { word: 1, shift: 0, mask: 0x7ff },
  { word: 1, shift: 11, mask: 0x7ff },
  { word: 1, shift: 22, mask: 0x3ff },
];
const BUCKETS = 2048;

/** The key word (0: low 32 bits, 1: high 32 bits) of the double whose words are lo, hi. */
function keyWord(lo: number, hi: number, word: number): number {
  const negative = hi >>> 31;
  if (word === 0) return negative ? ~lo >>> 0 : lo;
  return negative ? ~hi >>> 0 : (hi | 0x80000000) >>> 0;
}

/**
 * Sorts `values` ascending (NaN-free). `scratch` must have at least values.length elements; the
 * sorted values are returned, in `values` or in `scratch`'s first values.length elements.
 */
export function radixSortFloat64(values: Float64Array, scratch: Float64Array): Float64Array {
  const n = values.length;
  if (n < 2) return values;
  // One pass counts every digit of every key; passes whose digit is the same for all values are skipped.
  const counts = new Uint32Array(DIGITS.length * BUCKETS);
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  for (let i = 0; i < n; i++) {
    const lo = words[2 * i];
    const hi = words[2 * i + 1];
    const negative = hi >>> 31;
    const kLo = negative ? ~lo >>> 0 : lo;
    const kHi = negative ? ~hi >>> 0 : (hi | 0x80000000) >>> 0;
    counts[kLo & 0x7ff]++;
    counts[BUCKETS + ((kLo >>> 11) & 0x7ff)]++;
    counts[2 * BUCKETS + (kLo >>> 22)]++;
    counts[3 * BUCKETS + (kHi & 0x7ff)]++;
    counts[4 * BUCKETS + ((kHi >>> 11) & 0x7ff)]++;
    counts[5 * BUCKETS + (kHi >>> 22)]++;
  }
  let src = values;
  let dst = scratch.subarray(0, n);
  for (let p = 0; p < DIGITS.length; p++) {
    const { word, shift, mask } = DIGITS[p];
    const base = p * BUCKETS;
    // Skip the pass when one bucket holds every value.
    let trivial = false;
    for (let d = 0; d <= mask; d++) {
      const c = counts[base + d];
      if (c === n) {
        trivial = true;
        break;
      }
      if (c !== 0) break;
    }
    if (trivial) continue;
    let sum = 0;
    for (let d = 0; d <= mask; d++) {
      const c = counts[base + d];
      counts[base + d] = sum;
      sum += c;
    }
    const srcWords = new Uint32Array(src.buffer, src.byteOffset, 2 * n);
    for (let i = 0; i < n; i++) {
      const digit = (keyWord(srcWords[2 * i], srcWords[2 * i + 1], word) >>> shift) & mask;
      dst[counts[base + digit]++] = src[i];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}
