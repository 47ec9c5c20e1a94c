// The wrapper (rfe, forward) and embedded (l1, tree_importance) methods, with the registry's real
// models, on seeded synthetic data: a planted informative source ("signal") is kept, pure-noise
// sources are rejected, one-hot "colour" moves as one unit, every source has a reason with its
// number, the same seed gives the same result, and a cancel stops the run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FeatureSelectionSpec, SelectionMethod } from '../../../../src/core/model/specTypes';
import { selectFeatures } from '../../../../src/core/model/selection/selectFeatures';
import { plantedData } from './selectionData';
import { abortAfterChecks } from '../../support/abortAfterChecks';

const NOISE = ['noise1', 'noise2', 'noise3', 'noise4'];
const SOURCES = ['signal', 'weak', 'colour', ...NOISE];
const classification = plantedData('classification', 500, 7);
const regression = plantedData('regression', 500, 8);

function spec(method: SelectionMethod, extra: Partial<FeatureSelectionSpec> = {}): FeatureSelectionSpec {
  return { method, folds: 5, ...extra };
}

type Result = Awaited<ReturnType<typeof selectFeatures>>;

function checkFindsSignal(result: Result, what: string, minNoiseRejected = 3): void {
  assert.deepEqual(
    result.rationale.map((r) => r.feature),
    SOURCES,
    `${what}: one reason per source`,
  );
  assert.deepEqual(
    result.selectedSources,
    result.rationale.filter((r) => r.included).map((r) => r.feature),
  );
  for (const r of result.rationale) {
    assert.match(r.reason, /\d/, `${what}: a number in "${r.reason}"`);
    assert.ok(typeof r.score === 'number' && Number.isFinite(r.score), `${what}: score of ${r.feature}`);
  }
  assert.ok(result.selectedSources.includes('signal'), `${what}: signal kept (${result.selectedSources.join(', ')})`);
  const rejected = NOISE.filter((s) => !result.selectedSources.includes(s));
  assert.ok(rejected.length >= minNoiseRejected, `${what}: noise rejected (kept ${result.selectedSources.join(', ')})`);
}

test('rfe (RFECV idea): picks signal, weak and colour, and says at which step each noise source went', async () => {
  for (const { X, y, sources } of [classification, regression]) {
    const result = await selectFeatures(X, y, sources, spec('rfe'), { seed: 1 });
    checkFindsSignal(result, `rfe ${y.task}`, 4);
    assert.deepEqual(result.selectedSources, ['signal', 'weak', 'colour']);
    const metric = y.task === 'classification' ? 'balanced_accuracy' : 'rmse';
    for (const name of NOISE) {
      const reason = result.rationale.find((r) => r.feature === name)!.reason;
      assert.match(
        reason,
        new RegExp(
          `^eliminated at step [1-4] of RFE \\(importance [\\d.e-]+, the lowest of \\d; CV ${metric} [\\d.]+ without it vs [\\d.]+ with\\)$`,
        ),
      );
    }
    assert.match(
      result.rationale[0].reason,
      new RegExp(
        `^kept by RFE: importance [\\d.]+ in the (logistic|linear)_regression fitted on the 3 kept sources; CV ${metric} [\\d.]+ with 3 of 7 sources \\(the smallest size within one standard error of the best\\)$`,
      ),
    );
    const curve = (result.extra as { cvBySize: Array<{ size: number; score: number }> }).cvBySize;
    assert.equal(curve.length, 7);
  }
});

test('rfe with k stops at k sources, and is deterministic under the seed', async () => {
  const run = () =>
    selectFeatures(classification.X, classification.y, classification.sources, spec('rfe', { k: 2, folds: 3 }), {
      seed: 9,
    });
  const first = await run();
  assert.deepEqual(first.selectedSources, ['signal', 'colour']);
  assert.match(first.rationale[0].reason, /with 2 of 7 sources \(k=2\)/);
  assert.deepEqual(await run(), first);
});

test('forward selection adds signal first and stops when nothing improves the CV score', async () => {
  for (const { X, y, sources } of [classification, regression]) {
    const result = await selectFeatures(X, y, sources, spec('forward'), { seed: 1 });
    checkFindsSignal(result, `forward ${y.task}`);
    assert.match(
      result.rationale[0].reason,
      /^added at step 1 of forward selection \(CV (balanced_accuracy|rmse) [\d.]+\)$/,
    );
    for (const r of result.rationale.filter((x) => !x.included)) {
      assert.match(
        r.reason,
        /^(not added by forward selection \(CV \w+ [\d.]+ with it at step \d vs [\d.]+ for the \d sources added by then; no addition improved|added at step \d of forward selection \(CV \w+ [\d.]+ → [\d.]+\) but not kept: the first \d sources score [\d.]+, within one standard error \([\d.e-]+\) of the best [\d.]+$)/,
      );
    }
  }
  const fixed = await selectFeatures(regression.X, regression.y, regression.sources, spec('forward', { k: 1 }), {
    seed: 1,
  });
  assert.deepEqual(fixed.selectedSources, ['signal']);
});

test('l1: LASSO path (regression) and L1 logistic (classification) zero the noise at the one-SE value', async () => {
  for (const { X, y, sources } of [classification, regression]) {
    const result = await selectFeatures(X, y, sources, spec('l1'), { seed: 1 });
    checkFindsSignal(result, `l1 ${y.task}`);
    assert.ok(result.selectedSources.includes('colour') && result.selectedSources.includes('weak'));
    const parameter = y.task === 'classification' ? 'C' : 'alpha';
    assert.match(
      result.rationale[2].reason,
      new RegExp(
        `^L1 \\|coefficient\\| [\\d.]+ \\(sum over 3 encoded columns\\) at the chosen ${parameter}=[\\d.e-]+ \\(5-fold CV`,
      ),
    );
    const zero = result.rationale.filter((r) => !r.included);
    assert.ok(
      zero.every((r) => /^L1 coefficient 0 at the chosen/.test(r.reason)),
      zero.map((r) => r.reason).join('\n'),
    );
    const path = (result.extra as { path: unknown[] }).path;
    assert.ok(path.length >= 10);
  }
});

test('tree_importance keeps sources above the mean importance (random forest), or the top k (decision tree)', async () => {
  const forest = await selectFeatures(
    classification.X,
    classification.y,
    classification.sources,
    spec('tree_importance'),
    { seed: 1 },
  );
  checkFindsSignal(forest, 'random forest', 4);
  assert.match(
    forest.rationale[0].reason,
    /^random_forest importance 0\.\d+, rank 1 of 7, above the mean importance 0\.143$/,
  );
  const tree = await selectFeatures(
    regression.X,
    regression.y,
    regression.sources,
    spec('tree_importance', { estimator: 'decision_tree', k: 2 }),
    { seed: 1 },
  );
  checkFindsSignal(tree, 'decision tree', 4);
  assert.deepEqual(tree.selectedSources, ['signal', 'weak']);
});

test('a cancel during a wrapper run ends it with AbortError', async () => {
  // Forward selection looks at the signal before every fit; the cancel lands on the fifth look,
  // in the middle of the run, whatever the speed of the machine.
  const cancel = abortAfterChecks(5);
  await assert.rejects(
    selectFeatures(classification.X, classification.y, classification.sources, spec('forward'), {
      seed: 1,
      signal: cancel.signal,
    }),
    { name: 'AbortError' },
  );
  assert.equal(cancel.checks, 5, 'the run stops at the look that saw the cancel');
  const uncancelled = abortAfterChecks(Number.MAX_SAFE_INTEGER);
  await selectFeatures(classification.X, classification.y, classification.sources, spec('forward'), {
    seed: 1,
    signal: uncancelled.signal,
  });
  assert.ok(uncancelled.checks > 5, `a whole run looks at the signal more than 5 times (${uncancelled.checks})`);
});

test('beyond 10,000 rows the cross-validated methods work on a seeded sample, and say so', async () => {
  const big = plantedData('regression', 12_000, 21);
  const result = await selectFeatures(big.X, big.y, big.sources, spec('l1', { folds: 3 }), { seed: 4 });
  checkFindsSignal(result, 'l1 sampled', 4);
  for (const r of result.rationale) assert.match(r.reason, / \(on a seeded sample of 10000 of 12000 rows\)$/);
  assert.equal((result.extra as { sampledRows: number }).sampledRows, 10_000);
});
