// The statistics of the tuning benchmark's tables: mean ± standard error over seeds, and the
// Wilcoxon signed-rank test of paired per-seed differences (seed k of one sampler against seed k
// of the other). Two-sided p-value: exact (every sign pattern of the ranks, by counting) when no
// |difference| ties and n ≤ 50, else the normal approximation with the tie correction; zero
// differences are dropped (Wilcoxon's convention, SciPy's zero_method="wilcox").

export function mean(v: readonly number[]): number {
  return v.reduce((a, b) => a + b, 0) / v.length;
}

/** Standard error of the mean (sample standard deviation / √n). */
export function standardError(v: readonly number[]): number {
  if (v.length < 2) return 0;
  const m = mean(v);
  const variance = v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1);
  return Math.sqrt(variance / v.length);
}

export interface WilcoxonResult {
  /** Pairs with a non-zero difference. */
  n: number;
  /** Sum of the ranks of the positive differences (a − b > 0). */
  wPlus: number;
  pValue: number;
  exact: boolean;
}

/** Average ranks (1-based) of the values, ties sharing their mean rank. */
function ranks(values: readonly number[]): { ranks: number[]; tieTerm: number; ties: boolean } {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const out = new Array<number>(values.length);
  let tieTerm = 0;
  let ties = false;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]] === values[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]] = rank;
    const t = j - i + 1;
    if (t > 1) {
      ties = true;
      tieTerm += t * t * t - t;
    }
    i = j + 1;
  }
  return { ranks: out, tieTerm, ties };
}

function normalCdf(z: number): number {
  // Abramowitz–Stegun 7.1.26 is too coarse for small p; use the complementary error function series.
  const t = Math.abs(z) / Math.SQRT2;
  // erfc by its continued fraction for large t, series for small.
  let erfc: number;
  if (t < 3) {
    let term = t;
    let sum = t;
    for (let n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= (2 * t * t) / (2 * n + 1);
      sum += term;
    }
    erfc = 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-t * t) * sum;
  } else {
    let f = 0;
    for (let n = 60; n >= 1; n--) f = n / 2 / (t + f);
    erfc = Math.exp(-t * t) / Math.sqrt(Math.PI) / (t + f);
  }
  return z < 0 ? 0.5 * erfc : 1 - 0.5 * erfc;
}

export function wilcoxonSignedRank(a: readonly number[], b: readonly number[]): WilcoxonResult {
  if (a.length !== b.length) throw new Error('wilcoxonSignedRank: the samples must be paired');
  const d = a.map((x, i) => x - b[i]).filter((x) => x !== 0);
  const n = d.length;
  if (n === 0) return { n, wPlus: 0, pValue: 1, exact: true };
  const r = ranks(d.map(Math.abs));
  const wPlus = d.reduce((s, x, i) => (x > 0 ? s + r.ranks[i] : s), 0);
  const total = (n * (n + 1)) / 2;
  if (!r.ties && n <= 50) {
    // counts[s] = number of subsets of {1..n} with rank sum s.
    let counts = new Float64Array(total + 1);
    counts[0] = 1;
    for (let k = 1; k <= n; k++) {
      const next = Float64Array.from(counts);
      for (let s = k; s <= total; s++) next[s] += counts[s - k];
      counts = next;
    }
    const all = 2 ** n;
    const low = Math.min(wPlus, total - wPlus);
    let tail = 0;
    for (let s = 0; s <= low; s++) tail += counts[s];
    return { n, wPlus, pValue: Math.min(1, (2 * tail) / all), exact: true };
  }
  const meanW = total / 2;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - r.tieTerm / 48;
  const z = (wPlus - meanW) / Math.sqrt(variance);
  return { n, wPlus, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))), exact: false };
}
