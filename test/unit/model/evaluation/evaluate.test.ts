// evaluatePredictions: the report's metrics, per-class scores, confusion matrix, curves and
// threshold analysis agree with scikit-learn 1.2.1 and with the metric API; long curves are
// thinned but keep their full-curve areas; regression samples and histograms are reproducible.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Target } from '../../../../src/core/model/matrix';
import { evaluatePredictions, histogram } from '../../../../src/core/model/evaluation/index';
import type {
  ClassificationEvaluation,
  RegressionEvaluation,
} from '../../../../src/core/model/evaluation/evaluationTypes';
import { computeMetrics, type Prediction } from '../../../../src/core/model/metrics/index';
import { sklearn } from '../sklearnReference';
import {
  assertClose,
  assertSameArray,
  PY_EXAMPLE_PREDICTIONS,
  syntheticClassification,
  type ClassCase,
} from '../metrics/metricReference';
import { seededRandom } from '../../seededRandom';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const examples = sklearn<{
  species: { y: number[]; proba: number[][]; classes: string[] };
  sex: { y: number[]; proba: number[][]; classes: string[] };
}>(PY_EXAMPLE_PREDICTIONS, { root });

function target(c: { y: number[]; classes: string[] }): Target {
  return { task: 'classification', classes: c.classes, y: Int32Array.from(c.y) };
}
function prediction(c: { proba: number[][] }): Prediction {
  return { task: 'classification', proba: Float64Array.from(c.proba.flat()) };
}

const PY_REPORT = `
from sklearn import metrics as M
out = []
for c in data:
    y = np.array(c['y']); P = np.array(c['proba'], dtype=float); k = P.shape[1]; pred = P.argmax(axis=1)
    p, r, f, s = M.precision_recall_fscore_support(y, pred, labels=list(range(k)), average=None, zero_division=0)
    aucs = [M.roc_auc_score((y == j).astype(int), P[:, j]) for j in range(k)]
    aps = [M.average_precision_score((y == j).astype(int), P[:, j]) for j in range(k)]
    out.append({'confusion': M.confusion_matrix(y, pred, labels=list(range(k))), 'precision': p, 'recall': r, 'f1': f, 'support': s, 'auc': aucs, 'ap': aps})
result = out
`;

describe('evaluatePredictions: classification', () => {
  const big = syntheticClassification('big', 41, 5000, 2, { signal: 1 });
  const cases: Array<{ name: string; y: number[]; proba: number[][]; classes: string[] }> = [
    { name: 'penguins species', ...examples.species },
    { name: 'penguins sex', ...examples.sex },
    { name: 'synthetic 5000 rows', y: big.y, proba: big.proba, classes: ['no', 'yes'] },
  ];
  const expected = sklearn<
    Array<{
      confusion: number[][];
      precision: number[];
      recall: number[];
      f1: number[];
      support: number[];
      auc: number[];
      ap: number[];
    }>
  >(PY_REPORT, cases);

  cases.forEach((c, i) => {
    it(c.name, () => {
      const e = expected[i];
      const evaluation = evaluatePredictions({
        target: target(c),
        prediction: prediction(c),
        on: 'holdout',
        seed: 1,
      }) as ClassificationEvaluation;
      const k = c.classes.length;
      assert.equal(evaluation.task, 'classification');
      assert.equal(evaluation.rows, c.y.length);
      assert.deepEqual(evaluation.metrics, computeMetrics(target(c), prediction(c)));
      assert.deepEqual(evaluation.confusion, e.confusion);
      assertSameArray(
        evaluation.perClass.map((p) => p.precision),
        e.precision,
        'precision',
      );
      assertSameArray(
        evaluation.perClass.map((p) => p.recall),
        e.recall,
        'recall',
      );
      assertSameArray(
        evaluation.perClass.map((p) => p.f1),
        e.f1,
        'f1',
      );
      assert.deepEqual(
        evaluation.perClass.map((p) => p.support),
        e.support,
      );
      const curveClasses = k === 2 ? [1] : [...Array(k).keys()];
      assert.deepEqual(
        evaluation.roc.map((r) => r.class),
        curveClasses.map((j) => c.classes[j]),
      );
      evaluation.roc.forEach((curve, j) => {
        assertClose(curve.area, e.auc[curveClasses[j]], `roc area ${curve.class}`);
        assert.ok(
          curve.x.length <= 201 && curve.x.length === curve.y.length && curve.x.length === curve.thresholds.length,
        );
        assert.deepEqual([curve.x[0], curve.y[0], curve.x.at(-1), curve.y.at(-1)], [0, 0, 1, 1]);
      });
      evaluation.pr.forEach((curve, j) => {
        assertClose(curve.area, e.ap[curveClasses[j]], `pr area ${curve.class}`);
        assert.ok(curve.x.length <= 201);
        assert.deepEqual([curve.x.at(-1), curve.y.at(-1)], [0, 1]);
        assert.equal(curve.thresholds.length, curve.x.length - 1);
      });
      if (k === 2) {
        assertClose(evaluation.roc[0].area, evaluation.metrics.roc_auc, 'roc_auc');
        assertClose(evaluation.pr[0].area, evaluation.metrics.average_precision, 'average_precision');
        assert.equal(evaluation.positiveClass, c.classes[1]);
        const t = evaluation.threshold!;
        assert.ok(t.thresholds.length <= 201);
        const best = t.thresholds.indexOf(t.bestF1Threshold);
        assert.ok(best >= 0, 'the best-F1 threshold is among the stored points');
        assert.equal(t.f1[best], Math.max(...t.f1));
      } else {
        assert.equal(evaluation.threshold, undefined);
      }
      for (const cal of evaluation.calibration)
        assert.equal(
          cal.count.reduce((a, b) => a + b, 0),
          c.y.length,
        );
    });
  });

  it('uses the positive class it is given, by name', () => {
    const evaluation = evaluatePredictions({
      target: target(examples.sex),
      prediction: prediction(examples.sex),
      on: 'cv',
      positiveClass: 'FEMALE',
      seed: 1,
    }) as ClassificationEvaluation;
    assert.equal(evaluation.positiveClass, 'FEMALE');
    assert.equal(evaluation.roc[0].class, 'FEMALE');
    assert.equal(evaluation.metrics.recall, evaluation.perClass[0].recall);
    assert.throws(
      () =>
        evaluatePredictions({
          target: target(examples.sex),
          prediction: prediction(examples.sex),
          on: 'cv',
          positiveClass: 'male',
          seed: 1,
        }),
      /Positive class "male" is not one of the target's classes \(FEMALE, MALE\)/,
    );
  });

  it('leaves curves out for label-only predictions and of classes absent from y_true', () => {
    const c: ClassCase = syntheticClassification('m', 42, 300, 3);
    const rows = c.y.map((y, i) => (y === 2 ? -1 : i)).filter((i) => i >= 0);
    const t: Target = { task: 'classification', classes: ['a', 'b', 'c'], y: Int32Array.from(rows, (i) => c.y[i]) };
    const p: Prediction = { task: 'classification', proba: Float64Array.from(rows.flatMap((i) => c.proba[i])) };
    const evaluation = evaluatePredictions({
      target: t,
      prediction: p,
      on: 'holdout',
      seed: 0,
    }) as ClassificationEvaluation;
    assert.deepEqual(
      evaluation.roc.map((r) => r.class),
      ['a', 'b'],
    );
    assert.equal(evaluation.metrics.roc_auc, undefined);
    const labelsOnly = evaluatePredictions({
      target: t,
      prediction: { ...p, probabilistic: false },
      on: 'holdout',
      seed: 0,
    }) as ClassificationEvaluation;
    assert.deepEqual([labelsOnly.roc, labelsOnly.pr, labelsOnly.calibration], [[], [], []]);
    assert.equal(labelsOnly.metrics.accuracy, evaluation.metrics.accuracy);
  });
});

describe('evaluatePredictions: regression', () => {
  const random = seededRandom(5);
  const n = 5000;
  const y = Float64Array.from({ length: n }, () => random() * 100);
  const values = Float64Array.from(y, (v) => v + (random() - 0.5) * 10);
  const t: Target = { task: 'regression', y };
  const p: Prediction = { task: 'regression', values };

  it('samples at most 2000 points reproducibly and histograms every residual', () => {
    const a = evaluatePredictions({ target: t, prediction: p, on: 'holdout', seed: 3 }) as RegressionEvaluation;
    const b = evaluatePredictions({ target: t, prediction: p, on: 'holdout', seed: 3 }) as RegressionEvaluation;
    const other = evaluatePredictions({ target: t, prediction: p, on: 'holdout', seed: 4 }) as RegressionEvaluation;
    assert.equal(a.points.actual.length, 2000);
    assert.deepEqual(a.points, b.points);
    assert.notDeepEqual(a.points.actual, other.points.actual);
    for (let i = 0; i < 2000; i++) {
      const j = y.indexOf(a.points.actual[i]);
      assert.equal(values[j], a.points.predicted[i], 'actual and predicted of the same row');
    }
    assert.equal(
      a.residualHistogram.counts.reduce((s, c) => s + c, 0),
      n,
    );
    assert.equal(a.residualHistogram.edges.length, a.residualHistogram.counts.length + 1);
    assert.deepEqual(a.metrics, computeMetrics(t, p));
  });

  it('keeps every point of a small set, and gives a constant residual one bin', () => {
    const small = evaluatePredictions({
      target: { task: 'regression', y: Float64Array.of(1, 2, 3) },
      prediction: { task: 'regression', values: Float64Array.of(1, 2, 3) },
      on: 'cv',
      seed: 0,
    }) as RegressionEvaluation;
    assert.deepEqual(small.points, { actual: [1, 2, 3], predicted: [1, 2, 3] });
    assert.deepEqual(small.residualHistogram, { edges: [-0.5, 0.5], counts: [3] });
    assert.deepEqual(histogram(Float64Array.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 10)).counts, [2, 2, 2, 2, 2]);
  });
});
