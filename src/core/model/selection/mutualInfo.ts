// Mutual information between each feature and the target, estimated as scikit-learn 1.2's
// mutual_info_classif / mutual_info_regression do: the Kraskov-Stögbauer-Grassberger k-NN
// estimator (n_neighbors = 3) for continuous variables (Ross 2014 for a continuous feature and a
// discrete target), the plug-in estimate from the contingency table for two discrete variables,
// continuous values scaled to unit variance and jittered by 1e-10-sized seeded noise to break ties.
// Values are in nats. Every neighbour search here is one-dimensional or a 2-D Chebyshev sweep
// over points sorted by x, so no tree is needed: O(n log n) per feature for classification.
import { column, type Matrix, type Target } from '../matrix';
import { throwIfAborted } from '../models/estimator';
import { normalGenerator } from './seededNoise';
import { digammaTable } from './specialFunctions';

export const MI_NEIGHBORS = 3;

export interface MutualInfoOptions {
  /** True for discrete features (one-hot indicators, binary flags): plug-in / Ross estimate. */
  discrete: boolean[];
  seed: number;
  nNeighbors?: number;
  signal?: AbortSignal;
}

/** Features treated as discrete: members of a multi-column (one-hot) source, or any column with ≤ 2 distinct values. */
export function discreteColumns(X: Matrix, sources: string[]): boolean[] {
  const groupSize = new Map<string, number>();
  for (const s of sources) groupSize.set(s, (groupSize.get(s) ?? 0) + 1);
  return sources.map((s, j) => {
    if ((groupSize.get(s) ?? 0) > 1) return true;
    const x = column(X, j);
    const seen = new Set<number>();
    for (let i = 0; i < x.length && seen.size <= 2; i++) seen.add(x[i]);
    return seen.size <= 2;
  });
}

/** Dense codes 0..m-1 of a discrete variable's values, and m. */
function discreteCodes(x: ArrayLike<number>): { codes: Int32Array; levels: number } {
  const map = new Map<number, number>();
  const codes = new Int32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    let c = map.get(x[i]);
    if (c === undefined) {
      c = map.size;
      map.set(x[i], c);
    }
    codes[i] = c;
  }
  return { codes, levels: map.size };
}

/** Scaled to unit variance (no centring, like sklearn's scale(with_mean=False)) plus 1e-10 · max(1, mean|x|) noise. */
function jittered(x: Float64Array, normal: () => number): Float64Array {
  const n = x.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i];
  m /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - m) * (x[i] - m);
  const std = Math.sqrt(ss / n);
  const scale = std > 0 ? std : 1;
  const out = new Float64Array(n);
  let meanAbs = 0;
  for (let i = 0; i < n; i++) {
    out[i] = x[i] / scale;
    meanAbs += Math.abs(out[i]);
  }
  const amplitude = 1e-10 * Math.max(1, meanAbs / n);
  for (let i = 0; i < n; i++) out[i] += amplitude * normal();
  return out;
}

/** Plug-in MI of two discrete variables from their contingency table (sklearn's mutual_info_score). */
function mutualInfoDiscrete(a: Int32Array, levelsA: number, b: Int32Array, levelsB: number): number {
  const n = a.length;
  const joint = new Float64Array(levelsA * levelsB);
  const ca = new Float64Array(levelsA);
  const cb = new Float64Array(levelsB);
  for (let i = 0; i < n; i++) {
    joint[a[i] * levelsB + b[i]]++;
    ca[a[i]]++;
    cb[b[i]]++;
  }
  let mi = 0;
  for (let u = 0; u < levelsA; u++) {
    for (let v = 0; v < levelsB; v++) {
      const nij = joint[u * levelsB + v];
      if (nij > 0) mi += (nij / n) * Math.log((n * nij) / (ca[u] * cb[v]));
    }
  }
  return Math.max(0, mi);
}

/** Positions 0..n-1 sorted by value. */
function argsort(x: Float64Array): Int32Array {
  const order = new Int32Array(x.length);
  for (let i = 0; i < x.length; i++) order[i] = i;
  return order.sort((p, q) => x[p] - x[q]);
}

/**
 * How many of the sorted values lie strictly within `radius` of `v` (|s - v| < radius), found by
 * two binary searches with the exact distance predicate (|s - v| is monotone on each side).
 */
function countWithin(sorted: Float64Array, v: number, kthDistance: number): number {
  // sklearn counts distances ≤ nextafter(kth, 0), i.e. < kth; a zero radius still counts exact ties.
  const radius = kthDistance > 0 ? kthDistance : Number.MIN_VALUE;
  let lo = 0;
  let hi = sorted.length;
  // First index whose value is within radius from below: v - s < radius.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v && v - sorted[mid] >= radius) lo = mid + 1;
    else hi = mid;
  }
  const first = lo;
  hi = sorted.length;
  // First index beyond the radius above: s - v >= radius.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= v || sorted[mid] - v < radius) lo = mid + 1;
    else hi = mid;
  }
  return lo - first;
}

/** Distance to the k-th nearest other point of sorted position p in a sorted 1-D array. */
function kthNeighborDistance1d(sorted: Float64Array, p: number, k: number): number {
  let left = p - 1;
  let right = p + 1;
  let distance = 0;
  for (let found = 0; found < k; found++) {
    const dl = left >= 0 ? sorted[p] - sorted[left] : Infinity;
    const dr = right < sorted.length ? sorted[right] - sorted[p] : Infinity;
    if (dl <= dr) {
      distance = dl;
      left--;
    } else {
      distance = dr;
      right++;
    }
  }
  return distance;
}

/** Ross (2014) estimate of the MI between a continuous c and discrete labels d (sklearn's _compute_mi_cd). */
function mutualInfoContinuousDiscrete(
  c: Float64Array,
  d: Int32Array,
  levels: number,
  k: number,
  psi: Float64Array,
): number {
  const counts = new Int32Array(levels);
  for (let i = 0; i < d.length; i++) counts[d[i]]++;
  // Points of labels seen once are ignored.
  const kept: number[] = [];
  for (let i = 0; i < d.length; i++) if (counts[d[i]] > 1) kept.push(i);
  const n = kept.length;
  if (n === 0) return 0;
  const all = new Float64Array(n);
  kept.forEach((i, p) => (all[p] = c[i]));
  all.sort();
  let sumPsiK = 0;
  let sumPsiLabel = 0;
  let sumPsiM = 0;
  for (let label = 0; label < levels; label++) {
    if (counts[label] <= 1) continue;
    const members = new Float64Array(counts[label]);
    let m = 0;
    for (let i = 0; i < d.length; i++) if (d[i] === label) members[m++] = c[i];
    members.sort();
    const kl = Math.min(k, counts[label] - 1);
    for (let p = 0; p < members.length; p++) {
      const radius = kthNeighborDistance1d(members, p, kl);
      sumPsiK += psi[kl];
      sumPsiLabel += psi[counts[label]];
      sumPsiM += psi[countWithin(all, members[p], radius)];
    }
  }
  return Math.max(0, psi[n] + (sumPsiK - sumPsiLabel - sumPsiM) / n);
}

/** KSG estimator (algorithm 1) with the Chebyshev norm, for two continuous variables (sklearn's _compute_mi_cc). */
function mutualInfoContinuous(x: Float64Array, y: Float64Array, k: number, psi: Float64Array): number {
  const n = x.length;
  const order = argsort(x);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    xs[p] = x[order[p]];
    ys[p] = y[order[p]];
  }
  const ySorted = Float64Array.from(y).sort();
  const best = new Float64Array(k);
  let sumPsi = 0;
  for (let p = 0; p < n; p++) {
    best.fill(Infinity); // ascending k smallest Chebyshev distances
    let left = p - 1;
    let right = p + 1;
    while (left >= 0 || right < n) {
      const dl = left >= 0 ? xs[p] - xs[left] : Infinity;
      const dr = right < n ? xs[right] - xs[p] : Infinity;
      const q = dl <= dr ? left-- : right++;
      const dx = Math.min(dl, dr);
      if (dx >= best[k - 1]) break;
      const d = Math.max(dx, Math.abs(ys[q] - ys[p]));
      if (d < best[k - 1]) {
        let t = k - 1;
        while (t > 0 && best[t - 1] > d) {
          best[t] = best[t - 1];
          t--;
        }
        best[t] = d;
      }
    }
    const radius = best[k - 1];
    const nx = countWithin(xs, xs[p], radius) - 1;
    const ny = countWithin(ySorted, ys[p], radius) - 1;
    sumPsi += psi[nx + 1] + psi[ny + 1];
  }
  return Math.max(0, psi[n] + psi[k] - sumPsi / n);
}

/** Estimated MI (nats) of every feature with the target. */
export function mutualInfo(X: Matrix, y: Target, options: MutualInfoOptions): Float64Array {
  const k = options.nNeighbors ?? MI_NEIGHBORS;
  const n = X.rows;
  const psi = digammaTable(n + 1);
  const normal = normalGenerator(options.seed);
  let yContinuous: Float64Array | undefined;
  let yCodes: Int32Array | undefined;
  let yLevels = 0;
  if (y.task === 'classification') {
    const coded = discreteCodes(y.y);
    yCodes = coded.codes;
    yLevels = coded.levels;
  }
  const out = new Float64Array(X.cols);
  const xNoise: Array<Float64Array | undefined> = [];
  for (let j = 0; j < X.cols; j++) xNoise.push(options.discrete[j] ? undefined : jittered(column(X, j), normal));
  if (y.task === 'regression') yContinuous = jittered(y.y, normal);
  for (let j = 0; j < X.cols; j++) {
    throwIfAborted(options.signal);
    const xc = xNoise[j];
    if (xc) {
      out[j] = yCodes
        ? mutualInfoContinuousDiscrete(xc, yCodes, yLevels, k, psi)
        : mutualInfoContinuous(xc, yContinuous!, k, psi);
    } else {
      const { codes, levels } = discreteCodes(column(X, j));
      out[j] = yCodes
        ? mutualInfoDiscrete(codes, levels, yCodes, yLevels)
        : mutualInfoContinuousDiscrete(yContinuous!, codes, levels, k, psi);
    }
  }
  return out;
}
