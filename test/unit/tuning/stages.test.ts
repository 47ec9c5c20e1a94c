import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { narrowSpace } from '../../../src/core/tuning/stages';
import type { SearchSpace, TrialView } from '../../../src/core/tuning/types';

const space: SearchSpace = {
  params: [
    { name: 'x', distribution: { type: 'float', low: 0, high: 10 } },
    { name: 'C', distribution: { type: 'float', low: 1e-3, high: 1e3, log: true } },
    { name: 'n', distribution: { type: 'int', low: 1, high: 100, step: 5 } },
    { name: 'kind', distribution: { type: 'categorical', choices: ['a', 'b', 'c'] } },
    { name: 'z', distribution: { type: 'float', low: 0, high: 1 }, conditions: [{ param: 'kind', values: ['c'] }] },
  ],
};

function trial(number: number, value: number, x: number, C: number, n: number, kind: string): TrialView {
  return { number, state: 'complete', params: { x, C, n, kind }, values: [value], intermediate: [] };
}

const trials: TrialView[] = [
  trial(0, 5, 9, 100, 96, 'a'),
  trial(1, 1, 4, 0.1, 21, 'b'),
  trial(2, 2, 5, 1, 31, 'a'),
  trial(3, 3, 6, 10, 41, 'b'),
  { number: 4, state: 'pruned', params: { x: 0, C: 1e-3, n: 1, kind: 'c', z: 0 }, values: [0], intermediate: [[0, 0]] },
];

describe('narrowSpace', () => {
  it('narrows each range to the top trials, widened by the margin of the original width and clamped', () => {
    const { space: next, changes } = narrowSpace(space, trials, 'minimize', { top: 3, margin: 0.1 });
    const d = Object.fromEntries(next.params.map((p) => [p.name, p.distribution]));
    // Top 3 by value: trials 1, 2, 3 (the pruned trial 4 does not count). Brute force of the rule:
    assert.deepEqual(d.x, { type: 'float', low: 4 - 1, high: 6 + 1 });
    const lw = Math.log(1e3) - Math.log(1e-3);
    const C = d.C as { low: number; high: number };
    assert.ok(Math.abs(Math.log(C.low) - (Math.log(0.1) - 0.1 * lw)) < 1e-12);
    assert.ok(Math.abs(Math.log(C.high) - (Math.log(10) + 0.1 * lw)) < 1e-12);
    // n: [21 - 9.9, 41 + 9.9] = [11.1, 50.9] snapped outward to the grid 1, 6, 11, ... → [11, 51]
    assert.deepEqual(d.n, { type: 'int', low: 11, high: 51, step: 5 });
    assert.deepEqual(d.kind, { type: 'categorical', choices: ['a', 'b'] });
    assert.deepEqual(d.z, space.params[4].distribution, 'no top trial had z: unchanged');
    assert.equal(changes.length, 4);
    assert.equal(changes[0], 'x: [0, 10] → [3, 7]');
    assert.match(changes[1], /^C: \[0\.001, 1000\] → \[0\.02512, 39\.81\] \(log\)$/);
  });

  it('never leaves the original range, and maximises when asked', () => {
    const { space: next } = narrowSpace(space, trials, 'maximize', { top: 1, margin: 0.5 });
    const x = next.params[0].distribution as { low: number; high: number };
    assert.deepEqual([x.low, x.high], [4, 10]); // trial 0 (value 5): 9 ± 5, clamped at 10
    const n = next.params[2].distribution as { low: number; high: number };
    assert.ok(n.low >= 1 && n.high <= 100);
  });
});
