// Histogram gradient boosting against scikit-learn 1.2's HistGradientBoosting on the same rows:
// real data (penguins multiclass with gaps, cars regression with gaps, vega flights binary with
// early stopping) and a seeded synthetic task. Our score must be at least scikit-learn's minus a
// small margin on held-out rows (the bar for the benchmark is AUC ≥ sklearn − 0.005).
// Without early stopping the trees are scikit-learn's own (cars: R² equal to 1e-9).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { histGradientBoosting } from '../../../../src/core/model/models/boosting';
import type { Target } from '../../../../src/core/model/matrix';
import { sklearn } from '../sklearnReference';
import {
  accuracy,
  cars,
  flights,
  headTail,
  penguins,
  r2,
  rocAuc,
  rowsOf,
  synthetic,
  type Dataset,
} from './boostingData';

// scikit-learn's OpenMP threads spin while waiting: on a busy 2-core machine one thread is far faster.
process.env.OMP_NUM_THREADS = '1';

interface Case {
  train: Dataset;
  test: Dataset;
  params?: Record<string, unknown>;
}

/**
 * scikit-learn's held-out scores, ROC-AUC (binary), accuracy (multiclass) or R² (regression), for
 * every case in one Python run (importing scikit-learn once).
 */
function references(cases: Case[]): number[] {
  return sklearn<number[]>(
    `
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.metrics import roc_auc_score, accuracy_score, r2_score
result = []
for c in data:
    X = np.array(c['X'], dtype=float); y = np.array(c['y']); Xt = np.array(c['Xt'], dtype=float); yt = np.array(c['yt'])
    if c['task'] == 'regression':
        m = HistGradientBoostingRegressor(random_state=0, **c['params']).fit(X, y); s = r2_score(yt, m.predict(Xt))
    elif c['binary']:
        m = HistGradientBoostingClassifier(random_state=0, **c['params']).fit(X, y); s = roc_auc_score(yt, m.predict_proba(Xt)[:, 1])
    else:
        m = HistGradientBoostingClassifier(random_state=0, **c['params']).fit(X, y); s = accuracy_score(yt, m.predict(Xt))
    result.append(s)
`,
    cases.map(({ train, test, params }) => ({
      X: rowsOf(train.X),
      y: Array.from(train.y.y),
      Xt: rowsOf(test.X),
      yt: Array.from(test.y.y),
      params: params ?? {},
      task: train.y.task,
      binary: train.y.task === 'classification' && train.y.classes.length === 2,
    })),
  );
}

const SHALLOW = { max_depth: 3, l2_regularization: 1, learning_rate: 0.05, max_iter: 200, min_samples_leaf: 5 };
const CASES = {
  penguins: { train: penguins('train'), test: penguins('holdout') },
  cars: { train: cars('train'), test: cars('holdout') },
  carsShallow: { train: cars('train'), test: cars('holdout'), params: SHALLOW },
  flights: (() => {
    const [train, test] = headTail(flights(), 0.75);
    return { train, test };
  })(),
  synthetic: (() => {
    const [train, test] = headTail(synthetic(6000, 10, 7), 0.75);
    return { train, test };
  })(),
};
let cached: Record<keyof typeof CASES, number> | undefined;
function reference(name: keyof typeof CASES): number {
  if (!cached) {
    const names = Object.keys(CASES) as (keyof typeof CASES)[];
    const scores = references(names.map((n) => CASES[n]));
    cached = Object.fromEntries(names.map((n, i) => [n, scores[i]])) as Record<keyof typeof CASES, number>;
  }
  return cached[name];
}

async function ours(train: Dataset, test: Dataset, raw: Record<string, unknown> = {}) {
  const params = histGradientBoosting.params(raw, train.y.task);
  const model = await histGradientBoosting.fit(train.X, train.y, params, { seed: 0, threads: 1 });
  const y = test.y as Target;
  let score: number;
  if (y.task === 'regression') score = r2(model.predict(test.X), y.y);
  else if (y.classes.length === 2) {
    const proba = model.predictProba!(test.X);
    score = rocAuc(
      Float64Array.from({ length: test.X.rows }, (_, i) => proba[2 * i + 1]),
      y.y,
    );
  } else score = accuracy(model.predict(test.X), y.y);
  return { score, model };
}

test('penguins species (3 classes, missing measurements): holdout accuracy matches scikit-learn', async () => {
  const { train, test } = CASES.penguins;
  const sk = reference('penguins');
  const { score, model } = await ours(train, test);
  assert.equal(model.info.n_trees_per_iteration, 3);
  assert.ok(score >= sk - 0.02, `accuracy ${score} vs scikit-learn ${sk}`);
  assert.ok(score >= 0.9, `accuracy ${score}`);
});

test('cars miles per gallon (regression, missing horsepower): holdout R² matches scikit-learn', async () => {
  const { train, test } = CASES.cars;
  const sk = reference('cars');
  const { score } = await ours(train, test);
  // Same binning, same split rules, no early stopping below 10,000 rows: the same trees.
  assert.ok(Math.abs(score - sk) < 1e-9, `R² ${score} vs scikit-learn ${sk}`);
  assert.ok(score > 0.8, `R² ${score}`);
});

test('cars with shallow trees and L2 (max_depth 3, l2_regularization 1): R² matches scikit-learn', async () => {
  const { train, test, params } = CASES.carsShallow;
  const sk = reference('carsShallow');
  const { score } = await ours(train, test, params);
  assert.ok(Math.abs(score - sk) < 1e-9, `R² ${score} vs scikit-learn ${sk}`);
});

test('flights delayed > 15 min (20,000 rows, early stopping on): ROC-AUC at least scikit-learn − 0.005', async () => {
  const { train, test } = CASES.flights;
  const sk = reference('flights');
  const { score, model } = await ours(train, test);
  assert.equal(model.info.early_stopping, true);
  assert.ok(score >= sk - 0.005, `AUC ${score} vs scikit-learn ${sk}`);
});

test('seeded synthetic binary task with interactions: ROC-AUC at least scikit-learn − 0.005', async () => {
  const { train, test } = CASES.synthetic;
  const sk = reference('synthetic');
  const { score } = await ours(train, test);
  assert.ok(score >= sk - 0.005, `AUC ${score} vs scikit-learn ${sk}`);
  assert.ok(score > 0.9, `AUC ${score}`);
});
