// Per-feature filter statistics, each defined as scikit-learn 1.2 defines it so that users can
// check us against it: VarianceThreshold's variance, f_classif (one-way ANOVA F), f_regression
// (F of the univariate linear regression, force_finite=True), chi2, and the correlation with the
// target (|Pearson r| for regression; the correlation ratio η for classification, which equals
// |point-biserial r| for two classes). Two-pass centred sums for accuracy; one column at a time.
import { column, type Matrix, type Target } from '../matrix';
import { chiSquareSurvival, fSurvival } from './specialFunctions';

export interface UnivariateScores {
  score: Float64Array;
  /** p-values where the statistic has one (F, χ²). */
  pValue?: Float64Array;
}

function mean(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Population variance (ddof 0) per feature, as VarianceThreshold computes it. */
export function featureVariances(X: Matrix): UnivariateScores {
  const score = new Float64Array(X.cols);
  for (let j = 0; j < X.cols; j++) {
    const x = column(X, j);
    const m = mean(x);
    let ss = 0;
    for (let i = 0; i < x.length; i++) ss += (x[i] - m) * (x[i] - m);
    score[j] = ss / x.length;
  }
  return { score };
}

/** Class sizes and the classes actually present in y (LabelBinarizer's classes). */
function classCounts(y: Int32Array, nClasses: number): Float64Array {
  const counts = new Float64Array(nClasses);
  for (let i = 0; i < y.length; i++) counts[y[i]]++;
  return counts;
}

/** Between-class and within-class sums of squares of one feature. */
function anovaSums(
  x: Float64Array,
  y: Int32Array,
  counts: Float64Array,
  sums: Float64Array,
): { between: number; within: number } {
  sums.fill(0);
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    sums[y[i]] += x[i];
    total += x[i];
  }
  const grand = total / x.length;
  let between = 0;
  for (let c = 0; c < counts.length; c++) {
    if (counts[c] === 0) continue;
    sums[c] /= counts[c];
    between += counts[c] * (sums[c] - grand) * (sums[c] - grand);
  }
  let within = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - sums[y[i]];
    within += d * d;
  }
  return { between, within };
}

/** sklearn.featureSelection.f_classif: one-way ANOVA F per feature and its p-value. */
export function fClassif(X: Matrix, y: Int32Array, nClasses: number): UnivariateScores {
  const counts = classCounts(y, nClasses);
  const present = counts.reduce((a, c) => a + (c > 0 ? 1 : 0), 0);
  const dfBetween = present - 1;
  const dfWithin = X.rows - present;
  const sums = new Float64Array(nClasses);
  const score = new Float64Array(X.cols);
  const pValue = new Float64Array(X.cols);
  for (let j = 0; j < X.cols; j++) {
    const { between, within } = anovaSums(column(X, j), y, counts, sums);
    const f = between / dfBetween / (within / dfWithin);
    score[j] = f;
    pValue[j] = fSurvival(f, dfBetween, dfWithin);
  }
  return { score, pValue };
}

/** Pearson r of each feature with y (scikit-learn's r_regression); NaN for a constant side. */
export function pearsonR(X: Matrix, y: Float64Array): Float64Array {
  const my = mean(y);
  let syy = 0;
  for (let i = 0; i < y.length; i++) syy += (y[i] - my) * (y[i] - my);
  const r = new Float64Array(X.cols);
  for (let j = 0; j < X.cols; j++) {
    const x = column(X, j);
    const mx = mean(x);
    let sxx = 0;
    let sxy = 0;
    for (let i = 0; i < x.length; i++) {
      const dx = x[i] - mx;
      sxx += dx * dx;
      sxy += dx * (y[i] - my);
    }
    r[j] = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx) / Math.sqrt(syy) : NaN;
  }
  return r;
}

/** sklearn.featureSelection.f_regression (center=True, force_finite=True). */
export function fRegression(X: Matrix, y: Float64Array): UnivariateScores {
  const r = pearsonR(X, y);
  const df = y.length - 2;
  const score = new Float64Array(X.cols);
  const pValue = new Float64Array(X.cols);
  for (let j = 0; j < X.cols; j++) {
    if (Number.isNaN(r[j])) {
      score[j] = 0;
      pValue[j] = 1;
      continue;
    }
    const r2 = r[j] * r[j];
    const f = (r2 / (1 - r2)) * df;
    score[j] = Number.isFinite(f) ? f : Number.MAX_VALUE;
    pValue[j] = fSurvival(f, 1, df);
  }
  return { score, pValue };
}

/** sklearn.featureSelection.chi2: χ² of each non-negative feature's class totals against the class-prior expectation. */
export function chi2(X: Matrix, y: Int32Array, nClasses: number): UnivariateScores {
  for (let j = 0; j < X.cols; j++) {
    const x = column(X, j);
    for (let i = 0; i < x.length; i++) {
      if (x[i] < 0) {
        throw new Error(
          `Feature selection chi2 needs non-negative features, but "${X.names[j]}" has ${x[i]} (row ${i + 1}). ` +
            'Use preprocess scale: minmax (or none) with chi2, or choose anova_f / mutual_info.',
        );
      }
    }
  }
  const counts = classCounts(y, nClasses);
  const present = counts.reduce((a, c) => a + (c > 0 ? 1 : 0), 0);
  const observed = new Float64Array(nClasses);
  const score = new Float64Array(X.cols);
  const pValue = new Float64Array(X.cols);
  for (let j = 0; j < X.cols; j++) {
    const x = column(X, j);
    observed.fill(0);
    let total = 0;
    for (let i = 0; i < x.length; i++) {
      observed[y[i]] += x[i];
      total += x[i];
    }
    let stat = 0;
    for (let c = 0; c < nClasses; c++) {
      if (counts[c] === 0) continue;
      const expected = (counts[c] / x.length) * total;
      stat += ((observed[c] - expected) * (observed[c] - expected)) / expected;
    }
    score[j] = stat;
    pValue[j] = chiSquareSurvival(stat, present - 1);
  }
  return { score, pValue };
}

/** |Pearson r| with a numeric target; the correlation ratio η = √(SS_between/SS_total) with classes. */
export function targetCorrelation(X: Matrix, y: Target): UnivariateScores {
  if (y.task === 'regression') return { score: pearsonR(X, y.y).map(Math.abs) };
  const counts = classCounts(y.y, y.classes.length);
  const sums = new Float64Array(y.classes.length);
  const score = new Float64Array(X.cols);
  for (let j = 0; j < X.cols; j++) {
    const { between, within } = anovaSums(column(X, j), y.y, counts, sums);
    const total = between + within;
    score[j] = total > 0 ? Math.min(1, Math.sqrt(between / total)) : NaN;
  }
  return { score };
}
