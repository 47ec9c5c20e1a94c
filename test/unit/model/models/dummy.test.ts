// The baselines against scikit-learn's DummyClassifier / DummyRegressor on penguins and cars.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dummyClassifier, dummyRegressor, percentile } from '../../../../src/core/model/models/dummy';
import { ModelFormatError, ModelParamError } from '../../../../src/core/model/models/estimator';
import { baselineFor, loadModel } from '../../../../src/core/model/models/registry';
import type { Target } from '../../../../src/core/model/matrix';
import { sklearn } from '../sklearnReference';
import {
  CARS,
  PENGUINS,
  classificationTarget,
  fromRows,
  loadTable,
  maxAbsDiff,
  regressionTarget,
  toRows,
} from './linearTestData';

const penguins = loadTable(PENGUINS, ['Beak Length (mm)', 'Flipper Length (mm)'], 'Species');
const species = classificationTarget(penguins.labels);
const cars = loadTable(CARS, ['Weight_in_lbs', 'Horsepower'], 'Miles_per_Gallon');

test('classifier strategies match DummyClassifier predict_proba and predict; regressor strategies match DummyRegressor', async () => {
  const ref = sklearn<{
    proba: Record<string, number[][]>;
    predict: Record<string, number[]>;
    regression: Record<string, number[]>;
  }>(
    `
from sklearn.dummy import DummyClassifier, DummyRegressor
X = np.array(data['X']); y = np.array(data['y']); Xr = np.array(data['Xr']); yr = np.array(data['yr'])
result = {'proba': {}, 'predict': {}, 'regression': {}}
for s in ['prior', 'most_frequent', 'uniform']:
    m = DummyClassifier(strategy=s).fit(X, y)
    result['proba'][s] = m.predict_proba(X[:3])
    result['predict'][s] = m.predict(X[:3]).tolist()
for name, kw in [('mean', {'strategy': 'mean'}), ('median', {'strategy': 'median'}), ('q', {'strategy': 'quantile', 'quantile': 0.37}), ('c', {'strategy': 'constant', 'constant': 4.5})]:
    result['regression'][name] = DummyRegressor(**kw).fit(Xr, yr).predict(Xr[:2])
`,
    { X: toRows(penguins.X), y: Array.from(species.y), Xr: toRows(cars.X), yr: Array.from(cars.values) },
  );
  for (const strategy of ['prior', 'most_frequent', 'uniform']) {
    const model = await dummyClassifier.fit(
      penguins.X,
      species,
      dummyClassifier.params({ strategy }, 'classification'),
      { seed: 0 },
    );
    const first3 = fromRows(toRows(penguins.X).slice(0, 3));
    assert.ok(maxAbsDiff(model.predictProba?.(first3) ?? [], ref.proba[strategy].flat()) < 1e-15, strategy);
    if (strategy !== 'uniform') assert.deepEqual(Array.from(model.predict(first3)), ref.predict[strategy]);
  }
  const cases: [string, Record<string, unknown>][] = [
    ['mean', {}],
    ['median', { strategy: 'median' }],
    ['q', { strategy: 'quantile', quantile: 0.37 }],
    ['c', { strategy: 'constant', constant: 4.5 }],
  ];
  for (const [name, params] of cases) {
    const model = await dummyRegressor.fit(
      cars.X,
      regressionTarget(cars.values),
      dummyRegressor.params(params, 'regression'),
      { seed: 0 },
    );
    assert.ok(maxAbsDiff(model.predict(fromRows(toRows(cars.X).slice(0, 2))), ref.regression[name]) < 1e-12, name);
  }
  assert.equal(percentile(Float64Array.of(4, 1, 3, 2), 0.5), 2.5);
});

test('baselines: flagged, accept missing features, absent classes get probability 0, round-trip', async () => {
  assert.equal(baselineFor('classification').kind, 'dummy_classifier');
  assert.equal(baselineFor('regression').kind, 'dummy_regressor');
  assert.ok(dummyClassifier.baseline && dummyRegressor.baseline);
  const X = fromRows([[NaN], [1], [2], [3]]);
  const y: Target = { task: 'classification', classes: ['a', 'b', 'c'], y: Int32Array.of(0, 2, 2, 0) };
  const model = await dummyClassifier.fit(X, y, dummyClassifier.params({}, 'classification'), { seed: 0 });
  assert.deepEqual(Array.from(model.predictProba?.(fromRows([[5]])) ?? []), [0.5, 0, 0.5]);
  assert.deepEqual(Array.from(model.predict(fromRows([[5]]))), [0]);
  const saved = JSON.parse(JSON.stringify(model.toJSON()));
  assert.deepEqual(loadModel(saved).toJSON(), model.toJSON());
  assert.throws(() => dummyClassifier.load({ ...saved, version: 3 }), /newer/);
  assert.throws(() => dummyClassifier.load({ ...saved, state: { proba: [1] } }), ModelFormatError);
  const regressor = await dummyRegressor.fit(
    X,
    regressionTarget(Float64Array.of(1, 2, 3, 10)),
    dummyRegressor.params({ strategy: 'median' }, 'regression'),
    { seed: 0 },
  );
  const loaded = loadModel(JSON.parse(JSON.stringify(regressor.toJSON())));
  assert.deepEqual(Array.from(loaded.predict(X)), [2.5, 2.5, 2.5, 2.5]);
});

test('parameters are checked; cancellation', async () => {
  assert.deepEqual(dummyClassifier.defaults('classification'), { strategy: 'prior' });
  assert.deepEqual(dummyRegressor.defaults('regression'), { strategy: 'mean', quantile: null, constant: null });
  assert.throws(
    () => dummyClassifier.params({ strategy: 'stratified' }, 'classification'),
    (e: Error) => e instanceof ModelParamError && /"prior"/.test(e.message),
  );
  assert.throws(() => dummyClassifier.params({ seed: 1 }, 'classification'), /unknown parameter/);
  assert.throws(() => dummyRegressor.params({ strategy: 'quantile' }, 'regression'), /quantile: required/);
  assert.throws(() => dummyRegressor.params({ strategy: 'quantile', quantile: 2 }, 'regression'), ModelParamError);
  const aborted = new AbortController();
  aborted.abort();
  await assert.rejects(
    dummyRegressor.fit(cars.X, regressionTarget(cars.values), dummyRegressor.params({}, 'regression'), {
      seed: 0,
      signal: aborted.signal,
    }),
    { name: 'AbortError' },
  );
});
