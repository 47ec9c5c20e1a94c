// Random forest: agreement with scikit-learn's RandomForestClassifier / Regressor on real data,
// determinism (same seed, any thread count), progress and early stop, cancellation that leaves no
// thread behind, saving and loading, missing values, parameter errors, absent classes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ModelFormatError,
  ModelParamError,
  type FittedModel,
  type FitContext,
} from '../../../../src/core/model/models/estimator';
import { randomForest } from '../../../../src/core/model/models/forest';
import { loadModel } from '../../../../src/core/model/models/registry';
import type { Matrix, Target } from '../../../../src/core/model/matrix';
import { seededRandom } from '../../seededRandom';
import { sklearn } from '../sklearnReference';
import { accuracy, cars, matrixOf, penguins, r2, seattleWeather, type Dataset } from './treeTestData';

async function fitForest(
  X: Matrix,
  y: Target,
  params: Record<string, unknown> = {},
  ctx: Partial<FitContext> = {},
): Promise<FittedModel> {
  return randomForest.fit(X, y, randomForest.params(params, y.task), { seed: 0, threads: 1, ...ctx });
}

/** A synthetic binary task: two informative features, three noise features, some missing values. */
function synthetic(rows: number, seed: number, missing = 0): { X: Matrix; y: Target } {
  const random = seededRandom(seed);
  const data: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < rows; i++) {
    const row = Array.from({ length: 5 }, () => random() * 2 - 1);
    y.push(row[0] + 0.5 * row[1] + 0.3 * (random() - 0.5) > 0 ? 1 : 0);
    if (random() < missing) row[0] = NaN;
    data.push(row);
  }
  return { X: matrixOf(data), y: { task: 'classification', classes: ['no', 'yes'], y: Int32Array.from(y) } };
}

test('penguins, Seattle weather and cars: scores close to scikit-learn RandomForest*', async (t) => {
  const cases: { name: string; kind: string; data: { train: Dataset; test: Dataset }; tol: number }[] = [
    { name: 'penguins', kind: 'RandomForestClassifier', data: penguins(), tol: 0.03 },
    { name: 'seattle', kind: 'RandomForestClassifier', data: seattleWeather(), tol: 0.03 },
    { name: 'cars', kind: 'RandomForestRegressor', data: cars(), tol: 0.03 },
  ];
  const refs = sklearn<Record<string, number>>(
    `from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.metrics import accuracy_score, r2_score
result = {}
for c in data:
    cls = RandomForestClassifier if c['kind'] == 'RandomForestClassifier' else RandomForestRegressor
    scores = []
    for seed in range(2):
        p = cls(n_estimators=100, random_state=seed, n_jobs=2).fit(c['X'], c['y']).predict(c['Xt'])
        scores.append(accuracy_score(c['yt'], p) if cls is RandomForestClassifier else r2_score(c['yt'], p))
    result[c['name']] = sum(scores) / len(scores)`,
    cases.map((c) => ({
      name: c.name,
      kind: c.kind,
      X: c.data.train.rows,
      y: c.data.train.target,
      Xt: c.data.test.rows,
      yt: c.data.test.target,
    })),
  );
  for (const c of cases) {
    const { train, test: holdout } = c.data;
    let ours = 0;
    for (let seed = 0; seed < 2; seed++) {
      const model = await fitForest(train.X, train.y, {}, { seed, threads: 2 });
      const pred = model.predict(holdout.X);
      ours += (c.kind === 'RandomForestClassifier' ? accuracy(pred, holdout.target) : r2(pred, holdout.target)) / 2;
    }
    t.diagnostic(`${c.name}: ours ${ours.toFixed(4)}, scikit-learn ${refs[c.name].toFixed(4)}`);
    assert.ok(Math.abs(ours - refs[c.name]) <= c.tol, `${c.name}: ${ours} vs scikit-learn ${refs[c.name]}`);
  }
});

test('same seed gives the same forest with 1 or 2 threads; another seed gives another', async () => {
  const { X, y } = synthetic(2500, 1, 0.1);
  const params = { n_estimators: 40, max_depth: 8 };
  const one = await fitForest(X, y, params, { seed: 5, threads: 1 });
  const two = await fitForest(X, y, params, { seed: 5, threads: 2 });
  const again = await fitForest(X, y, params, { seed: 5, threads: 2 });
  const other = await fitForest(X, y, params, { seed: 6, threads: 2 });
  assert.equal(two.info.threads, 2);
  assert.deepEqual(one.predictProba!(X), two.predictProba!(X));
  assert.deepEqual(two.predictProba!(X), again.predictProba!(X));
  assert.deepEqual(one.featureImportances!(), two.featureImportances!());
  assert.notDeepEqual(one.predictProba!(X), other.predictProba!(X));
  const trees = (m: FittedModel) => JSON.stringify((m.toJSON().state as { trees: unknown }).trees);
  assert.ok(trees(one) === trees(two), 'the saved trees differ between 1 and 2 threads');
});

test("probabilities are the mean of the trees' leaf fractions; importances favour informative features", async () => {
  const { X, y } = synthetic(800, 2);
  const model = await fitForest(X, y, { n_estimators: 30 }, { threads: 2 });
  const proba = model.predictProba!(X);
  for (let i = 0; i < X.rows; i++) assert.ok(Math.abs(proba[2 * i] + proba[2 * i + 1] - 1) < 1e-12);
  const imp = model.featureImportances!();
  assert.ok(Math.abs(imp.reduce((s, v) => s + v, 0) - 1) < 1e-12);
  assert.ok(imp[0] > imp[2] && imp[0] > imp[3] && imp[1] > imp[4], Array.from(imp).join(', '));
  // Each tree fits its bootstrap sample closely, so training accuracy is high.
  assert.ok(accuracy(model.predict(X), y.y) > 0.97);
});

test('reports every tree, and a "stop" keeps the trees built so far', async () => {
  const { X, y } = synthetic(5000, 3);
  for (const threads of [1, 2]) {
    const events: number[] = [];
    const model = await fitForest(
      X,
      y,
      { n_estimators: 20 },
      {
        threads,
        onIteration: (e) => {
          events.push(e.iteration);
          assert.equal(e.total, 20);
          return e.iteration === 5 ? 'stop' : undefined;
        },
      },
    );
    assert.deepEqual(events, [1, 2, 3, 4, 5], `threads ${threads}`);
    assert.equal(model.info.n_estimators, 5);
    assert.equal(model.info.stopped_early, true);
    assert.equal(model.predict(X).length, X.rows);
  }
});

test('cancelling mid-fit rejects with AbortError and stops the threads', async () => {
  const { X, y } = synthetic(4000, 4);
  for (const threads of [1, 2]) {
    const controller = new AbortController();
    let seen = 0;
    await assert.rejects(
      fitForest(
        X,
        y,
        { n_estimators: 500 },
        {
          threads,
          signal: controller.signal,
          onIteration: () => {
            if (++seen === 3) controller.abort();
          },
        },
      ),
      { name: 'AbortError' },
    );
    assert.ok(seen < 500);
  }
  // (If a thread were left running, this test file's process would not exit.)
});

test('saving and loading keeps every prediction, compactly', async () => {
  const { X, y } = synthetic(2000, 5, 0.05);
  const model = await fitForest(X, y, { n_estimators: 25 }, { threads: 2 });
  const json = JSON.stringify(model.toJSON());
  const loaded = loadModel(JSON.parse(json));
  assert.equal(loaded.kind, 'random_forest');
  assert.deepEqual(loaded.predictProba!(X), model.predictProba!(X));
  assert.deepEqual(loaded.featureImportances!(), model.featureImportances!());
  assert.deepEqual(loaded.info, model.info);
  // Fully grown trees on 2000 rows: well under 100 bytes per node.
  const nodes = (model.toJSON().state as { trees: { f: number[] }[] }).trees.reduce((s, t) => s + t.f.length, 0);
  assert.ok(json.length / nodes < 100, `${json.length} bytes for ${nodes} nodes`);
  assert.throws(() => loadModel({ ...model.toJSON(), version: 2 }), ModelFormatError);
  assert.throws(() => loadModel({ ...model.toJSON(), state: { trees: [] } }), ModelFormatError);

  const regression = await fitForest(
    matrixOf([[1], [2], [3], [4], [5], [6]]),
    { task: 'regression', y: Float64Array.from([1, 1, 2, 2, 3, 3]) },
    { n_estimators: 5 },
  );
  const back = loadModel(JSON.parse(JSON.stringify(regression.toJSON())));
  assert.deepEqual(back.predict(matrixOf([[1.2], [5.9]])), regression.predict(matrixOf([[1.2], [5.9]])));
});

test('missing values: learned per split, and rows with NaN still predicted well', async () => {
  const { X, y } = synthetic(3000, 6, 0.2);
  const model = await fitForest(X, y, { n_estimators: 40 }, { threads: 2 });
  const test = synthetic(1000, 7, 0.2);
  const pred = model.predict(test.X);
  assert.ok(accuracy(pred, test.y.y) > 0.85, `accuracy ${accuracy(pred, test.y.y)}`);
});

test('a class absent from the training target keeps its probability column', async () => {
  const X = matrixOf([[1], [2], [3], [4], [5], [6]]);
  const y: Target = { task: 'classification', classes: ['a', 'b', 'c'], y: Int32Array.from([0, 0, 0, 2, 2, 2]) };
  const model = await fitForest(X, y, { n_estimators: 10 });
  const proba = model.predictProba!(X);
  assert.equal(proba.length, 18);
  for (let i = 0; i < 6; i++) {
    assert.equal(proba[3 * i + 1], 0);
    assert.ok(Math.abs(proba[3 * i] + proba[3 * i + 2] - 1) < 1e-12);
  }
});

test('parameters: scikit-learn defaults per task, clear errors naming the parameter', async () => {
  assert.equal(randomForest.defaults('classification').max_features, 'sqrt');
  assert.equal(randomForest.defaults('regression').max_features, null);
  assert.equal(randomForest.defaults('classification').n_estimators, 100);
  const bad: [Record<string, unknown>, string][] = [
    [{ n_estimators: 0 }, 'n_estimators'],
    [{ trees: 10 }, 'trees'],
    [{ bootstrap: 'yes' }, 'bootstrap'],
    [{ max_samples: 1.5 }, 'max_samples'],
    [{ max_samples: 0.5, bootstrap: false }, 'max_samples'],
    [{ criterion: 'mse' }, 'criterion'],
    [{ class_weight: 'even' }, 'class_weight'],
  ];
  for (const [params, name] of bad) {
    assert.throws(
      () => randomForest.params(params, 'classification'),
      (e: Error) => e instanceof ModelParamError && e.param === name,
      JSON.stringify(params),
    );
  }
  const { X, y } = synthetic(200, 8);
  await assert.rejects(
    fitForest(X, y, { max_samples: 500 }),
    (e: Error) => e instanceof ModelParamError && e.message.includes('200'),
  );
  // Valid variants fit: no bootstrap, half samples, balanced_subsample, entropy.
  for (const params of [
    { bootstrap: false },
    { max_samples: 0.5 },
    { class_weight: 'balanced_subsample' },
    { criterion: 'entropy', max_depth: 3 },
  ]) {
    const model = await fitForest(X, y, { n_estimators: 5, ...params });
    assert.ok(accuracy(model.predict(X), y.y) > 0.8, JSON.stringify(params));
  }
});
