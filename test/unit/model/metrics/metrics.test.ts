// Every metric of computeMetrics against scikit-learn 1.2.1's own functions, computed live on
// the same predictions: real predictions of models fitted on the example datasets, seeded
// synthetic predictions with and without tied scores, perfect and worst predictions, a majority
// baseline (zero divisions), a class absent from y_true and a single-class y_true.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Target } from '../../../../src/core/model/matrix';
import {
  computeMetrics,
  defaultPrimaryMetric,
  greaterIsBetter,
  isKnownMetric,
  metricNames,
  scoreMetric,
  type Prediction,
} from '../../../../src/core/model/metrics/index';
import { sklearn } from '../sklearnReference';
import {
  assertSameMetrics,
  oneHot,
  PY_CLASSIFICATION,
  PY_EXAMPLE_PREDICTIONS,
  PY_REGRESSION,
  syntheticClassification,
  type ClassCase,
  type RegressionCase,
} from './metricReference';
import { seededRandom } from '../../seededRandom';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

function classTarget(c: ClassCase): Target {
  return { task: 'classification', classes: Array.from({ length: c.k }, (_, i) => `c${i}`), y: Int32Array.from(c.y) };
}
function classPrediction(c: ClassCase): Prediction {
  return { task: 'classification', proba: Float64Array.from(c.proba.flat()) };
}

interface Examples {
  species: { y: number[]; proba: number[][]; classes: string[] };
  sex: { y: number[]; proba: number[][]; classes: string[] };
  cars: { y: number[]; p: number[] };
}

const examples = sklearn<Examples>(PY_EXAMPLE_PREDICTIONS, { root });

function classificationCases(): ClassCase[] {
  const random = seededRandom(7);
  const binaryY = Array.from({ length: 60 }, () => (random() < 0.4 ? 1 : 0));
  const multiY = Array.from({ length: 90 }, () => Math.floor(random() * 3));
  const absent = syntheticClassification('class 1 absent from y_true', 11, 200, 3);
  const keepRows = absent.y.map((y, i) => (y === 1 ? -1 : i)).filter((i) => i >= 0);
  const neverPredicted = syntheticClassification('class 2 never predicted', 12, 150, 3);
  return [
    {
      name: 'penguins species (logistic regression)',
      y: examples.species.y,
      proba: examples.species.proba,
      k: 3,
      pos: 1,
    },
    { name: 'penguins sex (naive Bayes)', y: examples.sex.y, proba: examples.sex.proba, k: 2, pos: 1 },
    { name: 'penguins sex, positive class 0', y: examples.sex.y, proba: examples.sex.proba, k: 2, pos: 0 },
    syntheticClassification('binary synthetic', 1, 500, 2),
    syntheticClassification('binary with tied scores', 2, 400, 2, { decimals: 1 }),
    { ...syntheticClassification('binary ties, positive class 0', 3, 300, 2, { decimals: 1 }), pos: 0 },
    syntheticClassification('4 classes with ties', 4, 600, 4, { decimals: 2, signal: 1 }),
    syntheticClassification('3 classes, weak signal', 5, 250, 3, { signal: 0.3 }),
    { name: 'binary perfect', y: binaryY, proba: oneHot(binaryY, 2), k: 2, pos: 1 },
    {
      name: 'binary worst',
      y: binaryY,
      proba: oneHot(
        binaryY.map((v) => 1 - v),
        2,
      ),
      k: 2,
      pos: 1,
    },
    {
      name: 'binary majority baseline (zero division)',
      y: binaryY,
      proba: binaryY.map(() => [0.6, 0.4]),
      k: 2,
      pos: 1,
    },
    { name: 'multi-class perfect', y: multiY, proba: oneHot(multiY, 3), k: 3, pos: 0 },
    {
      name: 'multi-class worst',
      y: multiY,
      proba: oneHot(
        multiY.map((v) => (v + 1) % 3),
        3,
      ),
      k: 3,
      pos: 0,
    },
    { name: 'multi-class prior baseline', y: multiY, proba: multiY.map(() => [0.2, 0.5, 0.3]), k: 3, pos: 0 },
    { ...absent, y: keepRows.map((i) => absent.y[i]), proba: keepRows.map((i) => absent.proba[i]) },
    { ...neverPredicted, proba: neverPredicted.proba.map(([a, b, c]) => [a + c / 2, b + c / 2, 0]) },
    {
      name: 'single-class y_true',
      y: binaryY.map(() => 0),
      proba: syntheticClassification('', 6, 60, 2).proba,
      k: 2,
      pos: 1,
    },
  ];
}

function regressionCases(): RegressionCase[] {
  const random = seededRandom(21);
  const y = Array.from({ length: 301 }, () => Math.round((random() * 20 - 5) * 10) / 10);
  const p = y.map((v) => v + (random() - 0.5) * 4);
  return [
    { name: 'cars miles per gallon (linear regression)', ...examples.cars },
    { name: 'synthetic with zeros in y (mape epsilon)', y, p },
    { name: 'even count (median of two middle values)', y: y.slice(0, 100), p: p.slice(0, 100) },
    { name: 'perfect', y: y.slice(0, 50), p: y.slice(0, 50) },
    { name: 'constant y, imperfect', y: y.slice(0, 20).map(() => 3), p: p.slice(0, 20) },
    { name: 'constant y, perfect', y: [2, 2, 2], p: [2, 2, 2] },
    { name: 'single row', y: [4], p: [3] },
  ];
}

describe('classification metrics match scikit-learn 1.2.1', () => {
  const cases = classificationCases();
  const expected = sklearn<Array<Record<string, number>>>(
    `${PY_CLASSIFICATION}\nresult = [clf_metrics(c) for c in data]`,
    cases,
  );
  cases.forEach((c, i) => {
    it(c.name, () => {
      const actual = computeMetrics(classTarget(c), classPrediction(c), { positiveClass: c.pos });
      assertSameMetrics(actual, expected[i], c.name);
      for (const name of Object.keys(actual)) {
        assert.equal(
          scoreMetric(name, classTarget(c), classPrediction(c), { positiveClass: c.pos }),
          actual[name],
          `${c.name}: scoreMetric ${name}`,
        );
      }
    });
  });

  it('leaves roc_auc out when a class is absent from y_true or y_true has one class, as scikit-learn cannot compute it', () => {
    const absent = cases.find((c) => c.name === 'class 1 absent from y_true')!;
    const metrics = computeMetrics(classTarget(absent), classPrediction(absent));
    assert.equal(metrics.roc_auc, undefined);
    assert.equal(metrics.roc_auc_ovr, undefined);
    assert.ok(Number.isNaN(scoreMetric('roc_auc', classTarget(absent), classPrediction(absent))));
    const single = cases.find((c) => c.name === 'single-class y_true')!;
    assert.equal(computeMetrics(classTarget(single), classPrediction(single)).roc_auc, undefined);
  });
});

describe('regression metrics match scikit-learn 1.2.1', () => {
  const cases = regressionCases();
  const expected = sklearn<Array<Record<string, number>>>(
    `${PY_REGRESSION}\nresult = [reg_metrics(c) for c in data]`,
    cases,
  );
  cases.forEach((c, i) => {
    it(c.name, () => {
      const target: Target = { task: 'regression', y: Float64Array.from(c.y) };
      const prediction: Prediction = { task: 'regression', values: Float64Array.from(c.p) };
      assertSameMetrics(computeMetrics(target, prediction), expected[i], c.name);
    });
  });
});

describe('metric names', () => {
  it('lists the metrics per task, with binary-only and multi-class-only names', () => {
    assert.ok(metricNames('classification', 2).includes('f1'));
    assert.ok(!metricNames('classification', 3).includes('f1'));
    assert.ok(metricNames('classification', 3).includes('roc_auc_ovr_weighted'));
    assert.deepEqual(metricNames('regression'), [
      'rmse',
      'mse',
      'mae',
      'r2',
      'mape',
      'median_absolute_error',
      'explained_variance',
      'max_error',
    ]);
    assert.equal(defaultPrimaryMetric('classification', 2), 'balanced_accuracy');
    assert.equal(defaultPrimaryMetric('regression'), 'rmse');
    assert.ok(isKnownMetric('log_loss', 'classification'));
    assert.ok(!isKnownMetric('log_loss', 'regression'));
    assert.ok(!isKnownMetric('neg_log_loss', 'classification'));
  });

  it('orients every metric the way the run summary reads it', () => {
    const lower = ['log_loss', 'brier_score', 'rmse', 'mse', 'mae', 'mape', 'median_absolute_error', 'max_error'];
    for (const name of [
      ...metricNames('classification', 2),
      ...metricNames('classification', 3),
      ...metricNames('regression'),
    ]) {
      assert.equal(greaterIsBetter(name), !lower.includes(name), name);
    }
  });

  it('scores roc_auc_ovr of a binary target as its roc_auc', () => {
    const c = syntheticClassification('b', 9, 100, 2);
    assert.equal(
      scoreMetric('roc_auc_ovr', classTarget(c), classPrediction(c)),
      scoreMetric('roc_auc', classTarget(c), classPrediction(c)),
    );
  });
});

describe('bad input', () => {
  const c = syntheticClassification('b', 10, 20, 2);
  it('names an unknown metric and lists the known ones', () => {
    assert.throws(
      () => scoreMetric('f2', classTarget(c), classPrediction(c)),
      /Unknown classification metric "f2"; known metrics: accuracy/,
    );
  });
  it('refuses a binary metric on a multi-class target', () => {
    const m = syntheticClassification('m', 10, 20, 3);
    assert.throws(
      () => scoreMetric('f1', classTarget(m), classPrediction(m)),
      /binary targets; this target has 3 classes \(use f1_macro/,
    );
  });
  it('says which row has a bad probability, and when lengths differ', () => {
    const proba = Float64Array.from(c.proba.flat());
    proba[7] = Number.NaN;
    assert.throws(
      () => computeMetrics(classTarget(c), { task: 'classification', proba }),
      /class "c1" in row 4 is NaN/,
    );
    assert.throws(
      () => computeMetrics(classTarget(c), { task: 'classification', proba: proba.subarray(2) }),
      /38 values; expected 20 rows × 2 classes = 40/,
    );
    assert.throws(
      () =>
        computeMetrics(
          { task: 'regression', y: new Float64Array(3) },
          { task: 'regression', values: Float64Array.of(1, Infinity, 2) },
        ),
      /row 2 is Infinity/,
    );
    assert.throws(
      () => computeMetrics(classTarget(c), { task: 'regression', values: new Float64Array(20) }),
      /prediction is for regression but the target is classification/,
    );
  });
  it('names an unknown positive class', () => {
    assert.throws(
      () => computeMetrics(classTarget(c), classPrediction(c), { positiveClass: 2 }),
      /Positive class index 2 is outside the 2 classes \(c0, c1\)/,
    );
  });
  it('leaves probability metrics out for label-only predictions', () => {
    const labels = Int32Array.from(c.y);
    const metrics = computeMetrics(classTarget(c), {
      task: 'classification',
      proba: new Float64Array(40).fill(0.5),
      labels,
      probabilistic: false,
    });
    assert.equal(metrics.accuracy, 1);
    assert.equal(metrics.roc_auc, undefined);
    assert.equal(metrics.log_loss, undefined);
  });
});
