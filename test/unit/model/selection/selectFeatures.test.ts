// selectFeatures end to end on seeded synthetic data with a planted informative source ("signal"),
// a moderate one ("weak"), a one-hot group ("colour", 3 columns, decided together) and pure-noise
// sources: every method finds the signal and rejects noise, the rationale covers every source
// with its number, results repeat under the seed, and bad settings fail with clear messages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Matrix } from '../../../../src/core/model/matrix';
import type { FeatureSelectionSpec, SelectionMethod } from '../../../../src/core/model/specTypes';
import { selectFeatures } from '../../../../src/core/model/selection/selectFeatures';
import { fClassif } from '../../../../src/core/model/selection/univariateScores';
import { penguinsEncoded, plantedData } from './selectionData';

const NOISE = ['noise1', 'noise2', 'noise3', 'noise4'];
const SOURCES = ['signal', 'weak', 'colour', ...NOISE];

function spec(method: SelectionMethod, extra: Partial<FeatureSelectionSpec> = {}): FeatureSelectionSpec {
  return { method, folds: 5, ...extra };
}

function checkRationale(result: Awaited<ReturnType<typeof selectFeatures>>, sources = SOURCES): void {
  assert.deepEqual(
    result.rationale.map((r) => r.feature),
    sources,
    'one rationale entry per source, in source order',
  );
  assert.deepEqual(
    result.selectedSources,
    result.rationale.filter((r) => r.included).map((r) => r.feature),
  );
  for (const r of result.rationale) assert.match(r.reason, /\d/, `reason with a number: ${r.reason}`);
}

const classification = plantedData('classification', 2000, 7);
const regression = plantedData('regression', 2000, 8);

/** Shifted to be non-negative (as min-max scaling would), for chi2. */
function nonNegative(X: Matrix): Matrix {
  const data = new Float64Array(X.data);
  for (let j = 0; j < X.cols; j++) {
    let min = Infinity;
    for (let i = 0; i < X.rows; i++) min = Math.min(min, data[j * X.rows + i]);
    for (let i = 0; i < X.rows; i++) data[j * X.rows + i] -= min;
  }
  return { ...X, data };
}

for (const method of ['correlation', 'mutual_info', 'anova_f'] as const) {
  for (const { X, y, sources } of [classification, regression]) {
    test(`${method} (${y.task}): keeps signal, weak and colour with k=3, rejects all noise`, async () => {
      const result = await selectFeatures(X, y, sources, spec(method, { k: 3 }), { seed: 1 });
      checkRationale(result);
      assert.deepEqual(result.selectedSources, ['signal', 'weak', 'colour']);
      const signal = result.rationale[0];
      assert.match(signal.reason, /rank 1 of 7, kept \(k=3\)/);
      assert.match(result.rationale[2].reason, /best of 3 encoded columns: colour=red/);
      if (method === 'anova_f') assert.match(signal.reason, /\(p = /);
    });
  }
}

test('default keeps the better half (k = ceil(7/2) = 4); a threshold keeps scores above it', async () => {
  const half = await selectFeatures(classification.X, classification.y, classification.sources, spec('anova_f'), {
    seed: 1,
  });
  assert.equal(half.selectedSources.length, 4);
  assert.deepEqual(half.selectedSources.slice(0, 3), ['signal', 'weak', 'colour']);
  const above = await selectFeatures(
    regression.X,
    regression.y,
    regression.sources,
    spec('correlation', { threshold: 0.2 }),
    { seed: 1 },
  );
  assert.deepEqual(above.selectedSources, ['signal', 'weak', 'colour']);
  assert.match(
    above.rationale[3].reason,
    /^\|Pearson r\| with the target 0\.\d+, rank \d of 7, not above threshold 0\.2$/,
  );
});

test('chi2 on non-negative features finds the signal; on scaled (negative) features it says what to do', async () => {
  const X = nonNegative(classification.X);
  const result = await selectFeatures(X, classification.y, classification.sources, spec('chi2', { k: 3 }), { seed: 1 });
  checkRationale(result);
  assert.ok(result.selectedSources.includes('signal'));
  assert.ok(result.selectedSources.includes('colour'));
  await assert.rejects(
    selectFeatures(classification.X, classification.y, classification.sources, spec('chi2'), { seed: 1 }),
    /chi2 needs non-negative features, but "signal" has -[\d.]+ \(row \d+\)\. Use preprocess scale: minmax/,
  );
  await assert.rejects(
    selectFeatures(X, regression.y, regression.sources, spec('chi2'), { seed: 1 }),
    /chi2 needs a classification target/,
  );
});

test('variance (VarianceThreshold): a constant source goes, everything scaled stays', async () => {
  const X = { ...classification.X, data: new Float64Array(classification.X.data) };
  X.data.fill(0.5, 5 * X.rows, 6 * X.rows); // noise1 constant
  const result = await selectFeatures(X, classification.y, classification.sources, spec('variance'), { seed: 1 });
  checkRationale(result);
  assert.deepEqual(
    result.selectedSources,
    SOURCES.filter((s) => s !== 'noise1'),
  );
  assert.equal(result.rationale[3].reason, 'variance 0, rank 7 of 7, not above threshold 0');
});

test('mutual information is deterministic under the seed', async () => {
  const run = () => selectFeatures(regression.X, regression.y, regression.sources, spec('mutual_info'), { seed: 42 });
  assert.deepEqual(await run(), await run());
});

test('none keeps everything, with the reason', async () => {
  const result = await selectFeatures(classification.X, classification.y, classification.sources, spec('none'), {
    seed: 1,
  });
  assert.deepEqual(result.selectedSources, SOURCES);
  assert.ok(result.rationale.every((r) => r.included && r.reason === 'no feature selection configured'));
});

test('bad settings fail clearly: k too large or not a whole number, unknown estimator, missing values, sources mismatch, cancel', async () => {
  const { X, y, sources } = classification;
  await assert.rejects(
    selectFeatures(X, y, sources, spec('anova_f', { k: 8 }), { seed: 1 }),
    /featureSelection\.k is 8 but there are only 7 input columns to choose from \(9 features after encoding/,
  );
  await assert.rejects(
    selectFeatures(X, y, sources, spec('anova_f', { k: 1.5 }), { seed: 1 }),
    /featureSelection\.k must be a whole number/,
  );
  await assert.rejects(
    selectFeatures(X, y, sources, spec('rfe', { estimator: 'xgboost' }), { seed: 1 }),
    /unknown estimator "xgboost" \(featureSelection\.estimator\); built-in kinds: .*logistic_regression/,
  );
  await assert.rejects(
    selectFeatures(X, y, sources, spec('rfe', { estimator: 'linear_regression' }), { seed: 1 }),
    /estimator "linear_regression" does not support classification/,
  );
  await assert.rejects(
    selectFeatures(X, y, sources.slice(1), spec('anova_f'), { seed: 1 }),
    /8 source names for 9 features/,
  );
  const withNaN = { ...X, data: new Float64Array(X.data) };
  withNaN.data[X.rows + 4] = NaN;
  await assert.rejects(
    selectFeatures(withNaN, y, sources, spec('anova_f'), { seed: 1 }),
    /feature "weak" has a missing or infinite value at row 5; impute it/,
  );
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(selectFeatures(X, y, sources, spec('mutual_info'), { seed: 1, signal: controller.signal }), {
    name: 'AbortError',
  });
});

test('penguins with one-hot Island and Sex: a group scores as its best column and goes in or out whole', async () => {
  const { X, y, sources } = penguinsEncoded();
  assert.deepEqual(
    [...new Set(sources)],
    ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)', 'Island', 'Sex'],
  );
  const anova = await selectFeatures(X, y, sources, spec('anova_f', { k: 4 }), { seed: 1 });
  const perColumn = fClassif(X, (y as { y: Int32Array }).y, 3).score;
  const island = anova.rationale.find((r) => r.feature === 'Island')!;
  const islandColumns = sources.flatMap((s, j) => (s === 'Island' ? [j] : []));
  assert.equal(islandColumns.length, 3);
  assert.equal(island.score, Math.max(...islandColumns.map((j) => perColumn[j])));
  assert.match(island.reason, /best of 3 encoded columns: Island=\w+/);
  assert.equal(anova.rationale.length, 6);
  assert.equal(anova.selectedSources.length, 4);
  assert.ok(!anova.selectedSources.includes('Sex'), 'Sex says little about the species');
  const mi = await selectFeatures(X, y, sources, spec('mutual_info', { k: 3 }), { seed: 1 });
  assert.ok(
    mi.selectedSources.includes('Flipper Length (mm)') && mi.selectedSources.includes('Beak Length (mm)'),
    mi.selectedSources.join(', '),
  );
  const rfe = await selectFeatures(X, y, sources, spec('rfe', { folds: 3 }), { seed: 1 });
  assert.deepEqual(
    rfe.rationale.map((r) => r.feature),
    [...new Set(sources)],
  );
  assert.ok(
    rfe.selectedSources.includes('Beak Length (mm)'),
    `bill length separates Adelie from Chinstrap: ${rfe.selectedSources.join(', ')}`,
  );
});
