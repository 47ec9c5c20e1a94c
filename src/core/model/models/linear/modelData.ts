// Checks and conversions shared by the linear, naive Bayes, kNN and dummy models: no missing
// values in the design matrix (these models need an imputer in the pipeline), the feature count
// at prediction time, saved-state validation, and the classes actually present in a target.
import { ModelFormatError, type SerializedModel, type Task } from '../estimator';
import type { Matrix } from '../../matrix';

/** Throws a clear Error naming the first feature with a NaN or infinite value. */
export function assertFinite(X: Matrix, title: string, phase: 'fit' | 'predict'): void {
  const { rows, data } = X;
  for (let j = 0; j < X.cols; j++) {
    const start = j * rows;
    for (let i = 0; i < rows; i++) {
      const v = data[start + i];
      if (v - v !== 0) {
        const name = X.names[j] ?? `#${j + 1}`;
        const what = Number.isNaN(v) ? 'missing values (NaN)' : 'infinite values';
        throw new Error(
          `${title}: feature "${name}" (column ${j + 1}) has ${what} at row ${i + 1} when calling ${phase}; ` +
            'this model does not accept missing or infinite values, so the pipeline must impute them (add an imputer to preprocessing).',
        );
      }
    }
  }
}

export function assertFeatureCount(X: Matrix, nFeatures: number, title: string): void {
  if (X.cols !== nFeatures) {
    throw new Error(`${title}: the model was fitted on ${nFeatures} features but got ${X.cols}.`);
  }
}

export function assertRows(X: Matrix, n: number, title: string): void {
  if (X.rows === 0) throw new Error(`${title}: cannot fit on zero rows.`);
  if (X.rows !== n) throw new Error(`${title}: X has ${X.rows} rows but the target has ${n}.`);
}

/** Validates the envelope of a saved model of `kind` and returns its state as a record. */
export function openSaved(saved: SerializedModel, kind: string, version: number): Record<string, unknown> {
  if (!saved || typeof saved !== 'object') throw new ModelFormatError(`${kind}: the saved model is not an object.`);
  if (saved.kind !== kind) throw new ModelFormatError(`${kind}: the saved model is of kind "${saved.kind}".`);
  if (typeof saved.version !== 'number' || !Number.isInteger(saved.version) || saved.version < 1) {
    throw new ModelFormatError(`${kind}: the saved model has no valid format version.`);
  }
  if (saved.version > version) {
    throw new ModelFormatError(
      `${kind}: the saved model has format version ${saved.version}, newer than this version of ML Lifecycle reads (${version}); update ML Lifecycle.`,
    );
  }
  if (saved.task !== 'classification' && saved.task !== 'regression')
    throw new ModelFormatError(`${kind}: the saved model has an unknown task "${String(saved.task)}".`);
  if (!Number.isInteger(saved.nFeatures) || saved.nFeatures < 0)
    throw new ModelFormatError(`${kind}: the saved model has an invalid feature count.`);
  if (
    saved.task === 'classification' &&
    (!Array.isArray(saved.classes) || saved.classes.some((c) => typeof c !== 'string'))
  ) {
    throw new ModelFormatError(`${kind}: the saved classifier has no class list.`);
  }
  if (!saved.state || typeof saved.state !== 'object')
    throw new ModelFormatError(`${kind}: the saved model has no state.`);
  return saved.state as Record<string, unknown>;
}

/** A saved array of finite numbers (of an expected length, when given) as a Float64Array. */
export function numbers(state: Record<string, unknown>, key: string, kind: string, length?: number): Float64Array {
  const value = state[key];
  if (
    !Array.isArray(value) ||
    value.some((v) => typeof v !== 'number' || !Number.isFinite(v)) ||
    (length !== undefined && value.length !== length)
  ) {
    throw new ModelFormatError(
      `${kind}: the saved state's "${key}" is not ${length !== undefined ? `a list of ${length}` : 'a list of'} finite numbers.`,
    );
  }
  return Float64Array.from(value as number[]);
}

export function savedNumber(state: Record<string, unknown>, key: string, kind: string): number {
  const value = state[key];
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new ModelFormatError(`${kind}: the saved state's "${key}" is not a finite number.`);
  return value;
}

export function savedTask(saved: SerializedModel, tasks: readonly Task[], kind: string): Task {
  if (!tasks.includes(saved.task))
    throw new ModelFormatError(`${kind}: a saved model for task "${saved.task}" is not supported.`);
  return saved.task;
}

/** Rows per class index (length = number of classes, absent classes count 0). */
export function classCounts(y: Int32Array, nClasses: number): Float64Array {
  const counts = new Float64Array(nClasses);
  for (let i = 0; i < y.length; i++) {
    const c = y[i];
    if (c < 0 || c >= nClasses || !Number.isInteger(c))
      throw new Error(`Target: class index ${c} at row ${i + 1} is outside the ${nClasses} classes.`);
    counts[c]++;
  }
  return counts;
}

/** Index of the largest value of row r in a row-major rows × k array (ties: the lowest index). */
export function argmaxRows(proba: Float64Array, rows: number, k: number): Float64Array {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    let bestValue = proba[r * k];
    for (let c = 1; c < k; c++) {
      const v = proba[r * k + c];
      if (v > bestValue) {
        bestValue = v;
        best = c;
      }
    }
    out[r] = best;
  }
  return out;
}
