// A fitted gradient-boosting model: predictions from the tree ensemble (sigmoid for binary,
// softmax for multiclass, the raw score for regression), gain importances, and its saved form.
import type { Matrix } from '../../matrix';
import { ModelFormatError, type FittedModel, type SerializedModel, type Task } from '../estimator';
import { ensembleFromJSON, ensembleToJSON, predictRaw, type Ensemble, type SerializedEnsemble } from './ensemble';
import { sigmoid } from './loss';
import { KIND } from './params';

export const FORMAT_VERSION = 1;

interface SavedState {
  ensemble: SerializedEnsemble;
  importances: number[];
  info: Record<string, number | string | boolean>;
}

export class BoostingModel implements FittedModel {
  readonly kind = KIND;

  constructor(
    readonly task: Task,
    readonly nFeatures: number,
    readonly classes: string[] | undefined,
    readonly ensemble: Ensemble,
    private readonly importances: Float64Array,
    readonly info: Record<string, number | string | boolean>,
  ) {}

  private checkWidth(X: Matrix): void {
    if (X.cols !== this.nFeatures)
      throw new Error(`${KIND}: the model was fitted on ${this.nFeatures} features, but the data has ${X.cols}.`);
  }

  predictProba(X: Matrix): Float64Array {
    if (this.task !== 'classification' || !this.classes)
      throw new Error(`${KIND}: predictProba is for classification models only.`);
    this.checkWidth(X);
    const raw = predictRaw(this.ensemble, X);
    const n = X.rows;
    const K = this.classes.length;
    const proba = new Float64Array(n * K);
    if (this.ensemble.nTrees === 1) {
      for (let i = 0; i < n; i++) {
        const p = sigmoid(raw[i]);
        proba[i * 2] = 1 - p;
        proba[i * 2 + 1] = p;
      }
      return proba;
    }
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, raw[k * n + i]);
      let sum = 0;
      for (let k = 0; k < K; k++) {
        const e = Math.exp(raw[k * n + i] - max);
        proba[i * K + k] = e;
        sum += e;
      }
      for (let k = 0; k < K; k++) proba[i * K + k] /= sum;
    }
    return proba;
  }

  predict(X: Matrix): Float64Array {
    this.checkWidth(X);
    if (this.task === 'regression') return predictRaw(this.ensemble, X);
    const proba = this.predictProba(X);
    const K = this.classes!.length;
    const out = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      let best = 0;
      for (let k = 1; k < K; k++) if (proba[i * K + k] > proba[i * K + best]) best = k;
      out[i] = best;
    }
    return out;
  }

  /** Total split gain per feature, normalised to sum to 1 (scikit-learn's HistGradientBoosting has no built-in importances). */
  featureImportances(): Float64Array {
    return this.importances.slice();
  }

  toJSON(): SerializedModel {
    const state: SavedState = {
      ensemble: ensembleToJSON(this.ensemble),
      importances: Array.from(this.importances),
      info: this.info,
    };
    return {
      kind: KIND,
      version: FORMAT_VERSION,
      task: this.task,
      nFeatures: this.nFeatures,
      ...(this.classes ? { classes: this.classes } : {}),
      state,
    };
  }

  static load(saved: SerializedModel): BoostingModel {
    if (saved.kind !== KIND) throw new ModelFormatError(`${KIND}: cannot load a model of kind "${saved.kind}".`);
    if (!Number.isInteger(saved.version) || saved.version > FORMAT_VERSION || saved.version < 1) {
      throw new ModelFormatError(
        `${KIND}: model format version ${saved.version} is not supported (this version of ML Lifecycle reads version ${FORMAT_VERSION}); it was written by a newer version.`,
      );
    }
    const state = saved.state as SavedState | undefined;
    if (!state || typeof state !== 'object' || !Array.isArray(state.importances))
      throw new ModelFormatError(`${KIND}: the saved model has no state.`);
    if (saved.task !== 'classification' && saved.task !== 'regression')
      throw new ModelFormatError(`${KIND}: unknown task "${String(saved.task)}".`);
    const ensemble = ensembleFromJSON(state.ensemble, saved.nFeatures);
    if (saved.task === 'classification') {
      const K = saved.classes?.length ?? 0;
      if (K < 2 || ensemble.nTrees !== (K === 2 ? 1 : K))
        throw new ModelFormatError(`${KIND}: the saved classes do not match the trees.`);
    }
    if (state.importances.length !== saved.nFeatures)
      throw new ModelFormatError(`${KIND}: the saved importances do not match the ${saved.nFeatures} features.`);
    return new BoostingModel(
      saved.task,
      saved.nFeatures,
      saved.classes,
      ensemble,
      Float64Array.from(state.importances),
      state.info ?? {},
    );
  }
}
