// ROC, precision-recall and calibration curves point by point against scikit-learn 1.2.1
// (roc_curve with drop_intermediate=True, precision_recall_curve, calibration_curve with 10
// uniform bins), on real predictions, on tied scores and on degenerate scores; threshold
// analysis against scikit-learn's scores of the thresholded predictions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { calibrationCurve, thinIndices, thresholdMetrics } from '../../../../src/core/model/metrics/curves';
import {
  averagePrecisionOfCurve,
  binaryClfCounts,
  precisionRecallCurve,
  rocCurve,
  trapezoid,
} from '../../../../src/core/model/metrics/ranking';
import { sklearn } from '../sklearnReference';
import { assertClose, assertSameArray, PY_EXAMPLE_PREDICTIONS, syntheticClassification } from './metricReference';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

interface BinaryCase {
  name: string;
  y: number[];
  score: number[];
  /** Check every step-th threshold against scikit-learn. */
  step: number;
}

interface CurveReference {
  fpr: number[];
  tpr: number[];
  rocThresholds: number[];
  auc: number;
  precision: number[];
  recall: number[];
  prThresholds: number[];
  ap: number;
  calTrue: number[];
  calPred: number[];
  thr: { precision: number[]; recall: number[]; f1: number[]; accuracy: number[]; rate: number[] };
}

const PY_CURVES = `
from sklearn import metrics as M
from sklearn.calibration import calibration_curve
def curves(case):
    y = np.array(case['y']); s = np.array(case['score'], dtype=float)
    out = {}
    if len(np.unique(y)) == 2:
        fpr, tpr, thr = M.roc_curve(y, s)
        out.update(fpr=fpr, tpr=tpr, rocThresholds=thr, auc=M.roc_auc_score(y, s))
    p, r, t = M.precision_recall_curve(y, s)
    out.update(precision=p, recall=r, prThresholds=t, ap=M.average_precision_score(y, s))
    ct, cp = calibration_curve(y, s, n_bins=10, strategy='uniform')
    out.update(calTrue=ct, calPred=cp)
    ts = np.unique(s)[::-1][::case['step']]
    th = {'precision': [], 'recall': [], 'f1': [], 'accuracy': [], 'rate': []}
    for t in ts:
        pred = (s >= t).astype(int)
        th['precision'].append(M.precision_score(y, pred, zero_division=0))
        th['recall'].append(M.recall_score(y, pred, zero_division=0))
        th['f1'].append(M.f1_score(y, pred, zero_division=0))
        th['accuracy'].append(M.accuracy_score(y, pred))
        th['rate'].append(pred.mean())
    out['thr'] = th
    return out
result = [curves(c) for c in data]
`;

function cases(): BinaryCase[] {
  const ex = sklearn<{ sex: { y: number[]; proba: number[][] } }>(PY_EXAMPLE_PREDICTIONS, { root });
  const synthetic = syntheticClassification('s', 31, 700, 2);
  const ties = syntheticClassification('t', 32, 500, 2, { decimals: 1 });
  const edges = syntheticClassification('e', 33, 300, 2, { decimals: 1 });
  const list: Array<Omit<BinaryCase, 'step'>> = [
    { name: 'penguins sex (naive Bayes)', y: ex.sex.y, score: ex.sex.proba.map((r) => r[1]) },
    { name: 'synthetic, 700 rows', y: synthetic.y, score: synthetic.proba.map((r) => r[1]) },
    { name: 'scores tied at 0.1 steps', y: ties.y, score: ties.proba.map((r) => r[1]) },
    // Scores exactly on the calibration bin edges (0.1, 0.2, ..., 0.3 = 3 × 0.1 ≠ 0.30000000000000004).
    {
      name: 'scores on the bin edges',
      y: edges.y,
      score: edges.proba.map((r, i) => [0, 0.1, 0.2, 0.3, 0.30000000000000004, 0.5, 0.7, 0.9, 1][i % 9] ?? r[1]),
    },
    { name: 'all scores equal', y: ties.y.slice(0, 50), score: ties.y.slice(0, 50).map(() => 0.4) },
    { name: 'no positive rows', y: ties.y.slice(0, 40).map(() => 0), score: ties.proba.slice(0, 40).map((r) => r[1]) },
  ];
  return list.map((c) => ({ ...c, step: Math.max(1, Math.ceil(new Set(c.score).size / 40)) }));
}

describe('curves match scikit-learn 1.2.1', () => {
  const all = cases();
  const expected = sklearn<CurveReference[]>(PY_CURVES, all);
  all.forEach((c, i) => {
    it(c.name, () => {
      const e = expected[i];
      const y = Uint8Array.from(c.y);
      const score = Float64Array.from(c.score);
      const counts = binaryClfCounts(y, score);
      const roc = rocCurve(counts);
      if (e.fpr) {
        assert.ok(roc);
        assertSameArray(roc.fpr, e.fpr, 'fpr');
        assertSameArray(roc.tpr, e.tpr, 'tpr');
        assertSameArray(roc.thresholds, e.rocThresholds, 'roc thresholds');
        assertClose(trapezoid(roc.fpr, roc.tpr), e.auc, 'roc_auc');
      } else {
        assert.equal(roc, undefined);
      }
      const pr = precisionRecallCurve(counts);
      assertSameArray(pr.precision, e.precision, 'precision');
      assertSameArray(pr.recall, e.recall, 'recall');
      assertSameArray(pr.thresholds, e.prThresholds, 'pr thresholds');
      assertClose(averagePrecisionOfCurve(pr), e.ap, 'average_precision');
      const cal = calibrationCurve(y, score, 10);
      assertSameArray(cal.fractionPositive, e.calTrue, 'calibration fraction positive');
      assertSameArray(cal.meanPredicted, e.calPred, 'calibration mean predicted');
      assert.equal(
        cal.count.reduce((a, b) => a + b, 0),
        c.y.length,
      );
      // Every step-th threshold is checked (scikit-learn scores each one separately: slow).
      const t = thresholdMetrics(counts);
      const every = <T extends ArrayLike<number>>(a: T) => Array.from(a).filter((_, j) => j % c.step === 0);
      assertSameArray(every(t.precision), e.thr.precision, 'threshold precision');
      assertSameArray(every(t.recall), e.thr.recall, 'threshold recall');
      assertSameArray(every(t.f1), e.thr.f1, 'threshold f1');
      assertSameArray(every(t.accuracy), e.thr.accuracy, 'threshold accuracy');
      assertSameArray(every(t.positiveRate), e.thr.rate, 'threshold positive rate');
      assert.equal(t.f1[t.best], Math.max(...t.f1));
      if (c.step === 1) assert.equal(t.f1[t.best], Math.max(...e.thr.f1));
    });
  });
});

describe('thinning', () => {
  it('keeps at most the limit, the ends and the indices asked for', () => {
    assert.deepEqual(thinIndices(5, 200), [0, 1, 2, 3, 4]);
    const kept = thinIndices(10_000, 200, [4321]);
    assert.ok(kept.length <= 200);
    assert.equal(kept[0], 0);
    assert.equal(kept[kept.length - 1], 9999);
    assert.ok(kept.includes(4321));
    assert.deepEqual(
      kept,
      [...kept].sort((a, b) => a - b),
    );
  });
});
