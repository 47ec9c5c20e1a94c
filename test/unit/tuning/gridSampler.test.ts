// The grid sampler: every combination exactly once (conditional parameters only under their
// conditions), counted against a brute-force enumeration, and a grid too large refused up front.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isActive } from '../../../src/core/tuning/conditions';
import { GridError, GridSampler, checkGridSize, gridSize, gridValues } from '../../../src/core/tuning/samplers/grid';
import type { Params, SearchSpace } from '../../../src/core/tuning/types';

const SPACE: SearchSpace = {
  params: [
    { name: 'model', distribution: { type: 'categorical', choices: ['logistic', 'forest'] } },
    {
      name: 'logistic.penalty',
      distribution: { type: 'categorical', choices: ['l2', 'elasticnet'] },
      conditions: [{ param: 'model', values: ['logistic'] }],
    },
    {
      name: 'logistic.l1_ratio',
      distribution: { type: 'float', low: 0, high: 1, step: 0.25 },
      conditions: [
        { param: 'model', values: ['logistic'] },
        { param: 'logistic.penalty', values: ['elasticnet'] },
      ],
    },
    {
      name: 'forest.n_estimators',
      distribution: { type: 'int', low: 50, high: 200, step: 50 },
      conditions: [{ param: 'model', values: ['forest'] }],
    },
    { name: 'preprocess.scale', distribution: { type: 'categorical', choices: ['standard', 'none'] } },
  ],
};

/** Brute force: every assignment of every parameter's values, reduced to the active ones, deduplicated. */
function bruteForce(space: SearchSpace): Set<string> {
  const values = space.params.map((p) => gridValues(p));
  const out = new Set<string>();
  const visit = (i: number, full: Params) => {
    if (i === space.params.length) {
      const active: Params = {};
      for (const def of space.params) if (isActive(def, active)) active[def.name] = full[def.name];
      out.add(JSON.stringify(active));
      return;
    }
    for (const v of values[i]) visit(i + 1, { ...full, [space.params[i].name]: v });
  };
  visit(0, {});
  return out;
}

describe('grid sampler', () => {
  it('runs every combination exactly once, conditional parameters only where active', () => {
    const sampler = new GridSampler();
    const expected = bruteForce(SPACE);
    // logistic: l2 (1) + elasticnet (5 ratios) = 6; forest: 4 → 10, × 2 scalings = 20.
    assert.equal(expected.size, 20);
    assert.equal(gridSize(SPACE), 20);
    assert.equal(sampler.size(SPACE), 20);
    const seen = Array.from({ length: 20 }, (_, number) =>
      JSON.stringify(sampler.sample({ space: SPACE, number, trials: [], directions: ['minimize'], seed: 1 })),
    );
    assert.equal(new Set(seen).size, 20, 'no combination twice');
    assert.deepEqual(new Set(seen), expected);
    assert.throws(
      () => sampler.sample({ space: SPACE, number: 20, trials: [], directions: ['minimize'], seed: 1 }),
      /beyond the grid: its 20 combinations are trials 0 to 19/,
    );
  });

  it('takes float values from step or points (log-spaced on a log range), ends exactly at high', () => {
    const def = (d: SearchSpace['params'][number]['distribution']) => ({ name: 'x', distribution: d });
    assert.deepEqual(gridValues(def({ type: 'float', low: 0.1, high: 0.5, step: 0.1 })), [0.1, 0.2, 0.3, 0.4, 0.5]);
    assert.deepEqual(gridValues(def({ type: 'float', low: 0.001, high: 10, log: true }), 5), [0.001, 0.01, 0.1, 1, 10]);
    assert.deepEqual(gridValues(def({ type: 'float', low: 0, high: 1 }), 3), [0, 0.5, 1]);
    assert.deepEqual(gridValues(def({ type: 'int', low: 1, high: 10, step: 3 })), [1, 4, 7, 10]);
    assert.throws(() => gridValues(def({ type: 'float', low: 0, high: 1 })), /give it a step .* or a number of points/);
  });

  it('refuses a grid over the limit before anything runs, saying how large', () => {
    const big: SearchSpace = {
      params: [
        { name: 'a', distribution: { type: 'int', low: 1, high: 1000 } },
        { name: 'b', distribution: { type: 'int', low: 1, high: 1000 } },
      ],
    };
    assert.throws(
      () => checkGridSize(big),
      (e: unknown) => e instanceof GridError && /1,000,000 combinations; at most 100,000/.test(e.message),
    );
    assert.equal(checkGridSize(big, { maxCombinations: 1_000_000 }), 1_000_000);
  });
});
