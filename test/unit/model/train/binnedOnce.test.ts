// "Binned once per study": cross-validating and refitting tree models on one PreparedData bins
// each prepared part once (the part caches its BinnedMatrix), and the cached binning gives
// exactly the model the same fit gives when it bins by itself (boosting with early stopping
// fits its edges on its training share: the cache must use the same rows).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findModel } from '../../../../src/core/model/models/registry';
import { crossValidate, trainModel } from '../../../../src/core/model/train/crossValidate';
import { loadSpec } from '../../../../src/core/model/train/loadSpec';
import { binningStats, PreparedData } from '../../../../src/core/model/train/preparedData';
import { loadTrainingData } from '../../../../src/core/model/train/trainingData';
import type { ModelSpec } from '../../../../src/core/model/specTypes';
import { CARS_SPEC, tempProject } from './trainFixtures';

const SEED = 7;

describe('prepared parts bin once per study', () => {
  let project: ReturnType<typeof tempProject>;
  let prepared: PreparedData;
  before(async () => {
    project = tempProject('cars', CARS_SPEC);
    const { spec } = await loadSpec(project.root);
    prepared = new PreparedData(await loadTrainingData({ root: project.root, spec }), { seed: SEED });
  });
  after(() => project.dispose());

  it('bins each fold once for two cross-validations of boosting, and once for a forest with the same bins', async () => {
    const boosting: ModelSpec = {
      name: 'b',
      kind: 'hist_gradient_boosting',
      params: { max_iter: 15, early_stopping: true, n_iter_no_change: 3 },
    } as ModelSpec;
    const before = binningStats.computed;
    const first = await crossValidate(prepared, boosting, { seed: SEED });
    const folds = prepared.data.folds.length;
    assert.equal(binningStats.computed - before, folds, 'one binning per fold');
    const second = await crossValidate(prepared, boosting, { seed: SEED });
    assert.equal(binningStats.computed - before, folds, 'the second study trial bins nothing');
    assert.deepEqual(second.folds, first.folds);
    // A forest bins all rows with 255 bins: a different request, cached once per fold as well.
    const forest: ModelSpec = {
      name: 'f',
      kind: 'random_forest',
      params: { n_estimators: 5, max_depth: 4 },
    } as ModelSpec;
    await crossValidate(prepared, forest, { seed: SEED });
    await crossValidate(prepared, forest, { seed: SEED });
    assert.equal(binningStats.computed - before, 2 * folds);
  });

  for (const model of [
    { kind: 'hist_gradient_boosting', params: { max_iter: 15, early_stopping: true, n_iter_no_change: 3 } },
    { kind: 'hist_gradient_boosting', params: { max_iter: 10, max_bins: 31 } },
    { kind: 'random_forest', params: { n_estimators: 5, max_depth: 4 } },
    { kind: 'decision_tree', params: { max_depth: 5 } },
  ]) {
    it(`gives the model ${model.kind} ${JSON.stringify(model.params)} fits without the cache`, async () => {
      const spec = { name: model.kind, ...model } as ModelSpec;
      const cachedTwice = [
        await trainModel(prepared, spec, { seed: SEED }),
        await trainModel(prepared, spec, { seed: SEED }),
      ];
      const part = await prepared.full();
      const definition = findModel(model.kind)!;
      const uncached = await definition.fit(part.X, part.y, definition.params(model.params, part.y.task), {
        seed: SEED,
      });
      const state = (m: { toJSON(): { state: unknown } }) => JSON.stringify(m.toJSON().state);
      assert.equal(state(cachedTwice[0].model), state(uncached));
      assert.equal(state(cachedTwice[1].model), state(uncached));
    });
  }
});
