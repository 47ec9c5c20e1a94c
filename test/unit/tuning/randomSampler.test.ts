import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { RandomSampler } from '../../../src/core/tuning/samplers/random';
import type { Params, SearchSpace } from '../../../src/core/tuning/types';

const space: SearchSpace = {
  params: [
    { name: 'f', distribution: { type: 'float', low: -2, high: 3 } },
    { name: 'lf', distribution: { type: 'float', low: 1e-4, high: 1e2, log: true } },
    { name: 'sf', distribution: { type: 'float', low: 0, high: 1, step: 0.25 } },
    { name: 'i', distribution: { type: 'int', low: 1, high: 6 } },
    { name: 'si', distribution: { type: 'int', low: 10, high: 50, step: 10 } },
    { name: 'li', distribution: { type: 'int', low: 1, high: 1000, log: true } },
    { name: 'c', distribution: { type: 'categorical', choices: ['a', 'b', null] } },
    { name: 'only_a', distribution: { type: 'float', low: 0, high: 1 }, conditions: [{ param: 'c', values: ['a'] }] },
  ],
};

function draw(n: number, seed = 3): Params[] {
  const s = new RandomSampler();
  return Array.from({ length: n }, (_, number) =>
    s.sample({ space, number, trials: [], directions: ['minimize'], seed }),
  );
}

/** Pearson's chi-square statistic of counts against equal expected counts. */
function chiSquare(counts: number[]): number {
  const n = counts.reduce((a, b) => a + b, 0);
  const e = n / counts.length;
  return counts.reduce((a, c) => a + (c - e) ** 2 / e, 0);
}

describe('RandomSampler', () => {
  const sample = draw(6000);

  it('is a function of the seed and the trial number only', () => {
    assert.deepEqual(draw(50), sample.slice(0, 50));
    assert.notDeepEqual(draw(50, 4), sample.slice(0, 50));
    const s = new RandomSampler();
    assert.deepEqual(s.sample({ space, number: 17, trials: [], directions: ['minimize'], seed: 3 }), sample[17]);
  });

  it('keeps every value in its range, on its grid, and conditional parameters only under their condition', () => {
    for (const p of sample) {
      assert.ok((p.f as number) >= -2 && (p.f as number) < 3);
      assert.ok((p.lf as number) >= 1e-4 && (p.lf as number) <= 1e2);
      assert.ok([0, 0.25, 0.5, 0.75, 1].includes(p.sf as number));
      assert.ok(Number.isInteger(p.i) && (p.i as number) >= 1 && (p.i as number) <= 6);
      assert.ok([10, 20, 30, 40, 50].includes(p.si as number));
      assert.ok(Number.isInteger(p.li) && (p.li as number) >= 1 && (p.li as number) <= 1000);
      assert.equal('only_a' in p, p.c === 'a');
    }
  });

  it('is uniform over choices and grid points (chi-square below the 0.1% critical value)', () => {
    const count = (key: string, values: unknown[]) => values.map((v) => sample.filter((p) => p[key] === v).length);
    // Critical values of chi-square at p = 0.001: 2 df 13.82, 4 df 18.47, 5 df 20.52.
    assert.ok(chiSquare(count('c', ['a', 'b', null])) < 13.82);
    assert.ok(chiSquare(count('sf', [0, 0.25, 0.5, 0.75, 1])) < 18.47);
    assert.ok(chiSquare(count('si', [10, 20, 30, 40, 50])) < 18.47);
    assert.ok(chiSquare(count('i', [1, 2, 3, 4, 5, 6])) < 20.52);
  });

  it('draws log ranges uniformly in log space', () => {
    // Deciles of log10(lf) over [-4, 2]: six equal decades.
    const decades = [0, 0, 0, 0, 0, 0];
    for (const p of sample) decades[Math.min(5, Math.floor(Math.log10(p.lf as number) + 4))]++;
    assert.ok(chiSquare(decades) < 20.52);
    const belowMid = sample.filter((p) => (p.li as number) <= 31).length / sample.length;
    // Integers own their log-width share of [0.5, 1000.5]: P(x ≤ 31) = ln(31.5 / 0.5) / ln(1000.5 / 0.5).
    const expected = Math.log(31.5 / 0.5) / Math.log(1000.5 / 0.5);
    assert.ok(Math.abs(belowMid - expected) < 0.02, `log-int draws ≤ 31: ${belowMid}, expected ${expected}`);
  });
});
