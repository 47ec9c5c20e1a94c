// The filter statistics against scikit-learn 1.2.1 on real data: f_classif, f_regression and chi2
// (statistic and p-value to 1e-9), r_regression, VarianceThreshold's variances, SciPy's
// fdtrc / chdtrc / digamma. One Python run computes every reference (starting it costs seconds).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  chi2,
  fClassif,
  featureVariances,
  fRegression,
  pearsonR,
  targetCorrelation,
} from '../../../../src/core/model/selection/univariateScores';
import { fSurvival, chiSquareSurvival, digammaTable } from '../../../../src/core/model/selection/specialFunctions';
import { alphaMax, l1MinC } from '../../../../src/core/model/selection/l1Path';
import { sklearn } from '../sklearnReference';
import { classTarget, numericTable, regressionTarget } from './selectionData';

const PENGUIN_FEATURES = ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'];
const CAR_FEATURES = ['Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration', 'Year'];
const WEATHER_FEATURES = ['precipitation', 'temp_max', 'temp_min', 'wind'];

const penguins = numericTable('examples/penguins/data/train.csv', PENGUIN_FEATURES, 'Species');
const penguinIslands = numericTable('examples/penguins/data/train.csv', PENGUIN_FEATURES, 'Island');
const weather = numericTable('node_modules/vega-datasets/data/seattle-weather.csv', WEATHER_FEATURES, 'weather');
const carsOrigin = numericTable('examples/cars/data/train.csv', CAR_FEATURES, 'Origin');
const carsMpg = numericTable('examples/cars/data/train.csv', CAR_FEATURES, 'Miles_per_Gallon');
const P_CASES = [
  [3.2, 2, 30],
  [0.5, 1, 5],
  [150, 3, 300],
  [1e-3, 4, 10],
  [25, 1, 1000],
];

interface Reference {
  fClassif: Array<{ f: number[]; p: number[] }>;
  carsCentred: { f: number[]; p: number[]; raw: number[] };
  fRegression: { f: number[]; p: number[]; r: number[] };
  chi2: { c: number[]; p: number[] };
  variances: number[];
  scipy: { f: number[]; c: number[]; d: number[] };
  l1: { alphaMax: number; minC: number[] };
}

let cached: Reference | undefined;
function reference(): Reference {
  cached ??= sklearn<Reference>(
    `from sklearn.feature_selection import f_classif, f_regression, r_regression, chi2, VarianceThreshold
from scipy import special
A = lambda a: np.array(a)
out = {}
out['fClassif'] = [dict(zip(['f', 'p'], f_classif(A(X), A(y)))) for X, y in data['fClassif']]
# sklearn's f_oneway sums raw squares; on Year (1976 ± 4) its answer moves by 1e-8 when the data are
# centred first, which leaves F unchanged mathematically: the centred one is the accurate one.
X, y = A(data['cars'][0]), A(data['cars'][1])
f, p = f_classif(X - X.mean(axis=0), y)
out['carsCentred'] = {'f': f, 'p': p, 'raw': f_classif(X, y)[0]}
# r_regression's norm √(Σx² - n·mean²) also loses digits on Year: centred first for the same reason.
X, y = A(data['mpg'][0]), A(data['mpg'][1]); X = X - X.mean(axis=0)
f, p = f_regression(X, y)
out['fRegression'] = {'f': f, 'p': p, 'r': r_regression(X, y)}
c, p = chi2(A(data['chi2'][0]), A(data['chi2'][1]))
out['chi2'] = {'c': c, 'p': p}
# threshold 0 makes VarianceThreshold report min(variance, peak-to-peak); any other threshold the variance.
out['variances'] = VarianceThreshold(threshold=1e-12).fit(A(data['cars'][0])).variances_
out['scipy'] = {'f': [special.fdtrc(a, b, x) for x, a, b in data['cases']],
                'c': [special.chdtrc(b, x) for x, b, _ in data['cases']],
                'd': [special.digamma(m) for m in range(1, 40)]}
# The L1 grids' ends: LassoCV's largest alpha, and l1_min_c for the log loss (with intercept).
from sklearn.linear_model import LassoCV
from sklearn.svm import l1_min_c
X, y = A(data['mpg'][0]), A(data['mpg'][1])
out['l1'] = {'alphaMax': LassoCV(n_alphas=3).fit(X, y).alphas_[0],
             'minC': [l1_min_c(A(X), A(y), loss='log') for X, y in data['fClassif']]}
result = out`,
    {
      fClassif: [penguins, weather].map((d) => [d.rows, Array.from(classTarget(d.labels).y)]),
      cars: [carsOrigin.rows, Array.from(classTarget(carsOrigin.labels).y)],
      mpg: [carsMpg.rows, carsMpg.targetValues],
      chi2: [penguinIslands.rows, Array.from(classTarget(penguinIslands.labels).y)],
      cases: P_CASES,
    },
  );
  return cached;
}

function close(actual: ArrayLike<number>, expected: number[], relative: number, what: string): void {
  assert.equal(actual.length, expected.length, what);
  for (let j = 0; j < expected.length; j++) {
    const tolerance = relative * Math.max(Math.abs(expected[j]), 1e-300);
    assert.ok(
      Math.abs(actual[j] - expected[j]) <= tolerance,
      `${what}[${j}]: ${actual[j]} vs scikit-learn ${expected[j]}`,
    );
  }
}

test('f_classif matches scikit-learn on penguins and seattle-weather (F and p-values)', () => {
  [penguins, weather].forEach((data, k) => {
    const y = classTarget(data.labels);
    const ours = fClassif(data.X, y.y, y.classes.length);
    close(ours.score, reference().fClassif[k].f, 1e-9, `dataset ${k} F`);
    close(ours.pValue!, reference().fClassif[k].p, 1e-9, `dataset ${k} p`);
  });
});

test("f_classif on cars (Year ≈ 1976 ± 4): exact against centred data, where scikit-learn's raw sums lose digits", () => {
  const y = classTarget(carsOrigin.labels);
  const ours = fClassif(carsOrigin.X, y.y, y.classes.length);
  const sk = reference().carsCentred;
  close(ours.score, sk.f, 1e-9, 'F');
  close(ours.pValue!, sk.p, 1e-9, 'p');
  close(ours.score, sk.raw, 1e-7, 'F (raw sums)');
});

test('f_regression and r_regression match scikit-learn on cars', () => {
  const y = regressionTarget(carsMpg.targetValues);
  const ours = fRegression(carsMpg.X, y.y);
  const sk = reference().fRegression;
  close(ours.score, sk.f, 1e-9, 'F');
  close(ours.pValue!, sk.p, 1e-9, 'p');
  close(pearsonR(carsMpg.X, y.y), sk.r, 1e-12, 'r');
  close(targetCorrelation(carsMpg.X, y).score, sk.r.map(Math.abs), 1e-12, '|r|');
});

test('chi2 matches scikit-learn on penguins (non-negative raw measurements)', () => {
  const y = classTarget(penguinIslands.labels);
  const ours = chi2(penguinIslands.X, y.y, y.classes.length);
  close(ours.score, reference().chi2.c, 1e-9, 'chi2');
  close(ours.pValue!, reference().chi2.p, 1e-9, 'p');
});

test('chi2 refuses negative features, naming the column and row', () => {
  const y = classTarget(weather.labels);
  assert.throws(
    () => chi2(weather.X, y.y, y.classes.length),
    /chi2 needs non-negative features, but "temp_max" has -1.1 \(row 19\).*minmax/,
  );
});

test('variances are VarianceThreshold variances; the correlation ratio of two classes is |point-biserial r|', () => {
  close(featureVariances(carsOrigin.X).score, reference().variances, 1e-12, 'variance');
  const binary = classTarget(carsOrigin.labels.map((o) => (o === 'USA' ? 'USA' : 'other')));
  const r = pearsonR(carsOrigin.X, Float64Array.from(binary.y));
  close(targetCorrelation(carsOrigin.X, binary).score, Array.from(r, Math.abs), 1e-12, 'eta');
});

test("the L1 grids start where scikit-learn's do: LassoCV alpha_max and l1_min_c", () => {
  close([alphaMax(carsMpg.X, Float64Array.from(carsMpg.targetValues))], [reference().l1.alphaMax], 1e-9, 'alpha_max');
  [penguins, weather].forEach((d, k) => {
    const y = classTarget(d.labels);
    close([l1MinC(d.X, y.y, y.classes.length)], [reference().l1.minC[k]], 1e-9, `l1_min_c ${k}`);
  });
});

test('p-value and digamma functions agree with SciPy', () => {
  const sk = reference().scipy;
  close(
    P_CASES.map(([x, a, b]) => fSurvival(x, a, b)),
    sk.f,
    1e-10,
    'fdtrc',
  );
  close(
    P_CASES.map(([x, b]) => chiSquareSurvival(x, b)),
    sk.c,
    1e-10,
    'chdtrc',
  );
  close(digammaTable(40).subarray(1, 40), sk.d, 1e-13, 'digamma');
});
