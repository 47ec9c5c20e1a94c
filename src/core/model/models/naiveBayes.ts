// Gaussian naive Bayes (scikit-learn's GaussianNB): per class, each feature is an independent
// normal with the class's mean and (population) variance, plus var_smoothing × the largest
// feature variance for stability. Probabilities are the normalised exp of the joint log likelihood
//   log prior_c − ½ Σ_j log(2π σ²_cj) − ½ Σ_j (x_j − θ_cj)² / σ²_cj.
// Classes absent from the training rows get probability 0. Needs imputed features.
import type { Matrix, Target } from '../matrix';
import type { FitContext, FittedModel, ModelDefinition, SerializedModel } from './estimator';
import { ModelFormatError, ModelParamError, throwIfAborted } from './estimator';
import { checkParams } from './linear/paramChecks';
import {
  argmaxRows,
  assertFeatureCount,
  assertFinite,
  assertRows,
  classCounts,
  numbers,
  openSaved,
} from './linear/modelData';

const KIND = 'gaussian_nb';
const TITLE = 'Gaussian naive Bayes';
const VERSION = 1;

export interface GaussianNbParams extends Record<string, unknown> {
  var_smoothing: number;
  /** Class prior probabilities in class order; null = the training frequencies. */
  priors: number[] | null;
}

class FittedGaussianNb implements FittedModel {
  readonly kind = KIND;
  readonly task = 'classification' as const;
  readonly info: Record<string, number | string | boolean>;
  /** Per class: log prior − ½ Σ log(2πσ²), or −∞ for classes without training rows / zero prior. */
  private readonly constants: Float64Array;

  /** theta, variance: row-major classes × nFeatures; prior per class; counts per class. */
  constructor(
    readonly classes: string[],
    readonly nFeatures: number,
    readonly theta: Float64Array,
    readonly variance: Float64Array,
    readonly prior: Float64Array,
    readonly counts: Float64Array,
    readonly epsilon: number,
  ) {
    const k = classes.length;
    this.constants = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0 || prior[c] === 0) {
        this.constants[c] = -Infinity;
        continue;
      }
      let s = 0;
      for (let j = 0; j < nFeatures; j++) s += Math.log(2 * Math.PI * variance[c * nFeatures + j]);
      this.constants[c] = Math.log(prior[c]) - 0.5 * s;
    }
    this.info = { epsilon };
  }

  /** Joint log likelihood, row-major rows × classes. */
  private jointLogLikelihood(X: Matrix): Float64Array {
    const rows = X.rows;
    const k = this.classes.length;
    const p = this.nFeatures;
    const out = new Float64Array(rows * k);
    const acc = new Float64Array(rows);
    for (let c = 0; c < k; c++) {
      if (this.constants[c] === -Infinity) {
        for (let i = 0; i < rows; i++) out[i * k + c] = -Infinity;
        continue;
      }
      acc.fill(0);
      for (let j = 0; j < p; j++) {
        const mean = this.theta[c * p + j];
        const inverse = 1 / this.variance[c * p + j];
        const start = j * rows;
        for (let i = 0; i < rows; i++) {
          const d = X.data[start + i] - mean;
          acc[i] += d * d * inverse;
        }
      }
      for (let i = 0; i < rows; i++) out[i * k + c] = this.constants[c] - 0.5 * acc[i];
    }
    return out;
  }

  predictProba(X: Matrix): Float64Array {
    assertFeatureCount(X, this.nFeatures, TITLE);
    assertFinite(X, TITLE, 'predict');
    const k = this.classes.length;
    const out = this.jointLogLikelihood(X);
    for (let i = 0; i < X.rows; i++) {
      let max = -Infinity;
      for (let c = 0; c < k; c++) max = Math.max(max, out[i * k + c]);
      if (!Number.isFinite(max)) {
        // Every class infinitely unlikely (a value extremely far out): fall back to the priors.
        for (let c = 0; c < k; c++)
          out[i * k + c] = this.constants[c] === -Infinity ? -Infinity : Math.log(this.prior[c]);
        max = -Infinity;
        for (let c = 0; c < k; c++) max = Math.max(max, out[i * k + c]);
      }
      let sum = 0;
      for (let c = 0; c < k; c++) {
        const e = Math.exp(out[i * k + c] - max);
        out[i * k + c] = e;
        sum += e;
      }
      for (let c = 0; c < k; c++) out[i * k + c] /= sum;
    }
    return out;
  }

  predict(X: Matrix): Float64Array {
    return argmaxRows(this.predictProba(X), X.rows, this.classes.length);
  }

  toJSON(): SerializedModel {
    return {
      kind: KIND,
      version: VERSION,
      task: this.task,
      nFeatures: this.nFeatures,
      classes: [...this.classes],
      state: {
        theta: Array.from(this.theta),
        variance: Array.from(this.variance),
        prior: Array.from(this.prior),
        counts: Array.from(this.counts),
        epsilon: this.epsilon,
      },
    };
  }
}

export const gaussianNb: ModelDefinition<GaussianNbParams> = {
  kind: KIND,
  title: 'Gaussian naive Bayes',
  tasks: ['classification'],
  handlesMissing: false,
  defaults: () => ({ var_smoothing: 1e-9, priors: null }),
  params(raw) {
    const p = checkParams(KIND, raw, gaussianNb.defaults('classification'), {
      var_smoothing: { type: 'number', min: 0 },
      priors: { type: 'numbers', nullable: true, min: 0 },
    });
    if (p.priors && Math.abs(p.priors.reduce((a, b) => a + b, 0) - 1) > 1e-10) {
      throw new ModelParamError(
        KIND,
        'priors',
        `the priors must sum to 1 (they sum to ${p.priors.reduce((a, b) => a + b, 0)}).`,
      );
    }
    return p;
  },
  async fit(X: Matrix, y: Target, params: GaussianNbParams, ctx: FitContext) {
    throwIfAborted(ctx.signal);
    if (y.task !== 'classification') throw new Error(`${KIND}: needs a classification target.`);
    assertRows(X, y.y.length, TITLE);
    assertFinite(X, TITLE, 'fit');
    const k = y.classes.length;
    const rows = X.rows;
    const p = X.cols;
    if (params.priors && params.priors.length !== k) {
      throw new ModelParamError(
        KIND,
        'priors',
        `expected one prior per class (${k}: ${y.classes.join(', ')}), got ${params.priors.length}.`,
      );
    }
    const counts = classCounts(y.y, k);
    const theta = new Float64Array(k * p);
    const variance = new Float64Array(k * p);
    let largestVariance = 0;
    for (let j = 0; j < p; j++) {
      const start = j * rows;
      let total = 0;
      for (let i = 0; i < rows; i++) {
        total += X.data[start + i];
        theta[y.y[i] * p + j] += X.data[start + i];
      }
      const mean = total / rows;
      let spread = 0;
      for (let i = 0; i < rows; i++) spread += (X.data[start + i] - mean) ** 2;
      largestVariance = Math.max(largestVariance, spread / rows);
      for (let c = 0; c < k; c++) if (counts[c] > 0) theta[c * p + j] /= counts[c];
      for (let i = 0; i < rows; i++) variance[y.y[i] * p + j] += (X.data[start + i] - theta[y.y[i] * p + j]) ** 2;
      for (let c = 0; c < k; c++) variance[c * p + j] = counts[c] > 0 ? variance[c * p + j] / counts[c] : 1;
    }
    const epsilon = params.var_smoothing * largestVariance;
    for (let c = 0; c < k; c++) if (counts[c] > 0) for (let j = 0; j < p; j++) variance[c * p + j] += epsilon;
    // Zero variance (a feature constant within a class with no smoothing, or constant everywhere):
    // a tiny positive variance keeps the likelihood finite.
    const floor = Number.EPSILON * Math.max(1, largestVariance);
    for (let q = 0; q < variance.length; q++) if (!(variance[q] > 0)) variance[q] = floor;
    const prior = params.priors ? Float64Array.from(params.priors) : counts.map((n) => n / rows);
    if (!prior.some((v, c) => v > 0 && counts[c] > 0)) {
      throw new ModelParamError(KIND, 'priors', 'every class present in the training rows has prior 0.');
    }
    return new FittedGaussianNb([...y.classes], p, theta, variance, prior, counts, epsilon);
  },
  load(saved: SerializedModel) {
    const state = openSaved(saved, KIND, VERSION);
    if (saved.task !== 'classification') throw new ModelFormatError(`${KIND}: the saved model is not a classifier.`);
    const classes = saved.classes as string[];
    const k = classes.length;
    const p = saved.nFeatures;
    const variance = numbers(state, 'variance', KIND, k * p);
    if (variance.some((v) => !(v > 0))) throw new ModelFormatError(`${KIND}: the saved variances must be positive.`);
    const epsilon = typeof state.epsilon === 'number' ? state.epsilon : 0;
    return new FittedGaussianNb(
      [...classes],
      p,
      numbers(state, 'theta', KIND, k * p),
      variance,
      numbers(state, 'prior', KIND, k),
      numbers(state, 'counts', KIND, k),
      epsilon,
    );
  },
};
