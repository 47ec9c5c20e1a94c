// Baselines, trained first in every run (scikit-learn's DummyClassifier / DummyRegressor):
// the classifier ignores the features and predicts the class priors ("prior"), the majority class
// one-hot ("most_frequent") or equal probabilities ("uniform"); the regressor predicts the mean,
// median, a quantile or a constant. predict() is the argmax of predictProba with ties to the lowest
// class index, so "uniform" predicts the first class (scikit-learn draws a random class instead).
import type { Matrix, Target } from '../matrix';
import type { FitContext, FittedModel, ModelDefinition, SerializedModel } from './estimator';
import { ModelFormatError, ModelParamError, throwIfAborted } from './estimator';
import { checkParams } from './linear/paramChecks';
import { assertFeatureCount, assertRows, classCounts, numbers, openSaved, savedNumber } from './linear/modelData';

const VERSION = 1;

export interface DummyClassifierParams extends Record<string, unknown> {
  strategy: 'prior' | 'most_frequent' | 'uniform';
}

export interface DummyRegressorParams extends Record<string, unknown> {
  strategy: 'mean' | 'median' | 'quantile' | 'constant';
  /** Quantile in [0, 1] for strategy "quantile". */
  quantile: number | null;
  /** Value for strategy "constant". */
  constant: number | null;
}

class ConstantClassifier implements FittedModel {
  readonly kind = 'dummy_classifier';
  readonly task = 'classification' as const;
  readonly info: Record<string, number | string | boolean>;
  constructor(
    readonly nFeatures: number,
    private readonly classes: string[],
    private readonly proba: Float64Array,
    strategy: string,
  ) {
    this.info = { strategy };
  }

  predictProba(X: Matrix): Float64Array {
    assertFeatureCount(X, this.nFeatures, 'Dummy classifier');
    const k = this.proba.length;
    const out = new Float64Array(X.rows * k);
    for (let r = 0; r < X.rows; r++) out.set(this.proba, r * k);
    return out;
  }

  predict(X: Matrix): Float64Array {
    assertFeatureCount(X, this.nFeatures, 'Dummy classifier');
    let best = 0;
    for (let c = 1; c < this.proba.length; c++) if (this.proba[c] > this.proba[best]) best = c;
    return new Float64Array(X.rows).fill(best);
  }

  toJSON(): SerializedModel {
    return {
      kind: this.kind,
      version: VERSION,
      task: this.task,
      nFeatures: this.nFeatures,
      classes: [...this.classes],
      state: { strategy: this.info.strategy, proba: Array.from(this.proba) },
    };
  }
}

class ConstantRegressor implements FittedModel {
  readonly kind = 'dummy_regressor';
  readonly task = 'regression' as const;
  readonly info: Record<string, number | string | boolean>;
  constructor(
    readonly nFeatures: number,
    readonly value: number,
    strategy: string,
  ) {
    this.info = { strategy, value };
  }

  predict(X: Matrix): Float64Array {
    assertFeatureCount(X, this.nFeatures, 'Dummy regressor');
    return new Float64Array(X.rows).fill(this.value);
  }

  toJSON(): SerializedModel {
    return {
      kind: this.kind,
      version: VERSION,
      task: this.task,
      nFeatures: this.nFeatures,
      state: { strategy: this.info.strategy, value: this.value },
    };
  }
}

/** numpy.percentile's default ("linear") interpolation on a copy of `values`. */
export function percentile(values: Float64Array, q: number): number {
  const sorted = Float64Array.from(values).sort();
  const position = q * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

export const dummyClassifier: ModelDefinition<DummyClassifierParams> = {
  kind: 'dummy_classifier',
  title: 'Baseline classifier: predicts the class priors, ignoring the features (scikit-learn DummyClassifier)',
  tasks: ['classification'],
  handlesMissing: true,
  baseline: true,
  defaults: () => ({ strategy: 'prior' }),
  params(raw) {
    return checkParams('dummy_classifier', raw, dummyClassifier.defaults('classification'), {
      strategy: { type: 'enum', values: ['prior', 'most_frequent', 'uniform'] },
    });
  },
  async fit(X: Matrix, y: Target, params: DummyClassifierParams, ctx: FitContext) {
    throwIfAborted(ctx.signal);
    if (y.task !== 'classification') throw new Error('dummy_classifier: needs a classification target.');
    assertRows(X, y.y.length, 'Dummy classifier');
    const k = y.classes.length;
    const counts = classCounts(y.y, k);
    const proba = new Float64Array(k);
    if (params.strategy === 'uniform') proba.fill(1 / k);
    else if (params.strategy === 'most_frequent') {
      let best = 0;
      for (let c = 1; c < k; c++) if (counts[c] > counts[best]) best = c;
      proba[best] = 1;
    } else for (let c = 0; c < k; c++) proba[c] = counts[c] / y.y.length;
    return new ConstantClassifier(X.cols, [...y.classes], proba, params.strategy);
  },
  load(saved: SerializedModel) {
    const state = openSaved(saved, 'dummy_classifier', VERSION);
    if (saved.task !== 'classification')
      throw new ModelFormatError('dummy_classifier: the saved model is not a classifier.');
    const classes = saved.classes as string[];
    const strategy = String(state.strategy);
    return new ConstantClassifier(
      saved.nFeatures,
      [...classes],
      numbers(state, 'proba', 'dummy_classifier', classes.length),
      strategy,
    );
  },
};

export const dummyRegressor: ModelDefinition<DummyRegressorParams> = {
  kind: 'dummy_regressor',
  title:
    'Baseline regressor: predicts the training mean (or median, quantile, constant), ignoring the features (scikit-learn DummyRegressor)',
  tasks: ['regression'],
  handlesMissing: true,
  baseline: true,
  defaults: () => ({ strategy: 'mean', quantile: null, constant: null }),
  params(raw) {
    const p = checkParams('dummy_regressor', raw, dummyRegressor.defaults('regression'), {
      strategy: { type: 'enum', values: ['mean', 'median', 'quantile', 'constant'] },
      quantile: { type: 'number', min: 0, max: 1, nullable: true },
      constant: { type: 'number', nullable: true },
    });
    if (p.strategy === 'quantile' && p.quantile === null)
      throw new ModelParamError(
        'dummy_regressor',
        'quantile',
        'required (a number in [0, 1]) when strategy is "quantile".',
      );
    if (p.strategy === 'constant' && p.constant === null)
      throw new ModelParamError('dummy_regressor', 'constant', 'required (a number) when strategy is "constant".');
    return p;
  },
  async fit(X: Matrix, y: Target, params: DummyRegressorParams, ctx: FitContext) {
    throwIfAborted(ctx.signal);
    if (y.task !== 'regression') throw new Error('dummy_regressor: needs a regression target.');
    assertRows(X, y.y.length, 'Dummy regressor');
    let value: number;
    if (params.strategy === 'mean') {
      let sum = 0;
      for (let i = 0; i < y.y.length; i++) sum += y.y[i];
      value = sum / y.y.length;
    } else if (params.strategy === 'median') value = percentile(y.y, 0.5);
    else if (params.strategy === 'quantile') value = percentile(y.y, params.quantile ?? 0.5);
    else value = params.constant ?? 0;
    if (!Number.isFinite(value)) throw new Error('dummy_regressor: the target has missing or infinite values.');
    return new ConstantRegressor(X.cols, value, params.strategy);
  },
  load(saved: SerializedModel) {
    const state = openSaved(saved, 'dummy_regressor', VERSION);
    if (saved.task !== 'regression') throw new ModelFormatError('dummy_regressor: the saved model is not a regressor.');
    return new ConstantRegressor(
      saved.nFeatures,
      savedNumber(state, 'value', 'dummy_regressor'),
      String(state.strategy),
    );
  },
};
