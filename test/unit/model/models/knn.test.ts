// k-nearest neighbours against scikit-learn's KNeighborsClassifier / KNeighborsRegressor on
// penguins, Seattle weather, cars and seeded synthetic data. Neighbour distances must agree
// exactly; predictions are compared where the k-th neighbour is not tied with the next one (the
// order among equally distant points is an implementation choice: ours is the lower row index).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kNeighbors } from '../../../../src/core/model/models/knn';
import { KdTree } from '../../../../src/core/model/models/linear/kdTree';
import { ModelFormatError, ModelParamError } from '../../../../src/core/model/models/estimator';
import { loadModel } from '../../../../src/core/model/models/registry';
import { takeMatrixRows, takeTargetRows, type Matrix, type Target } from '../../../../src/core/model/matrix';
import { sklearn } from '../sklearnReference';
import {
  CARS,
  PENGUINS,
  SEATTLE,
  classificationTarget,
  fromRows,
  loadTable,
  regressionTarget,
  synthetic,
  toRows,
} from './linearTestData';
import { seededRandom } from '../../seededRandom';
import { withinBudget } from '../../support/perfBudget';

function split(X: Matrix, y: Target, trainRows: number): { train: [Matrix, Target]; query: Matrix; queryY: Target } {
  const order = Array.from({ length: X.rows }, (_, i) => i);
  const random = seededRandom(5);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const train = order.slice(0, trainRows);
  const query = order.slice(trainRows);
  return {
    train: [takeMatrixRows(X, train), takeTargetRows(y, train)],
    query: takeMatrixRows(X, query),
    queryY: takeTargetRows(y, query),
  };
}

const penguins = loadTable(
  PENGUINS,
  ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'],
  'Species',
);
const weather = loadTable(SEATTLE, ['precipitation', 'temp_max', 'temp_min', 'wind'], 'weather');
const cars = loadTable(
  CARS,
  ['Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration', 'Year'],
  'Miles_per_Gallon',
);
const blobs = synthetic(31, 3000, 6, 'regression');

interface Case {
  name: string;
  data: ReturnType<typeof split>;
  params: Record<string, unknown>;
}
const CASES: Case[] = [
  {
    name: 'penguins species, uniform, p=2',
    data: split(penguins.X, classificationTarget(penguins.labels), 170),
    params: {},
  },
  {
    name: 'weather, distance, p=1, k=7',
    data: split(weather.X, classificationTarget(weather.labels), 1000),
    params: { weights: 'distance', p: 1, n_neighbors: 7 },
  },
  { name: 'cars mpg regression, uniform', data: split(cars.X, regressionTarget(cars.values), 180), params: {} },
  {
    name: 'cars mpg regression, distance, p=1',
    data: split(cars.X, regressionTarget(cars.values), 180),
    params: { weights: 'distance', p: 1, n_neighbors: 4 },
  },
  {
    name: 'synthetic regression, distance, k=10',
    data: split(blobs.X, blobs.y, 2500),
    params: { weights: 'distance', n_neighbors: 10 },
  },
];

interface Reference {
  distances: number[][];
  prediction: number[] | number[][];
}
let references: Reference[] | undefined;
function reference(index: number): Reference {
  references ??= sklearn<Reference[]>(
    `
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
result = []
for case in data:
    p = case['params']
    k = p.get('n_neighbors', 5)
    cls = KNeighborsClassifier if case['classification'] else KNeighborsRegressor
    m = cls(n_neighbors=k, weights=p.get('weights', 'uniform'), p=p.get('p', 2)).fit(np.array(case['X']), np.array(case['y']))
    Q = np.array(case['Q'])
    distances, _ = m.kneighbors(Q, n_neighbors=k + 1)
    result.append({'distances': distances, 'prediction': m.predict_proba(Q) if case['classification'] else m.predict(Q)})
`,
    CASES.map((c) => ({
      X: toRows(c.data.train[0]),
      y: Array.from(c.data.train[1].y),
      Q: toRows(c.data.query),
      params: c.params,
      classification: c.data.train[1].task === 'classification',
    })),
  );
  return references[index];
}

for (const [index, c] of CASES.entries()) {
  test(`matches scikit-learn: ${c.name}`, async () => {
    const ref = reference(index);
    const [X, y] = c.data.train;
    const params = kNeighbors.params(c.params, y.task);
    const model = await kNeighbors.fit(X, y, params, { seed: 0 });
    const k = params.n_neighbors;
    const rowsX = toRows(X);
    const distance = (a: number[], b: number[]) =>
      params.p === 1
        ? a.reduce((s, v, j) => s + Math.abs(v - b[j]), 0)
        : Math.sqrt(a.reduce((s, v, j) => s + (v - b[j]) ** 2, 0));
    // Our neighbour distances (recomputed from the tree's indices) equal scikit-learn's first k.
    const tree = new KdTree(Float64Array.from(rowsX.flat()), X.rows, X.cols, params.p as 1 | 2);
    const queries = toRows(c.data.query);
    const found = tree.query(Float64Array.from(queries.flat()), queries.length, k);
    let compared = 0;
    const width = y.task === 'classification' ? y.classes.length : 1;
    const ours =
      y.task === 'classification' ? (model.predictProba?.(c.data.query) as Float64Array) : model.predict(c.data.query);
    for (let q = 0; q < queries.length; q++) {
      for (let m = 0; m < k; m++) {
        const expected = ref.distances[q][m];
        assert.ok(
          Math.abs(found.distances[q * k + m] - expected) <= 1e-9 * Math.max(1, expected),
          `query ${q} neighbour ${m}`,
        );
        assert.ok(
          Math.abs(distance(queries[q], rowsX[found.indices[q * k + m]]) - expected) <= 1e-9 * Math.max(1, expected),
        );
      }
      if (ref.distances[q][k] - ref.distances[q][k - 1] <= 1e-9) continue;
      compared++;
      const expected =
        y.task === 'classification' ? (ref.prediction as number[][])[q] : [(ref.prediction as number[])[q]];
      for (let m = 0; m < width; m++)
        assert.ok(
          Math.abs(ours[q * width + m] - expected[m]) < 1e-9,
          `query ${q}: ${ours[q * width + m]} vs ${expected[m]}`,
        );
    }
    assert.ok(compared >= 0.7 * queries.length, `only ${compared} of ${queries.length} queries without a tie at k`);
  });
}

test('ties go to the lower training row; exact matches dominate distance weights; absent classes get 0', async () => {
  const X = fromRows([[1], [-1], [1], [5]]);
  const y: Target = { task: 'classification', classes: ['a', 'b', 'unused'], y: Int32Array.of(0, 1, 1, 0) };
  const one = await kNeighbors.fit(X, y, kNeighbors.params({ n_neighbors: 1 }, 'classification'), { seed: 0 });
  assert.deepEqual(Array.from(one.predictProba?.(fromRows([[0]])) ?? []), [1, 0, 0]);
  const two = await kNeighbors.fit(X, y, kNeighbors.params({ n_neighbors: 2 }, 'classification'), { seed: 0 });
  assert.deepEqual(Array.from(two.predictProba?.(fromRows([[0]])) ?? []), [0.5, 0.5, 0]);
  const weighted = await kNeighbors.fit(
    X,
    y,
    kNeighbors.params({ n_neighbors: 3, weights: 'distance' }, 'classification'),
    { seed: 0 },
  );
  assert.deepEqual(Array.from(weighted.predictProba?.(fromRows([[-1], [5]])) ?? []), [0, 1, 0, 1, 0, 0]);
  assert.deepEqual(Array.from(weighted.predict(fromRows([[-1], [5]]))), [1, 0]);
});

test('speed: 20,000 training rows × 2,000 queries × 10 features in well under a few seconds', async () => {
  const data = synthetic(41, 22000, 10, 'classification');
  const train = Array.from({ length: 20000 }, (_, i) => i);
  const query = Array.from({ length: 2000 }, (_, i) => 20000 + i);
  const model = await kNeighbors.fit(
    takeMatrixRows(data.X, train),
    takeTargetRows(data.y, train),
    kNeighbors.params({}, 'classification'),
    { seed: 0 },
  );
  const started = performance.now();
  const proba = model.predictProba?.(takeMatrixRows(data.X, query)) as Float64Array;
  const elapsed = performance.now() - started;
  assert.equal(proba.length, 4000);
  withinBudget('kNN predictProba, 20,000 × 2,000 × 10', elapsed, 8000);
});

test('parameters, n_neighbors above the rows, missing values, round-trip, cancellation', async () => {
  assert.deepEqual(kNeighbors.defaults('regression'), { n_neighbors: 5, weights: 'uniform', p: 2 });
  assert.throws(
    () => kNeighbors.params({ k: 3 }, 'regression'),
    (e: Error) => e instanceof ModelParamError && /unknown.*n_neighbors/.test(e.message),
  );
  assert.throws(() => kNeighbors.params({ p: 3 }, 'regression'), /parameter p/);
  assert.throws(() => kNeighbors.params({ n_neighbors: 0 }, 'regression'), ModelParamError);
  assert.throws(() => kNeighbors.params({ weights: 'gaussian' }, 'regression'), /"uniform", "distance"/);
  const small = fromRows([[1], [2], [3]]);
  await assert.rejects(
    kNeighbors.fit(small, regressionTarget(Float64Array.of(1, 2, 3)), kNeighbors.params({}, 'regression'), { seed: 0 }),
    /only 3 training rows/,
  );
  await assert.rejects(
    kNeighbors.fit(
      fromRows([[1], [NaN]], ['height']),
      regressionTarget(Float64Array.of(1, 2)),
      kNeighbors.params({ n_neighbors: 1 }, 'regression'),
      { seed: 0 },
    ),
    /feature "height".*imput/,
  );
  const model = await kNeighbors.fit(
    cars.X,
    regressionTarget(cars.values),
    kNeighbors.params({ weights: 'distance' }, 'regression'),
    { seed: 0 },
  );
  assert.throws(() => model.predict(fromRows([[1, 2, 3, 4, 5, NaN]], cars.X.names)), /feature "Year".*imput/);
  const saved = JSON.parse(JSON.stringify(model.toJSON()));
  const loaded = loadModel(saved);
  assert.deepEqual(loaded.predict(cars.X), model.predict(cars.X));
  assert.deepEqual(loaded.toJSON(), model.toJSON());
  assert.throws(() => kNeighbors.load({ ...saved, version: 2 }), ModelFormatError);
  assert.throws(() => kNeighbors.load({ ...saved, state: { ...saved.state, points: [1, 2] } }), ModelFormatError);
  assert.throws(
    () => kNeighbors.load({ ...saved, state: { ...saved.state, params: { n_neighbors: -1 } } }),
    ModelFormatError,
  );
  const aborted = new AbortController();
  aborted.abort();
  await assert.rejects(
    kNeighbors.fit(cars.X, regressionTarget(cars.values), kNeighbors.params({}, 'regression'), {
      seed: 0,
      signal: aborted.signal,
    }),
    { name: 'AbortError' },
  );
});
