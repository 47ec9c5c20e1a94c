// Logistic regression against scikit-learn's LogisticRegression: lbfgs at the default tolerance and
// newton-cg at tight ones for l2 / none, saga for
// l1 / elasticnet (the optimum is unique, so a converged solver agrees), binary and multinomial,
// on penguins, Seattle weather and seeded synthetic data; plus absent classes, edge cases,
// serialisation, parameter errors, missing values and cancellation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logisticRegression } from '../../../../src/core/model/models/logistic';
import { ModelFormatError, ModelParamError, type FittedModel } from '../../../../src/core/model/models/estimator';
import { loadModel } from '../../../../src/core/model/models/registry';
import type { Matrix, Target } from '../../../../src/core/model/matrix';
import { sklearn } from '../sklearnReference';
import {
  PENGUINS,
  SEATTLE,
  classificationTarget,
  fromRows,
  loadTable,
  maxAbsDiff,
  synthetic,
  toRows,
} from './linearTestData';

const penguins = loadTable(
  PENGUINS,
  ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'],
  'Species',
);
const species = classificationTarget(penguins.labels);
const weather = loadTable(SEATTLE, ['precipitation', 'temp_max', 'temp_min', 'wind'], 'weather');
const weatherKinds = classificationTarget(weather.labels);
const rain = classificationTarget(weather.labels.map((l) => (l === 'rain' ? 'rain' : 'other')));
const binary = synthetic(21, 2000, 10, 'classification');
const wide = synthetic(22, 30, 60, 'classification');
const TIGHT = { tol: 1e-10, max_iter: 20000 };

interface Case {
  name: string;
  X: Matrix;
  y: Target & { task: 'classification' };
  params: Record<string, unknown>;
  tolerance: number;
}
interface Reference {
  proba: number[][];
  objective: number;
  coef: number[][];
}

const CASES: Case[] = [
  { name: 'penguins l2 default (lbfgs)', X: penguins.X, y: species, params: {}, tolerance: 1e-3 },
  { name: 'weather rain l2 default (lbfgs)', X: weather.X, y: rain, params: {}, tolerance: 1e-3 },
  { name: 'penguins l2 C=0.1 tight', X: penguins.X, y: species, params: { C: 0.1, ...TIGHT }, tolerance: 1e-5 },
  { name: 'weather multinomial C=0.5', X: weather.X, y: weatherKinds, params: { C: 0.5, ...TIGHT }, tolerance: 1e-5 },
  { name: 'weather rain binary', X: weather.X, y: rain, params: { ...TIGHT }, tolerance: 1e-5 },
  { name: 'weather rain no penalty', X: weather.X, y: rain, params: { penalty: 'none', ...TIGHT }, tolerance: 1e-4 },
  {
    name: 'synthetic binary no intercept',
    X: binary.X,
    y: binary.y as Case['y'],
    params: { C: 2, fit_intercept: false, ...TIGHT },
    tolerance: 1e-5,
  },
  {
    name: 'wide l2 (more features than rows)',
    X: wide.X,
    y: wide.y as Case['y'],
    params: { C: 0.3, ...TIGHT },
    tolerance: 1e-4,
  },
  { name: 'penguins l1', X: penguins.X, y: species, params: { penalty: 'l1', C: 0.5, ...TIGHT }, tolerance: 1e-4 },
  { name: 'weather rain l1', X: weather.X, y: rain, params: { penalty: 'l1', C: 0.05, ...TIGHT }, tolerance: 1e-4 },
  {
    name: 'synthetic elasticnet',
    X: binary.X,
    y: binary.y as Case['y'],
    params: { penalty: 'elasticnet', l1_ratio: 0.5, C: 0.01, ...TIGHT },
    tolerance: 1e-4,
  },
];

const REFERENCE = `
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
result = []
for case in data:
    p = case['params']
    pen = p.get('penalty', 'l2')
    C = p.get('C', 1.0)
    # saga for l1 / elasticnet; for tight tolerances newton-cg (lbfgs may stop on its ftol first).
    solver = 'saga' if pen in ('l1', 'elasticnet') else ('newton-cg' if p.get('tol', 1e-4) < 1e-6 else 'lbfgs')
    m = LogisticRegression(penalty=pen, C=C, l1_ratio=p.get('l1_ratio'), fit_intercept=p.get('fit_intercept', True),
        tol=1e-8 if solver == 'newton-cg' else p.get('tol', 1e-4), solver=solver,
        max_iter=200 if solver == 'newton-cg' else p.get('max_iter', 100) * (50 if solver == 'saga' else 1))
    X = np.array(case['X']); y = np.array(case['y'])
    m.fit(X, y)
    proba = m.predict_proba(X)
    r = p.get('l1_ratio') if pen == 'elasticnet' else (1.0 if pen == 'l1' else 0.0)
    loss = log_loss(y, proba, normalize=False)
    penalty = 0.0 if pen == 'none' else (r * np.abs(m.coef_).sum() + (1 - r) / 2 * (m.coef_ ** 2).sum())
    result.append({'proba': proba, 'objective': C * loss + penalty if pen != 'none' else loss, 'coef': m.coef_})
`;

let references: Reference[] | undefined;
function reference(index: number): Reference {
  references ??= sklearn<Reference[]>(
    REFERENCE,
    CASES.map((c) => ({ X: toRows(c.X), y: Array.from(c.y.y), params: c.params })),
  );
  return references[index];
}

async function fit(X: Matrix, y: Target, params: Record<string, unknown> = {}, ctx = {}): Promise<FittedModel> {
  return logisticRegression.fit(X, y, logisticRegression.params(params, 'classification'), { seed: 0, ...ctx });
}

for (const [index, c] of CASES.entries()) {
  test(`matches scikit-learn: ${c.name}`, async () => {
    const ref = reference(index);
    const model = await fit(c.X, c.y, c.params);
    const proba = model.predictProba?.(c.X) as Float64Array;
    const difference = maxAbsDiff(proba, ref.proba.flat());
    assert.ok(difference < c.tolerance, `probabilities differ by ${difference} (info ${JSON.stringify(model.info)})`);
    if (c.params.penalty !== 'none') {
      // Our converged objective is at least as good as scikit-learn's (relative 1e-6).
      const ours = model.info.objective as number;
      assert.ok(ours <= ref.objective * (1 + 1e-6) + 1e-9, `objective ${ours} vs scikit-learn ${ref.objective}`);
    }
    if (c.params.penalty === 'l1') {
      const coef = (model.toJSON().state as { coef: number[] }).coef;
      const zerosThere = ref.coef.flat().filter((v) => v === 0).length;
      assert.ok(coef.filter((v) => v === 0).length >= zerosThere - 1, 'L1 gives exact zeros like saga');
    }
  });
}

test('a class absent from the training rows gets probability 0, with a column, and never NaN', async () => {
  const keep = species.y.reduce<number[]>((rows, c, i) => (c !== 1 ? [...rows, i] : rows), []);
  const X = fromRows(keep.map((i) => toRows(penguins.X)[i]));
  const y: Target = { task: 'classification', classes: species.classes, y: Int32Array.from(keep, (i) => species.y[i]) };
  const model = await fit(X, y);
  const proba = model.predictProba?.(penguins.X) as Float64Array;
  assert.equal(proba.length, penguins.X.rows * 3);
  for (let i = 0; i < penguins.X.rows; i++) {
    assert.equal(proba[i * 3 + 1], 0);
    assert.ok(Math.abs(proba[i * 3] + proba[i * 3 + 2] - 1) < 1e-12);
  }
  assert.ok(proba.every(Number.isFinite));
  assert.ok(model.predict(penguins.X).every((c) => c !== 1));
  // One class only: probability 1 for it.
  const single = await fit(X, { task: 'classification', classes: ['a', 'b'], y: new Int32Array(X.rows).fill(1) });
  assert.deepEqual(Array.from(single.predictProba?.(fromRows([[0, 0, 0, 0]])) ?? []), [0, 1]);
});

test('constant and duplicated features do not produce NaN', async () => {
  const rows = toRows(penguins.X).map((r) => [r[0], 5, r[0], r[1], 0]);
  const model = await fit(fromRows(rows), species, { penalty: 'l1', C: 1 });
  assert.ok(model.predictProba?.(fromRows(rows)).every(Number.isFinite));
  const importances = model.featureImportances?.() as Float64Array;
  assert.equal(importances[1], 0);
  assert.equal(importances[4], 0);
});

test('featureImportances: mean |coef| over classes; save/load round-trips exactly', async () => {
  const model = await fit(penguins.X, species, { C: 0.5 });
  const saved = JSON.parse(JSON.stringify(model.toJSON()));
  const coef = saved.state.coef as number[];
  const expected = [0, 1, 2, 3].map((j) => (Math.abs(coef[j]) + Math.abs(coef[4 + j]) + Math.abs(coef[8 + j])) / 3);
  assert.ok(maxAbsDiff(model.featureImportances?.() ?? [], expected) < 1e-15);
  const loaded = loadModel(saved);
  assert.deepEqual(loaded.predictProba?.(penguins.X), model.predictProba?.(penguins.X));
  assert.deepEqual(loaded.toJSON(), model.toJSON());
  assert.throws(
    () => logisticRegression.load({ ...saved, version: 9 }),
    (e: Error) => e instanceof ModelFormatError && /newer/.test(e.message),
  );
  assert.throws(() => logisticRegression.load({ ...saved, state: { ...saved.state, coef: [1, 2] } }), ModelFormatError);
  assert.throws(() => logisticRegression.load({ ...saved, classes: undefined }), ModelFormatError);
});

test('parameters: scikit-learn defaults; unknown, out-of-range and missing l1_ratio rejected', () => {
  assert.deepEqual(logisticRegression.defaults('classification'), {
    penalty: 'l2',
    C: 1,
    l1_ratio: null,
    fit_intercept: true,
    max_iter: 100,
    tol: 1e-4,
  });
  assert.throws(
    () => logisticRegression.params({ alpha: 1 }, 'classification'),
    (e: Error) => e instanceof ModelParamError && /alpha/.test(e.message),
  );
  assert.throws(() => logisticRegression.params({ C: 0 }, 'classification'), /parameter C: expected a number > 0/);
  assert.throws(() => logisticRegression.params({ penalty: 'elasticnet' }, 'classification'), /l1_ratio.*required/);
  assert.throws(() => logisticRegression.params({ max_iter: 0 }, 'classification'), ModelParamError);
  assert.throws(() => logisticRegression.params({ tol: '1e-4' }, 'classification'), ModelParamError);
});

test('missing values are refused with the feature name', async () => {
  const X = fromRows(
    [
      [1, NaN],
      [2, 1],
      [3, 0],
      [4, 1],
    ],
    ['Beak', 'Flipper'],
  );
  await assert.rejects(
    fit(X, { task: 'classification', classes: ['a', 'b'], y: Int32Array.of(0, 1, 0, 1) }),
    /feature "Flipper".*imput/,
  );
});

test('cancellation: an aborted signal rejects with AbortError, also mid-fit; onIteration can stop', async () => {
  const aborted = new AbortController();
  aborted.abort();
  await assert.rejects(fit(binary.X, binary.y, {}, { signal: aborted.signal }), { name: 'AbortError' });
  const midway = new AbortController();
  await assert.rejects(
    fit(binary.X, binary.y, TIGHT, {
      signal: midway.signal,
      onIteration: (e: { iteration: number }) => {
        if (e.iteration === 2) midway.abort();
      },
    }),
    { name: 'AbortError' },
  );
  const losses: number[] = [];
  const stopped = await fit(weather.X, weatherKinds, TIGHT, {
    onIteration: (e: { iteration: number; trainLoss?: number }) => {
      losses.push(e.trainLoss as number);
      return e.iteration === 4 ? 'stop' : undefined;
    },
  });
  assert.equal(stopped.info.iterations, 4);
  assert.equal(losses.length, 4);
  assert.ok(losses[3] < losses[0]);
});
