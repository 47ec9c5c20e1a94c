// Error analysis finds the slice where a model was made to fail (planted in seeded data), ranks
// it first with its true error rate, and lists the worst rows with their line numbers and values.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Frame } from '../../../../src/core/model/frame';
import type { Target } from '../../../../src/core/model/matrix';
import { errorAnalysis } from '../../../../src/core/model/evaluation/index';
import type { Prediction } from '../../../../src/core/model/metrics/index';
import { seededRandom } from '../../seededRandom';

/**
 * 2000 rows: x uniform in [0, 100), island one of four, depth numeric with missing values.
 * The "model" is right 95% of the time, but only 40% on island Dream and 50% where x ≥ 80.
 */
function planted(): { frame: Frame; target: Target; prediction: Prediction } {
  const random = seededRandom(99);
  const n = 2000;
  const islands = ['Biscoe', 'Dream', 'Torgersen', 'Oddity'];
  const x = new Float64Array(n);
  const depth = new Float64Array(n);
  const island: Array<string | null> = [];
  const y = new Int32Array(n);
  const proba = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    x[i] = random() * 100;
    depth[i] = random() < 0.1 ? Number.NaN : 15 + random() * 5;
    island.push(random() < 0.03 ? null : islands[Math.floor(random() * 4)]);
    y[i] = random() < 0.5 ? 1 : 0;
    const accuracy = island[i] === 'Dream' ? 0.4 : x[i] >= 80 ? 0.5 : 0.95;
    const right = random() < accuracy;
    const p1 = right === (y[i] === 1) ? 0.6 + random() * 0.39 : 0.01 + random() * 0.39;
    proba[2 * i] = 1 - p1;
    proba[2 * i + 1] = p1;
  }
  const frame: Frame = {
    rows: n,
    columns: [
      { name: 'x', type: 'numeric', values: x },
      { name: 'island', type: 'categorical', values: island },
      { name: 'depth', type: 'numeric', values: depth },
    ],
    lineNumbers: Int32Array.from({ length: n }, (_, i) => i + 2),
  };
  return {
    frame,
    target: { task: 'classification', classes: ['no', 'yes'], y },
    prediction: { task: 'classification', proba },
  };
}

describe('errorAnalysis', () => {
  const data = planted();
  const result = errorAnalysis({ model: 'm', on: 'holdout', ...data, slices: 5, worstRows: 10 });

  it('ranks the planted slices first, with their true error rates', () => {
    assert.equal(result.measure, 'error_rate');
    const labels = Array.from(data.target.y);
    const predicted = Array.from({ length: data.frame.rows }, (_, i) =>
      data.prediction.task === 'classification' && data.prediction.proba[2 * i + 1] > 0.5 ? 1 : 0,
    );
    const wrong: number[] = labels.map((l, i) => (l === predicted[i] ? 0 : 1));
    assert.equal(result.overallError, wrong.reduce((a, b) => a + b, 0) / wrong.length);
    const top = result.slices[0];
    assert.deepEqual([top.feature, top.description, top.kind], ['island', 'island = Dream', 'category']);
    const dream = wrong.filter((_, i) => data.frame.columns[1].values[i] === 'Dream');
    assert.equal(top.count, dream.length);
    assert.equal(top.error, dream.reduce((a, b) => a + b, 0) / dream.length);
    assert.ok(top.error > 0.5 && top.overallError < 0.3);
    const second = result.slices[1];
    assert.equal(second.feature, 'x');
    assert.match(second.description, /^x in \[(79|80)\.\d+, 99\.\d+\]$/);
    assert.ok(result.slices.length <= 5);
    for (const s of result.slices) assert.ok(s.error > s.overallError && s.count >= 40);
    for (let i = 1; i < result.slices.length; i++) assert.ok(result.slices[i - 1].error >= result.slices[i].error);
  });

  it('lists the worst rows by log loss with line numbers and original values', () => {
    assert.equal(result.worstRows.length, 10);
    const first = result.worstRows[0];
    const p = data.prediction.task === 'classification' ? data.prediction.proba : new Float64Array();
    const losses = Array.from(data.target.y, (y, i) => -Math.log(p[2 * i + y]));
    assert.equal(first.loss, Math.max(...losses));
    assert.equal(first.line, first.index + 2);
    assert.notEqual(first.actual, first.predicted);
    assert.deepEqual(Object.keys(first.values).sort(), ['depth', 'island', 'x']);
    const depth = data.frame.columns[2].values[first.index] as number;
    assert.equal(first.values.depth, Number.isNaN(depth) ? null : depth);
    for (let i = 1; i < 10; i++) assert.ok(result.worstRows[i - 1].loss >= result.worstRows[i].loss);
  });

  it('reports missing values as a slice and handles regression by absolute error', () => {
    const n = 500;
    const random = seededRandom(3);
    const v = Float64Array.from({ length: n }, () => random());
    v.fill(Number.NaN, 0, 60);
    const y = Float64Array.from({ length: n }, () => random() * 10);
    const values = Float64Array.from(y, (t, i) => t + (i < 60 ? 5 : 0.5) * (random() - 0.5));
    const r = errorAnalysis({
      model: 'lin',
      on: 'cv',
      frame: { rows: n, columns: [{ name: 'v', type: 'numeric', values: v }] },
      target: { task: 'regression', y },
      prediction: { task: 'regression', values },
      slices: 3,
      worstRows: 2,
    });
    assert.equal(r.measure, 'absolute_error');
    assert.deepEqual([r.slices[0].description, r.slices[0].kind, r.slices[0].count], ['v missing', 'missing', 60]);
    assert.equal(r.worstRows[0].values.v, null);
    assert.equal(r.worstRows[0].line, undefined);
  });

  it('says when the data and predictions do not line up', () => {
    assert.throws(
      () => errorAnalysis({ model: 'm', on: 'cv', ...data, frame: { rows: 3, columns: [] }, slices: 1, worstRows: 1 }),
      /data has 3 rows but the predictions have 2000/,
    );
  });
});
