// Linear regression (none / l2 / l1 / elasticnet) against scikit-learn's LinearRegression, Ridge,
// Lasso and ElasticNet on real data (cars, Seattle weather) and seeded synthetic edge cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linearRegression } from '../../../../src/core/model/models/linear';
import { ModelFormatError, ModelParamError } from '../../../../src/core/model/models/estimator';
import { loadModel } from '../../../../src/core/model/models/registry';
import type { Matrix } from '../../../../src/core/model/matrix';
import { sklearn } from '../sklearnReference';
import {
  CARS,
  SEATTLE,
  fromRows,
  loadTable,
  regressionTarget,
  relativeError,
  synthetic,
  toRows,
} from './linearTestData';

const CAR_FEATURES = ['Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration', 'Year'];

interface Reference {
  coef: number[];
  intercept: number;
  prediction: number[];
}

const REFERENCE = `
from sklearn.linear_model import LinearRegression, Ridge, Lasso, ElasticNet
result = []
for case in data:
    p = case['params']
    fi = p.get('fit_intercept', True)
    pen = p.get('penalty', 'none')
    if pen == 'none': m = LinearRegression(fit_intercept=fi)
    elif pen == 'l2': m = Ridge(alpha=p['alpha'], fit_intercept=fi)
    elif pen == 'l1': m = Lasso(alpha=p['alpha'], fit_intercept=fi, tol=p.get('tol', 1e-4), max_iter=p.get('max_iter', 1000))
    else: m = ElasticNet(alpha=p['alpha'], l1_ratio=p['l1_ratio'], fit_intercept=fi, tol=p.get('tol', 1e-4), max_iter=p.get('max_iter', 1000))
    X = np.array(case['X'])
    m.fit(X, np.array(case['y']))
    result.append({'coef': m.coef_, 'intercept': float(m.intercept_), 'prediction': m.predict(X)})
`;

interface Case {
  X: Matrix;
  y: Float64Array;
  params: Record<string, unknown>;
  tolerance: number;
}

const groups = new Map<string, Case[]>();
let references: Map<string, Reference[]> | undefined;

/** Registers cases at load time; every group's references come from one Python process. */
function cases(group: string, list: Case[]): string {
  groups.set(group, list);
  return group;
}

async function compareAll(group: string): Promise<void> {
  if (!references) {
    const names = [...groups.keys()];
    const all = sklearn<Reference[]>(
      REFERENCE,
      names.flatMap((name) =>
        (groups.get(name) as Case[]).map((c) => ({ X: toRows(c.X), y: Array.from(c.y), params: c.params })),
      ),
    );
    references = new Map();
    let offset = 0;
    for (const name of names) {
      const count = (groups.get(name) as Case[]).length;
      references.set(name, all.slice(offset, offset + count));
      offset += count;
    }
  }
  const refs = references.get(group) as Reference[];
  for (const [index, { X, y, params, tolerance }] of (groups.get(group) as Case[]).entries()) {
    const ref = refs[index];
    const model = await linearRegression.fit(X, regressionTarget(y), linearRegression.params(params, 'regression'), {
      seed: 0,
    });
    const state = model.toJSON().state as { coef: number[]; intercept: number };
    const coefError = relativeError(state.coef, ref.coef);
    assert.ok(
      coefError < tolerance,
      `${JSON.stringify(params)}: coefficients differ by ${coefError} (relative): ${state.coef} vs ${ref.coef}`,
    );
    assert.ok(
      Math.abs(state.intercept - ref.intercept) <= tolerance * Math.max(1, Math.abs(ref.intercept)),
      `${JSON.stringify(params)}: intercept ${state.intercept} vs ${ref.intercept}`,
    );
    assert.ok(relativeError(model.predict(X), ref.prediction) < tolerance);
  }
}

const cars = loadTable(CARS, CAR_FEATURES, 'Miles_per_Gallon');
const carsRaw = loadTable(CARS, CAR_FEATURES, 'Miles_per_Gallon', false);
const weather = loadTable(SEATTLE, ['precipitation', 'temp_min', 'wind'], 'temp_max');
const wide = synthetic(11, 15, 40, 'regression');
// Duplicate column and a constant column.
const base = synthetic(12, 60, 3, 'regression');
const collinear = fromRows(toRows(base.X).map((r) => [r[0], r[1], r[0], 7, r[2]]));
const closedForm = cases('closedForm', [
  { X: cars.X, y: cars.values, params: {}, tolerance: 1e-9 },
  { X: carsRaw.X, y: carsRaw.values, params: {}, tolerance: 1e-7 },
  { X: cars.X, y: cars.values, params: { penalty: 'l2', alpha: 3 }, tolerance: 1e-9 },
  { X: carsRaw.X, y: carsRaw.values, params: { penalty: 'l2', alpha: 10 }, tolerance: 1e-7 },
  { X: cars.X, y: cars.values, params: { penalty: 'l2', alpha: 0.5, fit_intercept: false }, tolerance: 1e-9 },
]);
const converged = cases('converged', [
  { X: cars.X, y: cars.values, params: { penalty: 'l1', alpha: 0.1, tol: 1e-12, max_iter: 100000 }, tolerance: 1e-6 },
  {
    X: cars.X,
    y: cars.values,
    params: { penalty: 'elasticnet', alpha: 0.2, l1_ratio: 0.3, tol: 1e-12, max_iter: 100000 },
    tolerance: 1e-6,
  },
  {
    X: weather.X,
    y: weather.values,
    params: { penalty: 'l1', alpha: 0.05, tol: 1e-12, max_iter: 100000 },
    tolerance: 1e-6,
  },
  {
    X: weather.X,
    y: weather.values,
    params: { penalty: 'elasticnet', alpha: 0.5, l1_ratio: 0.7, fit_intercept: false, tol: 1e-12, max_iter: 100000 },
    tolerance: 1e-6,
  },
]);
const defaultTol = cases('defaultTol', [
  { X: cars.X, y: cars.values, params: { penalty: 'l1', alpha: 0.1 }, tolerance: 1e-5 },
  { X: cars.X, y: cars.values, params: { penalty: 'elasticnet', alpha: 0.05, l1_ratio: 0.5 }, tolerance: 1e-5 },
]);
const wideData = cases('wideData', [
  { X: wide.X, y: wide.y.y as Float64Array, params: {}, tolerance: 1e-6 },
  { X: wide.X, y: wide.y.y as Float64Array, params: { penalty: 'l2', alpha: 1 }, tolerance: 1e-8 },
  {
    X: wide.X,
    y: wide.y.y as Float64Array,
    params: { penalty: 'l1', alpha: 0.1, tol: 1e-12, max_iter: 100000 },
    tolerance: 1e-6,
  },
]);
const collinearData = cases('collinearData', [
  { X: collinear, y: base.y.y as Float64Array, params: {}, tolerance: 1e-6 },
  {
    X: collinear,
    y: base.y.y as Float64Array,
    params: { penalty: 'elasticnet', alpha: 0.01, l1_ratio: 0.5, tol: 1e-12, max_iter: 100000 },
    tolerance: 1e-6,
  },
]);

test('least squares and ridge match LinearRegression / Ridge on cars (standardised and raw scales)', async () => {
  await compareAll(closedForm);
});

test('lasso and elastic net match scikit-learn to 1e-6 when converged, and closely at the default tol', async () => {
  await compareAll(converged);
  // Same algorithm and stopping rule as scikit-learn: also close at its default tolerance.
  await compareAll(defaultTol);
});

test('a large L1 penalty zeroes every coefficient and predicts the mean', async () => {
  const model = await linearRegression.fit(
    cars.X,
    regressionTarget(cars.values),
    linearRegression.params({ penalty: 'l1', alpha: 100 }, 'regression'),
    { seed: 0 },
  );
  const state = model.toJSON().state as { coef: number[]; intercept: number };
  assert.deepEqual(
    state.coef,
    CAR_FEATURES.map(() => 0),
  );
  const mean = cars.values.reduce((a, b) => a + b, 0) / cars.values.length;
  assert.ok(Math.abs(state.intercept - mean) < 1e-9);
});

test('more features than rows, collinear and constant features: no NaN, minimum-norm like lstsq', async () => {
  await compareAll(wideData);
  await compareAll(collinearData);
  const model = await linearRegression.fit(collinear, base.y, linearRegression.params({}, 'regression'), { seed: 0 });
  assert.ok(model.predict(collinear).every(Number.isFinite));
  assert.equal(model.featureImportances?.()[3], 0);
  // A constant target: zero coefficients at once, intercept = the constant.
  const flat = await linearRegression.fit(
    collinear,
    regressionTarget(new Float64Array(collinear.rows).fill(3)),
    linearRegression.params({ penalty: 'l1' }, 'regression'),
    { seed: 0 },
  );
  assert.deepEqual(Array.from(flat.predict(collinear)), new Array(collinear.rows).fill(3));
});

test('featureImportances are |coef|; save/load round-trips exactly; newer versions are refused', async () => {
  const model = await linearRegression.fit(
    cars.X,
    regressionTarget(cars.values),
    linearRegression.params({ penalty: 'l2' }, 'regression'),
    { seed: 0 },
  );
  const saved = JSON.parse(JSON.stringify(model.toJSON()));
  const loaded = loadModel(saved);
  assert.deepEqual(loaded.predict(cars.X), model.predict(cars.X));
  assert.deepEqual(loaded.toJSON(), model.toJSON());
  assert.deepEqual(Array.from(model.featureImportances?.() ?? []), (saved.state.coef as number[]).map(Math.abs));
  assert.throws(
    () => linearRegression.load({ ...saved, version: 2 }),
    (e: Error) => e instanceof ModelFormatError && /newer/.test(e.message),
  );
  assert.throws(() => linearRegression.load({ ...saved, state: { coef: [1], intercept: 0 } }), ModelFormatError);
  assert.throws(
    () => linearRegression.load({ ...saved, state: { coef: saved.state.coef, intercept: 'x' } }),
    ModelFormatError,
  );
});

test('parameters: defaults like scikit-learn, unknown names and bad values rejected', () => {
  assert.deepEqual(linearRegression.defaults('regression'), {
    penalty: 'none',
    alpha: 1,
    l1_ratio: 0.5,
    fit_intercept: true,
    max_iter: 1000,
    tol: 1e-4,
  });
  assert.throws(
    () => linearRegression.params({ lambda: 1 }, 'regression'),
    (e: Error) => e instanceof ModelParamError && /lambda.*unknown.*alpha/.test(e.message),
  );
  assert.throws(
    () => linearRegression.params({ alpha: -1 }, 'regression'),
    (e: Error) => e instanceof ModelParamError && /alpha/.test(e.message),
  );
  assert.throws(() => linearRegression.params({ penalty: 'l3' }, 'regression'), /penalty.*"l1"/);
  assert.throws(() => linearRegression.params({ l1_ratio: 1.5 }, 'regression'), ModelParamError);
  assert.throws(() => linearRegression.params({ max_iter: 2.5 }, 'regression'), ModelParamError);
  assert.throws(() => linearRegression.params({ fit_intercept: 'yes' }, 'regression'), ModelParamError);
  assert.equal(linearRegression.params({ penalty: 'l1', alpha: 0.3 }, 'regression').alpha, 0.3);
});

test('missing values: fit and predict say which feature and that the pipeline must impute', async () => {
  const X = fromRows(
    [
      [1, 2],
      [2, NaN],
      [3, 1],
      [4, 5],
    ],
    ['age', 'income'],
  );
  await assert.rejects(
    linearRegression.fit(X, regressionTarget(Float64Array.of(1, 2, 3, 4)), linearRegression.params({}, 'regression'), {
      seed: 0,
    }),
    /feature "income".*missing.*imput/,
  );
  const model = await linearRegression.fit(
    cars.X,
    regressionTarget(cars.values),
    linearRegression.params({}, 'regression'),
    { seed: 0 },
  );
  const bad = fromRows(
    toRows(cars.X).map((r, i) => (i === 3 ? r.map((v, j) => (j === 2 ? NaN : v)) : r)),
    CAR_FEATURES,
  );
  assert.throws(() => model.predict(bad), /feature "Horsepower".*row 4.*imput/);
});

test('cancellation rejects with AbortError; onIteration reports passes and can stop the fit', async () => {
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(
    linearRegression.fit(
      cars.X,
      regressionTarget(cars.values),
      linearRegression.params({ penalty: 'l1' }, 'regression'),
      { seed: 0, signal: controller.signal },
    ),
    { name: 'AbortError' },
  );
  const losses: number[] = [];
  const model = await linearRegression.fit(
    cars.X,
    regressionTarget(cars.values),
    linearRegression.params({ penalty: 'l1', alpha: 0.01, tol: 1e-14, max_iter: 10000 }, 'regression'),
    {
      seed: 0,
      onIteration: (event) => {
        losses.push(event.trainLoss ?? NaN);
        return event.iteration === 3 ? 'stop' : undefined;
      },
    },
  );
  assert.equal(losses.length, 3);
  assert.equal(model.info.iterations, 3);
  assert.ok(losses[2] <= losses[0], 'coordinate descent decreases the objective');
});
