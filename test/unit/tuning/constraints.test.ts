// Constraints decide which complete trials may be the best: a metric of the study or a measured
// cost, compared as written; a cost the trial did not measure counts as broken.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TrialRecord } from '../../../src/core/tuning/study';
import { feasible } from '../../../src/core/tuning/tuneJob';

const trial = (values: number[], attributes: Record<string, number> = {}): TrialRecord => ({
  number: 0,
  state: 'complete',
  params: {},
  values,
  intermediate: [],
  attributes,
});

describe('constraints', () => {
  const metrics = ['roc_auc', 'log_loss'];
  it('tests metrics of the study and measured costs, each with its operator', () => {
    const t = trial([0.9, 0.3], { predict_ms_per_1k_rows: 20, fit_ms: 1500 });
    assert.equal(feasible(t, [{ name: 'predict_ms_per_1k_rows', op: '<=', value: 20 }], metrics), true);
    assert.equal(feasible(t, [{ name: 'predict_ms_per_1k_rows', op: '<', value: 20 }], metrics), false);
    assert.equal(feasible(t, [{ name: 'log_loss', op: '<', value: 0.31 }], metrics), true);
    assert.equal(feasible(t, [{ name: 'roc_auc', op: '>', value: 0.95 }], metrics), false);
    assert.equal(feasible(t, [{ name: 'fit_seconds', op: '<=', value: 1.5 }], metrics), true);
    assert.equal(feasible(t, [{ name: 'fit_seconds', op: '<', value: 1.5 }], metrics), false);
  });

  it('counts a cost the trial did not measure, or NaN, as broken; no constraints: every trial', () => {
    assert.equal(feasible(trial([0.9, 0.3]), [{ name: 'model_size_kb', op: '<=', value: 500 }], metrics), false);
    assert.equal(feasible(trial([NaN, 0.3]), [{ name: 'roc_auc', op: '>=', value: 0 }], metrics), false);
    assert.equal(feasible(trial([0.9, 0.3]), [], metrics), true);
  });
});
