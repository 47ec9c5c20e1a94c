// Gaussian naive Bayes against scikit-learn's GaussianNB (predict_proba, theta, var) on penguins,
// Seattle weather and raw-scale cars, with priors and var_smoothing; absent classes, round-trip,
// parameter errors and missing values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gaussianNb } from '../../../../src/core/model/models/naiveBayes';
import { ModelFormatError, ModelParamError } from '../../../../src/core/model/models/estimator';
import { loadModel } from '../../../../src/core/model/models/registry';
import type { Matrix, Target } from '../../../../src/core/model/matrix';
import { sklearn } from '../sklearnReference';
import {
  CARS,
  PENGUINS,
  SEATTLE,
  classificationTarget,
  fromRows,
  loadTable,
  maxAbsDiff,
  relativeError,
  toRows,
} from './linearTestData';

const penguins = loadTable(
  PENGUINS,
  ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'],
  'Island',
);
const islands = classificationTarget(penguins.labels);
const weather = loadTable(SEATTLE, ['precipitation', 'temp_max', 'temp_min', 'wind'], 'weather', false);
const weatherKinds = classificationTarget(weather.labels);
const cars = loadTable(
  CARS,
  ['Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration'],
  'Origin',
  false,
);
const origins = classificationTarget(cars.labels);

interface Case {
  X: Matrix;
  y: Target & { task: 'classification' };
  params: Record<string, unknown>;
}
const CASES: Case[] = [
  { X: penguins.X, y: islands, params: {} },
  { X: weather.X, y: weatherKinds, params: {} },
  { X: weather.X, y: weatherKinds, params: { var_smoothing: 0.01 } },
  { X: cars.X, y: origins, params: { priors: [0.2, 0.3, 0.5] } },
];

interface Reference {
  proba: number[][];
  theta: number[][];
  var: number[][];
}
let references: Reference[] | undefined;
function reference(index: number): Reference {
  references ??= sklearn<Reference[]>(
    `
from sklearn.naive_bayes import GaussianNB
result = []
for case in data:
    m = GaussianNB(**case['params']).fit(np.array(case['X']), np.array(case['y']))
    result.append({'proba': m.predict_proba(np.array(case['X'])), 'theta': m.theta_, 'var': m.var_})
`,
    CASES.map((c) => ({ X: toRows(c.X), y: Array.from(c.y.y), params: c.params })),
  );
  return references[index];
}

for (const [index, c] of CASES.entries()) {
  test(`matches GaussianNB: case ${index + 1} ${JSON.stringify(c.params)}`, async () => {
    const ref = reference(index);
    const model = await gaussianNb.fit(c.X, c.y, gaussianNb.params(c.params, 'classification'), { seed: 0 });
    const state = model.toJSON().state as { theta: number[]; variance: number[] };
    assert.ok(relativeError(state.theta, ref.theta.flat()) < 1e-12);
    assert.ok(relativeError(state.variance, ref.var.flat()) < 1e-10);
    const difference = maxAbsDiff(model.predictProba?.(c.X) ?? [], ref.proba.flat());
    assert.ok(difference < 1e-9, `probabilities differ by ${difference}`);
  });
}

test('absent class: probability 0 and no NaN; round-trip; newer version refused', async () => {
  const y: Target = {
    task: 'classification',
    classes: ['Biscoe', 'Dream', 'Mars', 'Torgersen'],
    y: Int32Array.from(islands.y, (c) => (c === 2 ? 3 : c)),
  };
  const model = await gaussianNb.fit(penguins.X, y, gaussianNb.params({}, 'classification'), { seed: 0 });
  const proba = model.predictProba?.(penguins.X) as Float64Array;
  assert.ok(proba.every(Number.isFinite));
  for (let i = 0; i < penguins.X.rows; i++) assert.equal(proba[i * 4 + 2], 0);
  const saved = JSON.parse(JSON.stringify(model.toJSON()));
  const loaded = loadModel(saved);
  assert.deepEqual(loaded.predictProba?.(penguins.X), proba);
  assert.deepEqual(loaded.toJSON(), model.toJSON());
  assert.throws(() => gaussianNb.load({ ...saved, version: 2 }), ModelFormatError);
  assert.throws(() => gaussianNb.load({ ...saved, state: { ...saved.state, variance: [1] } }), ModelFormatError);
  assert.equal(model.featureImportances, undefined);
});

test('parameters and missing values', async () => {
  assert.deepEqual(gaussianNb.defaults('classification'), { var_smoothing: 1e-9, priors: null });
  assert.throws(() => gaussianNb.params({ alpha: 1 }, 'classification'), ModelParamError);
  assert.throws(() => gaussianNb.params({ var_smoothing: -1 }, 'classification'), /var_smoothing/);
  assert.throws(() => gaussianNb.params({ priors: [0.5, 0.6] }, 'classification'), /priors must sum to 1/);
  await assert.rejects(
    gaussianNb.fit(penguins.X, islands, gaussianNb.params({ priors: [0.5, 0.5] }, 'classification'), { seed: 0 }),
    /one prior per class \(3/,
  );
  const X = fromRows(
    [
      [1, 2],
      [NaN, 1],
    ],
    ['mass', 'beak'],
  );
  await assert.rejects(
    gaussianNb.fit(
      X,
      { task: 'classification', classes: ['a', 'b'], y: Int32Array.of(0, 1) },
      gaussianNb.params({}, 'classification'),
      { seed: 0 },
    ),
    /feature "mass".*imput/,
  );
  const aborted = new AbortController();
  aborted.abort();
  await assert.rejects(
    gaussianNb.fit(penguins.X, islands, gaussianNb.params({}, 'classification'), { seed: 0, signal: aborted.signal }),
    { name: 'AbortError' },
  );
});

test('constant features (even without smoothing) and far-out values give finite rows summing to 1', async () => {
  const X = fromRows([
    [1, 5],
    [1, 5],
    [1, 5],
    [1, 5],
  ]);
  const y: Target = { task: 'classification', classes: ['a', 'b'], y: Int32Array.of(0, 1, 0, 1) };
  const model = await gaussianNb.fit(X, y, gaussianNb.params({ var_smoothing: 0 }, 'classification'), { seed: 0 });
  const proba = model.predictProba?.(
    fromRows([
      [1, 5],
      [2, 5],
      [1e200, 3],
    ]),
  ) as Float64Array;
  assert.ok(proba.every(Number.isFinite));
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(proba[2 * i] + proba[2 * i + 1] - 1) < 1e-12);
});
