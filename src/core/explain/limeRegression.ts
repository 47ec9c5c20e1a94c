// LIME's local model: scikit-learn's Ridge(alpha, fit_intercept=True) fitted with the kernel as
// sample weights on the binary neighbourhood, its weighted R² (`score`), and lime's feature
// selection 'auto' — forward selection (Ridge(alpha=0) adding, one at a time, the feature that
// raises the weighted R² most) for at most 6 features, else 'highest_weights' (the largest
// |coefficient · the row's binary value| of a Ridge(alpha=0.01) on every feature). Ridge with
// weights minimises Σ w (y − b − z·β)² + α‖β‖²: the intercept is not penalised, so it is the
// weighted means' (b = ȳ − z̄·β) and β solves (Zcᵀ W Zc + α I) β = Zcᵀ W yc on centred columns.

export interface WeightedDesign {
  samples: number;
  features: number;
  /** samples × features (0/1). */
  z: Uint8Array;
  w: Float64Array;
  /** Weighted column means. */
  means: Float64Array;
  totalWeight: number;
  /** Zcᵀ W Zc (features × features), without the penalty. */
  gram: Float64Array;
}

export function weightedDesign(z: Uint8Array, w: Float64Array, features: number): WeightedDesign {
  const S = w.length;
  const M = features;
  let totalWeight = 0;
  const means = new Float64Array(M);
  for (let s = 0; s < S; s++) {
    totalWeight += w[s];
    for (let f = 0; f < M; f++) if (z[s * M + f]) means[f] += w[s];
  }
  for (let f = 0; f < M; f++) means[f] /= totalWeight;
  const gram = new Float64Array(M * M);
  const centred = new Float64Array(M);
  for (let s = 0; s < S; s++) {
    for (let f = 0; f < M; f++) centred[f] = z[s * M + f] - means[f];
    for (let f = 0; f < M; f++) {
      const a = w[s] * centred[f];
      for (let g = f; g < M; g++) gram[f * M + g] += a * centred[g];
    }
  }
  for (let f = 0; f < M; f++) for (let g = 0; g < f; g++) gram[f * M + g] = gram[g * M + f];
  return { samples: S, features: M, z, w, means, totalWeight, gram };
}

type Moments = { cross: Float64Array; mean: number };

/** Zcᵀ W (y − ȳ) and ȳ for one output (y: samples values at stride `stride`, offset `at`). */
function moments(d: WeightedDesign, y: Float64Array, stride: number, at: number): Moments {
  const { samples: S, features: M, z, w } = d;
  let mean = 0;
  for (let s = 0; s < S; s++) mean += w[s] * y[s * stride + at];
  mean /= d.totalWeight;
  const cross = new Float64Array(M);
  for (let s = 0; s < S; s++) {
    const r = w[s] * (y[s * stride + at] - mean);
    for (let f = 0; f < M; f++) cross[f] += r * (z[s * M + f] - d.means[f]);
  }
  return { cross, mean };
}

/**
 * Solves (G[used, used] + αI) β = c[used] by Cholesky. A pivot that vanishes (a column constant
 * in the sample, with α = 0) gets β = 0: the same fit as the least-squares solution's.
 */
function solveSubset(d: WeightedDesign, cross: Float64Array, used: number[], alpha: number): Float64Array {
  const P = used.length;
  const M = d.features;
  const L = new Float64Array(P * P);
  const dead = new Uint8Array(P);
  const scale = Math.max(1e-300, ...used.map((f) => d.gram[f * M + f]));
  for (let i = 0; i < P; i++) {
    for (let j = 0; j <= i; j++) {
      let s = d.gram[used[i] * M + used[j]] + (i === j ? alpha : 0);
      for (let k = 0; k < j; k++) s -= L[i * P + k] * L[j * P + k];
      if (i === j) {
        if (s <= 1e-12 * scale) {
          dead[i] = 1;
          L[i * P + i] = 1;
        } else L[i * P + i] = Math.sqrt(s);
      } else L[i * P + j] = dead[j] ? 0 : s / L[j * P + j];
    }
    if (dead[i]) for (let j = 0; j < i; j++) L[i * P + j] = 0;
  }
  const v = new Float64Array(P);
  for (let i = 0; i < P; i++) {
    let s = cross[used[i]];
    for (let k = 0; k < i; k++) s -= L[i * P + k] * v[k];
    v[i] = dead[i] ? 0 : s / L[i * P + i];
  }
  const beta = new Float64Array(P);
  for (let i = P - 1; i >= 0; i--) {
    let s = v[i];
    for (let k = i + 1; k < P; k++) s -= L[k * P + i] * beta[k];
    beta[i] = dead[i] ? 0 : s / L[i * P + i];
  }
  return beta;
}

export interface LocalFit {
  intercept: number;
  /** Per feature (0 for features not selected). */
  coef: Float64Array;
  /** Weighted R² of the fit on the neighbourhood (sklearn's score with sample_weight). */
  score: number;
  /** The local model at the row (binary all ones): intercept + Σ coef. */
  localPrediction: number;
  used: number[];
}

/** sklearn's r2_score with sample weights (a constant target scores 1 when fitted exactly, else 0). */
function weightedR2(
  d: WeightedDesign,
  y: Float64Array,
  stride: number,
  at: number,
  mean: number,
  fit: (s: number) => number,
): number {
  let residual = 0;
  let total = 0;
  for (let s = 0; s < d.samples; s++) {
    const t = y[s * stride + at];
    residual += d.w[s] * (t - fit(s)) ** 2;
    total += d.w[s] * (t - mean) ** 2;
  }
  if (total === 0) return residual === 0 ? 1 : 0;
  return 1 - residual / total;
}

function ridgeOn(d: WeightedDesign, { cross, mean }: Moments, used: number[], alpha: number) {
  const beta = solveSubset(d, cross, used, alpha);
  let intercept = mean;
  used.forEach((f, i) => (intercept -= d.means[f] * beta[i]));
  const M = d.features;
  const fit = (s: number) => {
    let p = intercept;
    used.forEach((f, i) => (p += d.z[s * M + f] * beta[i]));
    return p;
  };
  return { beta, intercept, mean, fit };
}

/** lime's feature_selection 'auto' for `count` features of one output. */
export function selectFeatures(
  d: WeightedDesign,
  y: Float64Array,
  stride: number,
  at: number,
  count: number,
): number[] {
  const M = d.features;
  if (count >= M) return Array.from({ length: M }, (_, f) => f);
  const m = moments(d, y, stride, at);
  if (count <= 6) {
    const used: number[] = [];
    for (let step = 0; step < count; step++) {
      let best = 0;
      let bestScore = -100000000;
      for (let f = 0; f < M; f++) {
        if (used.includes(f)) continue;
        const r = ridgeOn(d, m, [...used, f], 0);
        const score = weightedR2(d, y, stride, at, r.mean, r.fit);
        if (score > bestScore) [best, bestScore] = [f, score];
      }
      used.push(best);
    }
    return used;
  }
  const all = Array.from({ length: M }, (_, f) => f);
  const { beta } = ridgeOn(d, m, all, 0.01);
  return all.sort((a, b) => Math.abs(beta[b]) - Math.abs(beta[a])).slice(0, count);
}

/** The local model for one output: selection (when fewer than all features are asked), then Ridge(alpha). */
export function fitLocal(
  d: WeightedDesign,
  y: Float64Array,
  stride: number,
  at: number,
  options: { alpha?: number; numFeatures?: number } = {},
): LocalFit {
  const used = selectFeatures(d, y, stride, at, options.numFeatures ?? d.features);
  const r = ridgeOn(d, moments(d, y, stride, at), used, options.alpha ?? 1);
  const coef = new Float64Array(d.features);
  used.forEach((f, i) => (coef[f] = r.beta[i]));
  let localPrediction = r.intercept;
  for (const f of used) localPrediction += coef[f];
  return {
    intercept: r.intercept,
    coef,
    score: weightedR2(d, y, stride, at, r.mean, r.fit),
    localPrediction,
    used,
  };
}
