// Permutation importance ranks the planted informative feature first, gives an ignored feature
// exactly zero, orients losses so that positive = important, is reproducible under a seed, and
// stops when cancelled.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Frame } from '../../../../src/core/model/frame';
import type { Target } from '../../../../src/core/model/matrix';
import { permutationImportance } from '../../../../src/core/model/evaluation/index';
import type { Prediction } from '../../../../src/core/model/metrics/index';
import { seededRandom } from '../../seededRandom';
import { gaussian } from '../metrics/metricReference';

const n = 600;
const random = seededRandom(77);
const signal = Float64Array.from({ length: n }, () => gaussian(random));
const weak = Float64Array.from({ length: n }, () => gaussian(random));
const noise = Float64Array.from({ length: n }, () => gaussian(random));
const island = Array.from({ length: n }, () => (random() < 0.5 ? 'Dream' : 'Biscoe'));
const frame: Frame = {
  rows: n,
  columns: [
    { name: 'noise', type: 'numeric', values: noise },
    { name: 'island', type: 'categorical', values: island },
    { name: 'weak', type: 'numeric', values: weak },
    { name: 'signal', type: 'numeric', values: signal },
  ],
};
const score = (f: Frame, i: number) => {
  const col = (name: string) => f.columns.find((c) => c.name === name)!;
  return (
    2.5 * (col('signal').values[i] as number) +
    0.6 * (col('weak').values[i] as number) +
    (col('island').values[i] === 'Dream' ? 0.3 : -0.3)
  );
};
const y = Int32Array.from({ length: n }, (_, i) => (score(frame, i) + gaussian(random) > 0 ? 1 : 0));
const target: Target = { task: 'classification', classes: ['no', 'yes'], y };

/** A fixed "fitted model" reading the frame's columns; it ignores `noise`. */
async function predict(f: Frame): Promise<Prediction> {
  const proba = new Float64Array(f.rows * 2);
  for (let i = 0; i < f.rows; i++) {
    const p = 1 / (1 + Math.exp(-score(f, i)));
    proba[2 * i] = 1 - p;
    proba[2 * i + 1] = p;
  }
  return { task: 'classification', proba };
}

describe('permutationImportance', () => {
  it('ranks the informative feature first and the ignored one at exactly zero', async () => {
    const result = await permutationImportance({
      model: 'm',
      frame,
      target,
      predict,
      metric: 'roc_auc',
      repeats: 5,
      seed: 1,
    });
    assert.deepEqual(
      result.features.map((f) => f.feature),
      ['signal', 'weak', 'island', 'noise'],
    );
    assert.equal(result.method, 'permutation');
    assert.equal(result.repeats, 5);
    const [top, , , last] = result.features;
    assert.ok(top.mean > 0.2 && top.std > 0);
    assert.deepEqual([last.mean, last.std], [0, 0]);
  });

  it('flips the sign of losses so that positive = important (log_loss, rmse)', async () => {
    const loss = await permutationImportance({
      model: 'm',
      frame,
      target,
      predict,
      metric: 'log_loss',
      repeats: 3,
      seed: 2,
    });
    assert.equal(loss.features[0].feature, 'signal');
    assert.ok(loss.features[0].mean > 0);
    const yr = Float64Array.from({ length: n }, (_, i) => 3 * signal[i] + 0.1 * gaussian(random));
    const regression = await permutationImportance({
      model: 'r',
      frame,
      target: { task: 'regression', y: yr },
      metric: 'rmse',
      repeats: 3,
      seed: 2,
      predict: async (f) => ({
        task: 'regression',
        values: Float64Array.from(f.columns[3].values as Float64Array, (v) => 3 * v),
      }),
    });
    assert.equal(regression.features[0].feature, 'signal');
    assert.ok(regression.features[0].mean > 3);
  });

  it('is reproducible under a seed', async () => {
    const a = await permutationImportance({
      model: 'm',
      frame,
      target,
      predict,
      metric: 'accuracy',
      repeats: 2,
      seed: 5,
    });
    const b = await permutationImportance({
      model: 'm',
      frame,
      target,
      predict,
      metric: 'accuracy',
      repeats: 2,
      seed: 5,
    });
    const c = await permutationImportance({
      model: 'm',
      frame,
      target,
      predict,
      metric: 'accuracy',
      repeats: 2,
      seed: 6,
    });
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.features, c.features);
  });

  it('stops when cancelled and names bad parameters', async () => {
    const controller = new AbortController();
    let calls = 0;
    const counting = async (f: Frame) => {
      if (++calls === 3) controller.abort();
      return predict(f);
    };
    await assert.rejects(
      permutationImportance({
        model: 'm',
        frame,
        target,
        predict: counting,
        metric: 'accuracy',
        repeats: 5,
        seed: 1,
        signal: controller.signal,
      }),
      { name: 'AbortError' },
    );
    assert.equal(calls, 3);
    await assert.rejects(
      permutationImportance({ model: 'm', frame, target, predict, metric: 'rmse', repeats: 1, seed: 1 }),
      /Unknown classification metric "rmse"/,
    );
    await assert.rejects(
      permutationImportance({ model: 'm', frame, target, predict, metric: 'accuracy', repeats: 0, seed: 1 }),
      /repeats must be a whole number ≥ 1, got 0/,
    );
  });
});
