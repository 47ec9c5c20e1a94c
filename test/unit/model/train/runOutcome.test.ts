// Judging a run: the best model and its tie-break, the baseline comparison, the verdict.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { bestModel, compareWithBaselines, judgeRun } from '../../../../src/core/model/train/runOutcome';
import type { RunModelResult } from '../../../../src/core/model/runTypes';
import { checkKpis } from '../../../../src/core/model/train/kpiChecks';

function model(name: string, baseline: boolean, holdout: number, cvMean: number): RunModelResult {
  return {
    name,
    kind: baseline ? 'dummy_classifier' : 'k_neighbors',
    baseline,
    params: {},
    metrics: {
      cv: { balanced_accuracy: { mean: cvMean, std: 0, folds: [cvMean] } },
      holdout: { balanced_accuracy: holdout },
    },
    timings: { fitMs: 0, cvMs: 0, predictMs: 0 },
    info: {},
  };
}

describe('run outcome', () => {
  it('breaks a tie on the holdout with the cross-validated mean', () => {
    const models = [
      model('baseline', true, 0.33, 0.33),
      model('a', false, 1, 0.97),
      model('b', false, 1, 0.99),
      model('c', false, 0.98, 1),
    ];
    assert.equal(bestModel(models, 'balanced_accuracy')?.name, 'b');
  });

  it('flags a best model that does not beat the baseline, and fails the run', () => {
    const models = [model('baseline', true, 0.5, 0.5), model('weak', false, 0.45, 0.5)];
    compareWithBaselines(models, 'balanced_accuracy');
    const best = bestModel(models, 'balanced_accuracy');
    assert.equal(best?.vsBaseline?.beats, false);
    const verdict = judgeRun(models, best, 'balanced_accuracy', undefined);
    assert.equal(verdict.outcome, 'fail');
    assert.match(verdict.summary, /does not beat the baseline/);
  });

  it('lower-is-better metrics pick the smallest value', () => {
    const low = (name: string, v: number, baseline = false): RunModelResult => ({
      ...model(name, baseline, 0, 0),
      metrics: { holdout: { rmse: v } },
    });
    const models = [low('mean', 5, true), low('tree', 3), low('forest', 2)];
    compareWithBaselines(models, 'rmse');
    assert.equal(bestModel(models, 'rmse')?.name, 'forest');
    assert.equal(models[2].vsBaseline?.delta, -3);
  });
});

describe('charter KPIs', () => {
  it("follow the KPI's direction when the charter gives one, else the metric's", () => {
    const m = model('m', false, 0.2, 0.2);
    m.metrics.holdout = { balanced_accuracy: 0.2, rmse: 3 };
    const checks = checkKpis(
      [
        { metric: 'rmse', threshold: 4 }, // error metric: at most by default
        { metric: 'balanced_accuracy', threshold: 0.3, direction: 'at_most' }, // e.g. a cap on a rate
        { metric: 'rmse', threshold: 4, direction: 'at_least' },
      ],
      m,
    );
    assert.deepEqual(
      checks.map((c) => c.pass),
      [true, true, false],
    );
  });
});
