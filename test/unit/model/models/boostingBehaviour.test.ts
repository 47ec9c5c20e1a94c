// Gradient boosting's behaviour beyond accuracy: missing values (learned direction, unseen
// missing values), early stopping, determinism, the saved form, 'stop' from onIteration,
// cancellation, multiclass with a class absent from y, the study's pre-binned features, the
// histogram kernels and thread, and parameter errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyBins, fitBins } from '../../../../src/core/model/binning';
import { ModelFormatError, ModelParamError, type FitContext } from '../../../../src/core/model/models/estimator';
import { histGradientBoosting } from '../../../../src/core/model/models/boosting';
import { buildHistogramRange, FEATURE_STRIDE, packBins } from '../../../../src/core/model/models/boosting/histogram';
import { threadSettings } from '../../../../src/core/model/models/boosting/threads';
import { loadModel } from '../../../../src/core/model/models/registry';
import type { Matrix, Target } from '../../../../src/core/model/matrix';
import { seededRandom } from '../../seededRandom';
import { accuracy, matrixOf, penguins, synthetic } from './boostingData';

const fit = (X: Matrix, y: Target, raw: Record<string, unknown> = {}, ctx: Partial<FitContext> = {}) =>
  histGradientBoosting.fit(X, y, histGradientBoosting.params(raw, y.task), { seed: 1, threads: 1, ...ctx });

/** y depends on whether x0 is missing (x0 is otherwise noise), plus a weak signal in x1. */
function predictiveMissingness(n: number, seed: number): { X: Matrix; y: Target } {
  const random = seededRandom(seed);
  const rows: number[][] = [];
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = random() < 0.5 ? 1 : 0;
    const missing = y[i] === 1 ? random() < 0.8 : random() < 0.1;
    rows.push([missing ? NaN : random(), random() + 0.2 * y[i]]);
  }
  return { X: matrixOf(rows, ['x0', 'x1']), y: { task: 'classification', classes: ['a', 'b'], y } };
}

test('a feature whose missingness predicts the class: the split sends missing values to the right side', async () => {
  const train = predictiveMissingness(3000, 1);
  const test = predictiveMissingness(1000, 2);
  const model = await fit(train.X, train.y);
  const acc = accuracy(model.predict(test.X), test.y.y);
  // Bayes rate is about 0.85 from missingness alone.
  assert.ok(acc > 0.8, `accuracy ${acc}`);
  const proba = model.predictProba!(
    matrixOf(
      [
        [NaN, 0.6],
        [0.5, 0.6],
      ],
      ['x0', 'x1'],
    ),
  );
  assert.ok(proba[1] > 0.7 && proba[3] < 0.3, `P(b | x0 missing) = ${proba[1]}, P(b | x0 = 0.5) = ${proba[3]}`);
  assert.ok(model.featureImportances!()[0] > model.featureImportances!()[1]);
});

test('missing values unseen in training go to the child with more rows', async () => {
  // One split on x: 70 rows at 0 (y = 0), 30 rows at 1 (y = 1); a stump.
  const rows = Array.from({ length: 100 }, (_, i) => [i < 70 ? 0 : 1]);
  const y = Int32Array.from({ length: 100 }, (_, i) => (i < 70 ? 0 : 1));
  const model = await fit(
    matrixOf(rows, ['x']),
    { task: 'classification', classes: ['a', 'b'], y },
    { max_iter: 1, max_leaf_nodes: 2, min_samples_leaf: 1 },
  );
  const p = model.predictProba!(matrixOf([[NaN], [0], [1]], ['x']));
  assert.equal(p[1], p[3], 'NaN follows the 70-row side');
  assert.notEqual(p[1], p[5]);
});

test('early stopping ends the fit when the validation loss stops improving, and reports both losses', async () => {
  const { X, y } = synthetic(12_000, 5, 3);
  const events: { trainLoss?: number; validationLoss?: number }[] = [];
  const model = await fit(
    X,
    y,
    { learning_rate: 0.5, max_iter: 300 },
    {
      onIteration: (e) => {
        events.push(e);
      },
    },
  );
  assert.equal(model.info.early_stopping, true);
  assert.equal(model.info.early_stopped, true);
  assert.ok((model.info.n_iter as number) < 300, `n_iter ${model.info.n_iter}`);
  assert.equal(events.length, model.info.n_iter);
  assert.equal(model.info.validation_rows, 1200);
  assert.ok(events.every((e) => Number.isFinite(e.trainLoss) && Number.isFinite(e.validationLoss)));
  assert.ok(events.at(-1)!.trainLoss! < events[0].trainLoss!);
  // Small data: no early stopping unless asked.
  const small = await fit(
    matrixOf([[1], [2], [3], [4]], ['x']),
    { task: 'regression', y: Float64Array.of(1, 2, 3, 4) },
    { max_iter: 5, min_samples_leaf: 1 },
  );
  assert.equal(small.info.early_stopping, false);
  assert.equal(small.info.n_iter, 5);
});

test('the same seed gives the same model, byte for byte', async () => {
  const { X, y } = synthetic(11_000, 4, 9);
  const a = await fit(X, y, { max_iter: 20 }, { seed: 5 });
  const b = await fit(X, y, { max_iter: 20 }, { seed: 5 });
  assert.deepEqual(a.toJSON(), b.toJSON());
});

test('a saved model loads back and predicts the same; a newer format version is refused', async () => {
  const train = penguins('train');
  const model = await fit(train.X, train.y, { max_iter: 30 });
  const saved = JSON.parse(JSON.stringify(model.toJSON()));
  assert.equal(saved.kind, 'hist_gradient_boosting');
  const loaded = loadModel(saved);
  const test = penguins('holdout');
  assert.deepEqual(loaded.predictProba!(test.X), model.predictProba!(test.X));
  assert.deepEqual(loaded.featureImportances!(), model.featureImportances!());
  // Compact: base64 typed arrays, about 40 characters per tree node.
  const nodes = Buffer.from(saved.state.ensemble.arrays.value, 'base64').length / 8;
  assert.ok(
    JSON.stringify(saved).length < nodes * 45 + 2000,
    `saved size ${JSON.stringify(saved).length} for ${nodes} nodes`,
  );
  assert.throws(
    () => loadModel({ ...saved, version: 99 }),
    (e: Error) => e instanceof ModelFormatError && /newer version/.test(e.message),
  );
  assert.throws(
    () =>
      loadModel({
        ...saved,
        state: {
          ...saved.state,
          ensemble: { ...saved.state.ensemble, arrays: { ...saved.state.ensemble.arrays, left: 'AAAA' } },
        },
      }),
    ModelFormatError,
  );
});

test("onIteration returning 'stop' keeps the rounds so far", async () => {
  const { X, y } = synthetic(2000, 4, 4);
  const model = await fit(X, y, {}, { onIteration: (e) => (e.iteration === 7 ? 'stop' : undefined) });
  assert.equal(model.info.n_iter, 7);
  assert.equal(model.info.stopped_by, 'callback');
  const p = model.predictProba!(X);
  assert.ok(p.every(Number.isFinite));
});

test('cancelling aborts the fit with an AbortError', async () => {
  const { X, y } = synthetic(2000, 4, 4);
  const controller = new AbortController();
  await assert.rejects(
    fit(
      X,
      y,
      { max_iter: 50 },
      {
        signal: controller.signal,
        onIteration: (e) => {
          if (e.iteration === 3) controller.abort();
        },
      },
    ),
    (e: Error) => e.name === 'AbortError',
  );
  controller.abort();
  await assert.rejects(fit(X, y, {}, { signal: controller.signal }), (e: Error) => e.name === 'AbortError');
});

test('multiclass with classes absent from y: one probability column per class, no NaN', async () => {
  const train = penguins('train', ['Adelie', 'Chinstrap', 'Emperor', 'Gentoo']);
  assert.ok(!train.y.y.includes(2));
  const model = await fit(train.X, train.y, { max_iter: 50 });
  const test = penguins('holdout', ['Adelie', 'Chinstrap', 'Emperor', 'Gentoo']);
  const proba = model.predictProba!(test.X);
  assert.equal(proba.length, test.X.rows * 4);
  for (let i = 0; i < test.X.rows; i++) {
    const row = proba.subarray(i * 4, i * 4 + 4);
    assert.ok(row.every((v) => Number.isFinite(v) && v >= 0));
    assert.ok(Math.abs(row[0] + row[1] + row[2] + row[3] - 1) < 1e-9);
    assert.ok(row[2] < 1e-6, `absent class probability ${row[2]}`);
  }
  assert.ok(accuracy(model.predict(test.X), test.y.y) > 0.9);
  // Binary classes with only one present: still two finite columns.
  const one = await fit(
    matrixOf([[1], [2], [3]], ['x']),
    { task: 'classification', classes: ['a', 'b'], y: Int32Array.of(0, 0, 0) },
    { max_iter: 3 },
  );
  assert.ok(one.predictProba!(matrixOf([[1]], ['x'])).every(Number.isFinite));
});

test("the study's pre-binned features give the same model as binning inside the fit", async () => {
  const { X, y } = synthetic(3000, 6, 8);
  const binned = applyBins(fitBins(X, { maxBins: 255, seed: 1 }), X);
  const a = await fit(X, y, { max_iter: 15 });
  const b = await fit(X, y, { max_iter: 15 }, { binned });
  assert.deepEqual(a.predictProba!(X), b.predictProba!(X));
  await assert.rejects(fit(X, y, {}, { binned: { ...binned, rows: 10 } }), /pre-binned features/);
});

test('the histogram thread gives the same trees as one thread (features in units of 4, and a partial unit)', async () => {
  for (const cols of [20, 7]) {
    const { X, y } = synthetic(12_000, cols, 12);
    const one = await fit(X, y, { max_iter: 10 }, { threads: 1 });
    const saved = threadSettings.minTrainingCells;
    threadSettings.minTrainingCells = 50_000;
    const two = await fit(X, y, { max_iter: 10 }, { threads: 2 }).finally(() => {
      threadSettings.minTrainingCells = saved;
    });
    assert.equal(two.info.threads, 2);
    assert.deepEqual(two.toJSON().state, {
      ...(one.toJSON().state as object),
      info: (two.toJSON().state as { info: unknown }).info,
    });
  }
});

test("a node's histogram (packed bins, scattered rows) equals the per-row sums", () => {
  const random = seededRandom(3);
  const rows = 500;
  const cols = 7;
  const bins = Uint8Array.from({ length: rows * cols }, () => (random() < 0.1 ? 255 : Math.floor(random() * 40)));
  const gradients = Float32Array.from({ length: rows }, () => random() - 0.5);
  const hessians = Float32Array.from({ length: rows }, () => random());
  const indices = Uint32Array.from({ length: rows }, (_, i) => i).filter(() => random() < 0.4);
  const input = { bins, packed: packBins(bins, rows, cols), rows, gradients, hessians, indices };
  const og = Float32Array.from(indices, (r) => gradients[r]);
  const oh = Float32Array.from(indices, (r) => hessians[r]);
  const hist = new Float64Array(cols * FEATURE_STRIDE).fill(7);
  buildHistogramRange(input, hist, 0, indices.length, og, oh, false, 0, cols);
  const expected = new Float64Array(cols * FEATURE_STRIDE);
  for (let f = 0; f < cols; f++) {
    for (const r of indices) {
      const o = f * FEATURE_STRIDE + bins[f * rows + r] * 3;
      expected[o] += gradients[r];
      expected[o + 1] += hessians[r];
      expected[o + 2] += 1;
    }
  }
  assert.deepEqual(hist, expected);
});

test('parameters: defaults like scikit-learn, unknown names and bad values are errors naming the parameter', () => {
  assert.equal(histGradientBoosting.defaults('classification').loss, 'log_loss');
  assert.equal(histGradientBoosting.defaults('regression').loss, 'squared_error');
  assert.throws(
    () => histGradientBoosting.params({ n_estimators: 5 }, 'classification'),
    (e: Error) => e instanceof ModelParamError && /n_estimators/.test(e.message),
  );
  assert.throws(() => histGradientBoosting.params({ learning_rate: -1 }, 'classification'), /learning_rate/);
  assert.throws(() => histGradientBoosting.params({ max_bins: 256 }, 'classification'), /max_bins/);
  assert.throws(() => histGradientBoosting.params({ loss: 'log_loss' }, 'regression'), /loss/);
  assert.throws(() => histGradientBoosting.params({ early_stopping: 'yes' }, 'regression'), /early_stopping/);
});
