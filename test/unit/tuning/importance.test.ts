// PED-ANOVA importance against an independent computation (test/unit/tuning/importance_reference.py:
// SciPy's gaussian_kde on the same grid, and Optuna 3.1's fANOVA as a second opinion on the
// ranking), on synthetic objectives where one parameter matters and the others are noise.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { seededRandom } from '../../../src/core/seededRandom';
import { MIN_IMPORTANCE_TRIALS, pedAnovaImportance } from '../../../src/core/tuning/importance';
import { drawUniform } from '../../../src/core/tuning/samplers/random';
import type { Direction, SearchSpace, TrialView } from '../../../src/core/tuning/types';

const PYTHON = process.env.MLCYCLE_PYTHON ?? '/usr/bin/python3';

const SPACE: SearchSpace = {
  params: [
    { name: 'x', distribution: { type: 'float', low: -5, high: 5 } },
    { name: 'lr', distribution: { type: 'float', low: 1e-3, high: 10, log: true } },
    { name: 'depth', distribution: { type: 'int', low: 1, high: 20 } },
    { name: 'trees', distribution: { type: 'int', low: 50, high: 500, step: 50 } },
    { name: 'kind', distribution: { type: 'categorical', choices: ['a', 'b', 'c'] } },
  ],
};

function synthetic(n: number, seed: number, value: (p: Record<string, number | string>) => number): TrialView[] {
  const rand = seededRandom(seed);
  return Array.from({ length: n }, (_, number) => {
    const params = Object.fromEntries(SPACE.params.map((p) => [p.name, drawUniform(p.distribution, rand())]));
    const noise = 0.05 * (rand() - 0.5);
    return {
      number,
      state: 'complete' as const,
      params,
      values: [value(params as Record<string, number | string>) + noise],
      intermediate: [],
    };
  });
}

function reference(trials: TrialView[], direction: Direction) {
  const r = spawnSync(PYTHON, [join(__dirname, 'importance_reference.py')], {
    input: JSON.stringify({ space: SPACE, trials, direction, quantile: 0.1, gridSize: 50 }),
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as {
    divergence: Record<string, number>;
    importance: Record<string, number>;
    fanova: Record<string, number>;
  };
}

const top = (scores: Record<string, number>) => Object.entries(scores).sort((a, b) => b[1] - a[1])[0][0];

function check(trials: TrialView[], direction: Direction, expectedTop: string) {
  const ours = pedAnovaImportance(SPACE, trials, direction);
  const ref = reference(trials, direction);
  assert.equal(ours[0].name, expectedTop);
  assert.equal(top(ref.fanova), expectedTop, `fANOVA ranks ${JSON.stringify(ref.fanova)}`);
  assert.equal(ours.length, SPACE.params.length);
  for (const p of ours) {
    const d = ref.divergence[p.name];
    assert.ok(Math.abs(p.divergence - d) <= 1e-9 * Math.max(1, d), `${p.name}: ours ${p.divergence}, SciPy ${d}`);
    assert.ok(Math.abs(p.importance - ref.importance[p.name]) <= 1e-9, p.name);
  }
  // The parameter that matters dominates every noise parameter by far.
  assert.ok(ours[0].importance > 3 * ours[1].importance, JSON.stringify(ours));
}

describe('PED-ANOVA parameter importance', () => {
  it('ranks the one float that matters first and matches SciPy to 1e-9 (minimize)', () => {
    check(
      synthetic(300, 11, (p) => ((p.x as number) - 1) ** 2),
      'minimize',
      'x',
    );
  });

  it('ranks a categorical that matters first (maximize)', () => {
    check(
      synthetic(400, 12, (p) => (p.kind === 'b' ? 1 : 0)),
      'maximize',
      'kind',
    );
  });

  it('ranks a log-scaled float that matters first', () => {
    check(
      synthetic(300, 13, (p) => Math.abs(Math.log10(p.lr as number) + 1)),
      'minimize',
      'lr',
    );
  });

  it('leaves out a parameter active in too few trials (conditional) and needs no reference for it', () => {
    const trials = synthetic(50, 14, (p) => (p.x as number) ** 2).map((t, i) => {
      if (i < MIN_IMPORTANCE_TRIALS - 1) return t;
      const params = { ...t.params };
      delete params.kind;
      return { ...t, params };
    });
    const names = pedAnovaImportance(SPACE, trials, 'minimize').map((p) => p.name);
    assert.ok(!names.includes('kind'));
    assert.equal(names.length, SPACE.params.length - 1);
  });

  it('shares sum to 1, and a study with no trials has no importances', () => {
    const trials = synthetic(60, 15, () => 0);
    const sum = pedAnovaImportance(SPACE, trials, 'minimize').reduce((s, p) => s + p.importance, 0);
    assert.ok(Math.abs(sum - 1) < 1e-12);
    assert.deepEqual(pedAnovaImportance(SPACE, [], 'minimize'), []);
  });
});
