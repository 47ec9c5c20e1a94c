// Interventional TreeSHAP of a boosting classifier in probability space, as shap's
// TreeExplainer computes it for model_output="probability" (its C++ dense_independent): for each
// background reference z, the interventional Shapley values of the margin (log-odds or softmax
// scores: exact, by treeShapInterventional.ts) are rescaled so that they sum to
// transform(f(x)) − transform(f(z)), and the rescaled values are averaged over the references;
// the base value is the mean of transform(f(z)). These are not the Shapley values of the game
// v(S) = transform(f(x_S, z_~S)) (a transform of a tree sum is no tree sum); they are what shap
// reports, additive in probability to rounding.
//
// Binary (sigmoid of the log-odds m): the factor per reference is the chord slope
// (σ(m_x) − σ(m_z)) / (m_x − m_z), shap's rescale factor. Where m_x = m_z shap uses 1; we use the
// slope's limit σ'(m_x) (continuous in z; those margin values sum to 0 either way, so the
// additivity holds for both, and the two differ only for references where the margins tie).
//
// Multi-class (softmax of K scores; shap has no such case): p_k depends on every score, so one
// factor per output cannot be right. Per reference we split each probability change
// p_k(m_x) − p_k(m_z) exactly over the K score changes Δm_j by the Shapley values ψ_kj of the
// K-player game "which scores take x's value" (2^K softmax evaluations), and give feature f
//     φ_fk = Σ_j (ψ_kj / Δm_j) · φ^margin_fj
// so Σ_f φ_fk = Σ_j ψ_kj = Δp_k exactly, each feature's contributions sum to 0 over the classes
// (Σ_k ψ_kj = 0, as Σ_k p_k = 1), and with one score it is the chord slope above. A tied score
// (Δm_j = 0) takes the limit: the Shapley-weighted mean of ∂p_k/∂m_j = p_k(δ_kj − p_j).
// 2^K grows fast: more than MAX_SOFTMAX_CLASSES classes are refused.
import { JobError } from '../../protocol/jobError';
import { leafOf, treeDepth } from './shapTree';
import type { ExplainOptions, ShapValues } from './treeExplainer';
import type { TreeSet } from './treeModels';
import { addInterventionalShap, InterventionalScratch } from './treeShapInterventional';
import { withAdditivity } from './additivity';

export const MAX_SOFTMAX_CLASSES = 10;

/** Below this |Δm| the chord slope is replaced by the derivative (its limit). */
const TIE = 1e-9;

/** The set's margin (offset + scaled tree sum) on a row, per output, into out[at..]. */
export function marginOf(set: TreeSet, row: ArrayLike<number>, out: Float64Array, at = 0): void {
  for (let k = 0; k < set.outputs; k++) out[at + k] = set.offset[k];
  set.trees.forEach((tree, t) => {
    out[at + set.target![t]] += set.scale * tree.values[leafOf(tree, row)];
  });
}

export function sigmoid(m: number): number {
  if (m >= 0) return 1 / (1 + Math.exp(-m));
  const e = Math.exp(m);
  return e / (1 + e);
}

/** softmax(m) into out (stable). */
export function softmax(m: ArrayLike<number>, out: Float64Array): void {
  let max = -Infinity;
  for (let k = 0; k < out.length; k++) max = Math.max(max, m[k]);
  let sum = 0;
  for (let k = 0; k < out.length; k++) sum += out[k] = Math.exp(m[k] - max);
  for (let k = 0; k < out.length; k++) out[k] /= sum;
}

/** The chord slope of σ from m_z to m_x (σ'(m_x) when they tie). */
export function sigmoidFactor(mx: number, mz: number): number {
  const d = mx - mz;
  if (Math.abs(d) > TIE) return (sigmoid(mx) - sigmoid(mz)) / d;
  const p = sigmoid(mx);
  return p * (1 - p);
}

export class SoftmaxScratch {
  /** Per coalition of scores (bitmask): softmax of the hybrid scores, coalition-major. */
  readonly p: Float64Array;
  readonly hybrid: Float64Array;
  /** w[s] = s!·(K−s−1)!/K!. */
  readonly w: Float64Array;

  constructor(readonly K: number) {
    this.p = new Float64Array((1 << K) * K);
    this.hybrid = new Float64Array(K);
    this.w = new Float64Array(K);
    for (let s = 0; s < K; s++) {
      // s!(K−s−1)!/K! = 1 / (K · C(K−1, s))
      let choose = 1;
      for (let i = 1; i <= s; i++) choose = (choose * (K - s - 1 + i)) / i;
      this.w[s] = 1 / (K * choose);
    }
  }
}

/**
 * C (K × K, row k: output, column j: score) with Σ_j C_kj·Δm_j = softmax_k(m_x) − softmax_k(m_z)
 * exactly: C_kj = ψ_kj / Δm_j, ψ the Shapley values of the scores (see the header).
 */
export function softmaxFactors(mx: ArrayLike<number>, mz: ArrayLike<number>, C: Float64Array, s: SoftmaxScratch): void {
  const { K, p, hybrid, w } = s;
  const full = 1 << K;
  for (let S = 0; S < full; S++) {
    for (let j = 0; j < K; j++) hybrid[j] = S & (1 << j) ? mx[j] : mz[j];
    softmax(hybrid, p.subarray(S * K, (S + 1) * K));
  }
  C.fill(0);
  for (let j = 0; j < K; j++) {
    const bit = 1 << j;
    const d = mx[j] - mz[j];
    const tied = Math.abs(d) <= TIE;
    for (let S = 0; S < full; S++) {
      if (S & bit) continue;
      let size = 0;
      for (let b = S; b !== 0; b &= b - 1) size++;
      const ws = w[size];
      const at = S * K;
      const withJ = (S | bit) * K;
      if (tied) {
        // ∂p_k/∂m_j = p_k (δ_kj − p_j) at the hybrid (x and z agree on score j)
        const pj = p[at + j];
        for (let k = 0; k < K; k++) C[k * K + j] += ws * p[at + k] * ((k === j ? 1 : 0) - pj);
      } else for (let k = 0; k < K; k++) C[k * K + j] += (ws * (p[withJ + k] - p[at + k])) / d;
    }
  }
}

/** Whether a tree set's outputs can be explained in probability space, and how. */
export function probabilityTransform(set: TreeSet): 'sigmoid' | 'softmax' | 'already' | 'none' {
  if (set.outputKind === 'probability') return 'already';
  if (set.outputKind === 'log-odds') return 'sigmoid';
  if (set.outputKind === 'softmax-score') return 'softmax';
  return 'none';
}

/**
 * Interventional TreeSHAP of every row in probability space against the background rows (both
 * row-major): outputs, base and contributions are probabilities (binary: of the positive class;
 * multi-class: of each class), base + Σ φ = the predicted probability.
 */
export function explainTreesProbability(
  set: TreeSet,
  rows: Float64Array,
  features: number,
  background: Float64Array,
  options: ExplainOptions = {},
): ShapValues {
  const transform = probabilityTransform(set);
  if ((transform !== 'sigmoid' && transform !== 'softmax') || !set.target)
    throw new Error(`Probability output is for boosting classifiers, not ${set.outputKind} trees.`);
  const K = set.outputs;
  if (transform === 'softmax' && K > MAX_SOFTMAX_CLASSES)
    throw new JobError(
      'bad-input',
      `--output probability splits each probability over the ${K} class scores exactly, which takes 2^${K} evaluations per row and background row; it is offered up to ${MAX_SOFTMAX_CLASSES} classes. Use --output raw (softmax scores) or --method sampling (probabilities, estimated).`,
    );
  const n = rows.length / features;
  const b = background.length / features;
  if (b === 0) throw new Error('The interventional explainer needs at least one background row.');
  const values = new Float64Array(n * features * K);
  const output = new Float64Array(n * K);
  const base = new Float64Array(K);
  const toProbability = (m: Float64Array, out: Float64Array) => {
    if (transform === 'sigmoid') out[0] = sigmoid(m[0]);
    else softmax(m, out);
  };
  // The references' margins and probabilities, once.
  const mzAll = new Float64Array(b * K);
  const pz = new Float64Array(K);
  for (let j = 0; j < b; j++) {
    marginOf(set, background.subarray(j * features, (j + 1) * features), mzAll, j * K);
    toProbability(mzAll.subarray(j * K, (j + 1) * K), pz);
    for (let k = 0; k < K; k++) base[k] += pz[k] / b;
  }
  const scratch = new InterventionalScratch(
    features,
    set.trees.reduce((d, t) => Math.max(d, treeDepth(t)), 0),
  );
  // Margin contributions for one (x, z) pair, score-major: score j, feature f at j·features + f.
  const margin = new Float64Array(K * features);
  const perScore = Array.from({ length: K }, (_, j) => margin.subarray(j * features, (j + 1) * features));
  const mx = new Float64Array(K);
  const C = new Float64Array(K * K);
  const soft = transform === 'softmax' ? new SoftmaxScratch(K) : undefined;
  for (let i = 0; i < n; i++) {
    options.signal?.throwIfAborted();
    const x = rows.subarray(i * features, (i + 1) * features);
    marginOf(set, x, mx);
    toProbability(mx, output.subarray(i * K, (i + 1) * K));
    const at = i * features * K;
    for (let r = 0; r < b; r++) {
      const z = background.subarray(r * features, (r + 1) * features);
      const mz = mzAll.subarray(r * K, (r + 1) * K);
      margin.fill(0);
      set.trees.forEach((tree, t) => addInterventionalShap(tree, x, z, perScore[set.target![t]], set.scale, scratch));
      if (soft) softmaxFactors(mx, mz, C, soft);
      else C[0] = sigmoidFactor(mx[0], mz[0]);
      for (let f = 0; f < features; f++)
        for (let k = 0; k < K; k++) {
          let sum = 0;
          for (let j = 0; j < K; j++) sum += C[k * K + j] * margin[j * features + f];
          values[at + f * K + k] += sum / b;
        }
    }
    options.onRow?.(i + 1);
  }
  // Probabilities are at most 1: the relative check is the absolute one.
  return withAdditivity({ rows: n, features, outputs: K, values, base, output, additivityError: 0 });
}

/** The probability outputs' names: the positive class (binary) or every class. */
export function probabilityNames(set: TreeSet): string[] {
  const classes = set.classes ?? set.outputNames;
  return set.outputs === 1 ? [classes[classes.length - 1]] : [...classes];
}
