// Our pruners against Optuna 3.1's on the same recorded curves: the (trial, step) pairs where a
// trial is stopped must be identical.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  bracketFor,
  bracketPlan,
  makePruner,
  nanPercentile,
  type PrunerConfig,
} from '../../../src/core/tuning/pruners';
import type { Direction } from '../../../src/core/tuning/types';
import { recordedCurves, replayOptuna, replayOurs, type CurveOptions } from './pruneReplay';

function sameAsOptuna(config: PrunerConfig, direction: Direction, curves: CurveOptions = {}): number {
  const recorded = recordedCurves({ rising: direction === 'maximize', ...curves });
  const reference = replayOptuna(config, recorded, direction);
  const bracketOf =
    reference.brackets === null ? undefined : (n: number): number => (reference.brackets as number[])[n];
  const ours = replayOurs(makePruner(config, { bracketOf }), recorded, direction);
  assert.deepEqual(ours, reference.pruned);
  return ours.length;
}

/** The replay must actually exercise the pruner: some trials stopped, some not. */
function someButNotAll(count: number, trials = 30): void {
  assert.ok(count > 0 && count < trials, `pruned ${count} of ${trials}`);
}

describe('median pruner vs Optuna MedianPruner', () => {
  it('defaults (5 startup trials, no warmup), minimize', () => {
    someButNotAll(sameAsOptuna({ kind: 'median' }, 'minimize'));
  });
  it('maximize', () => {
    someButNotAll(sameAsOptuna({ kind: 'median' }, 'maximize'));
  });
  it('warmup and interval', () => {
    someButNotAll(sameAsOptuna({ kind: 'median', warmupSteps: 5, intervalSteps: 3 }, 'minimize'));
    someButNotAll(sameAsOptuna({ kind: 'median', warmupSteps: 2, intervalSteps: 4 }, 'maximize', { seed: 3 }));
  });
  it('interval checkpoints between sparse steps', () => {
    someButNotAll(sameAsOptuna({ kind: 'median', warmupSteps: 1, intervalSteps: 4 }, 'minimize', { every: 3 }));
  });
  it('startup trials and min trials', () => {
    someButNotAll(sameAsOptuna({ kind: 'median', startupTrials: 12, minTrials: 4 }, 'minimize', { seed: 11 }));
    someButNotAll(sameAsOptuna({ kind: 'median', startupTrials: 0 }, 'minimize', { seed: 12 }));
  });
  it('NaN intermediate values (ignored in percentiles; a trial of only NaN is stopped)', () => {
    someButNotAll(sameAsOptuna({ kind: 'median' }, 'minimize', { nanRate: 0.15, seed: 5 }));
    someButNotAll(sameAsOptuna({ kind: 'median' }, 'maximize', { nanRate: 0.3, seed: 6 }));
  });
});

describe('successive halving vs Optuna SuccessiveHalvingPruner', () => {
  it('fixed min resource, defaults otherwise (η = 4)', () => {
    someButNotAll(sameAsOptuna({ kind: 'successive_halving', minResource: 1 }, 'minimize'));
  });
  it('η = 2, min resource 2, early-stopping rate 1, maximize', () => {
    someButNotAll(
      sameAsOptuna(
        { kind: 'successive_halving', minResource: 2, reductionFactor: 2, minEarlyStoppingRate: 1 },
        'maximize',
      ),
    );
  });
  it("'auto' min resource (from the first complete trial)", () => {
    someButNotAll(sameAsOptuna({ kind: 'successive_halving' }, 'minimize', { seed: 9 }));
    // 300 steps: auto gives ⌊299 / 100⌋ = 2
    someButNotAll(sameAsOptuna({ kind: 'successive_halving' }, 'maximize', { steps: 300, trials: 25 }), 25);
  });
  it('sparse steps crossing rungs, and NaN values', () => {
    someButNotAll(
      sameAsOptuna({ kind: 'successive_halving', minResource: 1, reductionFactor: 3 }, 'minimize', { every: 5 }),
    );
    someButNotAll(sameAsOptuna({ kind: 'successive_halving', minResource: 1 }, 'minimize', { nanRate: 0.1, seed: 4 }));
  });
});

describe('Hyperband vs Optuna HyperbandPruner (Optuna’s bracket assignment fed in)', () => {
  it("defaults ('auto' max resource, η = 3)", () => {
    someButNotAll(sameAsOptuna({ kind: 'hyperband' }, 'minimize', { trials: 60 }), 60);
  });
  it('fixed max resource, maximize', () => {
    someButNotAll(
      sameAsOptuna({ kind: 'hyperband', minResource: 1, maxResource: 27 }, 'maximize', { trials: 60, steps: 27 }),
      60,
    );
  });
  it('η = 2, min resource 2', () => {
    someButNotAll(
      sameAsOptuna({ kind: 'hyperband', minResource: 2, maxResource: 20, reductionFactor: 2 }, 'minimize', {
        trials: 60,
        seed: 21,
      }),
      60,
    );
  });
});

describe('Hyperband brackets from the seed', () => {
  it('the plan matches Optuna’s budgets', () => {
    // R = 20, r = 1, η = 3: 3 brackets with budgets ⌈3·9/3⌉, ⌈3·3/2⌉, ⌈3/1⌉
    assert.deepEqual(bracketPlan(1, 20, 3), { budgets: [9, 5, 3], total: 17 });
    // log(27)/log(3) is a hair above 3 in floating point: 4 brackets, as in Optuna
    assert.equal(bracketPlan(1, 27, 3).budgets.length, 4);
  });
  it('assignment is deterministic and weighted by budget', () => {
    const plan = bracketPlan(1, 81, 3);
    const counts = plan.budgets.map(() => 0);
    const n = 20000;
    for (let i = 0; i < n; i += 1) counts[bracketFor(plan, 42, i)] += 1;
    plan.budgets.forEach((b, k) => {
      const expected = (n * b) / plan.total;
      assert.ok(Math.abs(counts[k] - expected) < 4 * Math.sqrt(expected), `bracket ${k}: ${counts[k]} vs ${expected}`);
    });
    const again = Array.from({ length: 50 }, (_, i) => bracketFor(plan, 42, i));
    assert.deepEqual(
      again,
      Array.from({ length: 50 }, (_, i) => bracketFor(plan, 42, i)),
    );
    assert.notDeepEqual(
      again,
      Array.from({ length: 50 }, (_, i) => bracketFor(plan, 43, i)),
    );
  });
  it('our own assignment prunes deterministically', () => {
    const curves = recordedCurves({ trials: 60 });
    const a = replayOurs(makePruner({ kind: 'hyperband' }), curves, 'minimize', 42);
    assert.deepEqual(replayOurs(makePruner({ kind: 'hyperband' }), curves, 'minimize', 42), a);
    someButNotAll(a.length, 60);
  });
});

describe('makePruner', () => {
  it("'none' never prunes", () => {
    assert.deepEqual(replayOurs(makePruner({ kind: 'none' }), recordedCurves(), 'minimize'), []);
  });
  it('refuses bad settings with the field named', () => {
    assert.throws(() => makePruner({ kind: 'median', intervalSteps: 0 }), /intervalSteps/);
    assert.throws(() => makePruner({ kind: 'median', startupTrials: -1 }), /startupTrials/);
    assert.throws(() => makePruner({ kind: 'successive_halving', reductionFactor: 1 }), /reductionFactor/);
    assert.throws(() => makePruner({ kind: 'successive_halving', minResource: 0 }), /minResource/);
    assert.throws(() => makePruner({ kind: 'hyperband', minResource: 5, maxResource: 3 }), /maxResource/);
    assert.throws(() => makePruner({ kind: 'bogus' } as unknown as PrunerConfig), /unknown kind "bogus"/);
  });
  it('nanPercentile interpolates like numpy', () => {
    assert.equal(nanPercentile([3, 1, NaN, 2, 10], 50), 2.5);
    assert.ok(Number.isNaN(nanPercentile([NaN], 50)));
    assert.equal(nanPercentile([1, 2, 3], 25), 1.5);
  });
});
