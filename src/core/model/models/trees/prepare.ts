// From the model inputs (matrix, target, fit context) to what a tree grows on: binned features
// (reusing the study's binning when the context carries one) and the target in typed arrays.
import { applyBins, fitBins, type BinnedMatrix } from '../../binning';
import type { Matrix, Target } from '../../matrix';
import type { FitContext } from '../estimator';
import type { TreeData } from './grow';
import { rowMajor } from './histogram';

export function checkInputs(kind: string, X: Matrix, y: Target): void {
  if (X.rows === 0) throw new Error(`${kind}: no training rows.`);
  if (X.cols === 0) throw new Error(`${kind}: no features to split on.`);
  if (y.y.length !== X.rows) throw new Error(`${kind}: the target has ${y.y.length} values for ${X.rows} rows.`);
  if (y.task === 'classification') {
    if (y.classes.length === 0) throw new Error(`${kind}: the target has no classes.`);
    for (let i = 0; i < y.y.length; i++) {
      if (y.y[i] < 0 || y.y[i] >= y.classes.length)
        throw new Error(
          `${kind}: target row ${i + 1} has class index ${y.y[i]}, outside the ${y.classes.length} classes.`,
        );
    }
  } else {
    for (let i = 0; i < y.y.length; i++) {
      if (!Number.isFinite(y.y[i]))
        throw new Error(`${kind}: target row ${i + 1} is ${y.y[i]}; the regression target must be a finite number.`);
    }
  }
}

export function binnedFor(kind: string, X: Matrix, ctx: FitContext): BinnedMatrix {
  if (ctx.binned) {
    if (ctx.binned.rows !== X.rows || ctx.binned.cols !== X.cols) {
      throw new Error(
        `${kind}: the pre-binned data is ${ctx.binned.rows} × ${ctx.binned.cols} but X is ${X.rows} × ${X.cols}.`,
      );
    }
    return ctx.binned;
  }
  return applyBins(fitBins(X, { seed: ctx.seed }), X);
}

export function treeDataFrom(binned: BinnedMatrix, y: Target): TreeData {
  return {
    rows: binned.rows,
    cols: binned.cols,
    bins: binned.bins,
    rowBins: rowMajor(binned.bins, binned.rows, binned.cols),
    nClasses: y.task === 'classification' ? y.classes.length : 0,
    yClass: y.task === 'classification' ? y.y : undefined,
    yValue: y.task === 'regression' ? y.y : undefined,
  };
}
