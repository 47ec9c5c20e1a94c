// Centring for linear models with an intercept (scikit-learn's _preprocess_data without scaling):
// the solvers work on X - mean(X) and y - mean(y), and the intercept is recovered afterwards as
// mean(y) - mean(X)·w, so it is never penalised.
import type { Matrix } from '../../matrix';

export interface Centred {
  /** Column-major rows × cols, centred when fitting an intercept (else a plain copy). */
  X: Float64Array;
  means: Float64Array;
}

export function centreColumns(X: Matrix, fitIntercept: boolean): Centred {
  const { rows, cols } = X;
  const out = new Float64Array(X.data);
  const means = new Float64Array(cols);
  if (!fitIntercept) return { X: out, means };
  for (let j = 0; j < cols; j++) {
    const start = j * rows;
    let sum = 0;
    for (let i = 0; i < rows; i++) sum += out[start + i];
    const mean = sum / rows;
    means[j] = mean;
    for (let i = 0; i < rows; i++) out[start + i] -= mean;
  }
  return { X: out, means };
}

export function centreVector(y: Float64Array, fitIntercept: boolean): { y: Float64Array; mean: number } {
  const out = new Float64Array(y);
  if (!fitIntercept) return { y: out, mean: 0 };
  let sum = 0;
  for (let i = 0; i < out.length; i++) sum += out[i];
  const mean = sum / out.length;
  for (let i = 0; i < out.length; i++) out[i] -= mean;
  return { y: out, mean };
}
