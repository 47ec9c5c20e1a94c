// The TPE sampler as a whole: seeded runs reproduce exactly (ours and the Optuna-compatible
// settings), TPE beats random search on Branin at a small budget (deterministic given the seeds,
// so not flaky), and the fast paths behind its overhead give what the plain computations give:
// the univariate mixture sums against the per-component log-sum-exp, the radix argsort against
// a comparator sort, the best-gamma selection against a full sort, fdlibm's erfc against SciPy.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { seededRandom } from '../../../src/core/seededRandom';
import { RandomSampler } from '../../../src/core/tuning/samplers/random';
import { TpeSampler, type TpeOptions } from '../../../src/core/tuning/samplers/tpe';
import { fastErfc } from '../../../src/core/tuning/samplers/tpe/normal';
import { rankTrials } from '../../../src/core/tuning/samplers/tpe/observations';
import { ParzenEstimator, ascendingOrder, scaleOf } from '../../../src/core/tuning/samplers/tpe/parzen';
import type { Params, Sampler, SearchSpace, TrialView } from '../../../src/core/tuning/types';

const PYTHON = process.env.MLCYCLE_PYTHON ?? '/usr/bin/python3';

const BRANIN: SearchSpace = {
  params: [
    { name: 'x1', distribution: { type: 'float', low: -5, high: 10 } },
    { name: 'x2', distribution: { type: 'float', low: 0, high: 15 } },
  ],
};
function branin(p: Params): number {
  const x1 = p.x1 as number;
  const x2 = p.x2 as number;
  return (
    (x2 - (5.1 / (4 * Math.PI ** 2)) * x1 ** 2 + (5 / Math.PI) * x1 - 6) ** 2 +
    10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) +
    10
  );
}

const MIXED: SearchSpace = {
  params: [
    { name: 'kind', distribution: { type: 'categorical', choices: ['a', 'b'] } },
    { name: 'x', distribution: { type: 'float', low: -3, high: 3 }, conditions: [{ param: 'kind', values: ['a'] }] },
    { name: 'n', distribution: { type: 'int', low: 1, high: 50 }, conditions: [{ param: 'kind', values: ['b'] }] },
    { name: 'lr', distribution: { type: 'float', low: 1e-4, high: 1, log: true } },
  ],
};
const mixed = (p: Params) =>
  (p.kind === 'a' ? (p.x as number) ** 2 : ((p.n as number) - 20) ** 2 / 100) + Math.log10(p.lr as number) ** 2;

function study(sampler: Sampler, space: SearchSpace, f: (p: Params) => number, seed: number, n: number) {
  const history: TrialView[] = [];
  for (let i = 0; i < n; i++) {
    const params = sampler.sample({ space, number: i, trials: history, directions: ['minimize'], seed });
    history.push({ number: i, state: 'complete', params, values: [f(params)], intermediate: [] });
  }
  return history;
}
const bestOf = (h: TrialView[]) => Math.min(...h.map((t) => t.values![0]));

describe('TPE sampler', () => {
  const settings: Array<[string, TpeOptions]> = [
    ['our defaults', {}],
    ['Optuna-compatible', { optunaCompat: true }],
    ['multivariate, group, constant liar', { multivariate: true, group: true, constantLiar: true }],
  ];
  for (const [label, options] of settings)
    it(`reproduces a seeded study exactly (${label})`, () => {
      const a = study(new TpeSampler(options), MIXED, mixed, 3, 40);
      const b = study(new TpeSampler(options), MIXED, mixed, 3, 40);
      assert.deepEqual(
        a.map((t) => t.params),
        b.map((t) => t.params),
      );
      const c = study(new TpeSampler(options), MIXED, mixed, 4, 40);
      assert.notDeepEqual(
        a.map((t) => t.params),
        c.map((t) => t.params),
      );
    });

  it('gives the same parameters from one sampler kept across trials as from a new one per trial', () => {
    const shared = study(new TpeSampler(), MIXED, mixed, 6, 40);
    const history: TrialView[] = [];
    for (let i = 0; i < 40; i++) {
      const params = new TpeSampler().sample({
        space: MIXED,
        number: i,
        trials: history,
        directions: ['minimize'],
        seed: 6,
      });
      history.push({ number: i, state: 'complete', params, values: [mixed(params)], intermediate: [] });
    }
    assert.deepEqual(
      history.map((t) => t.params),
      shared.map((t) => t.params),
    );
  });

  it('gives the same parameters whether the history comes in trial order or not', () => {
    const h = study(new TpeSampler(), MIXED, mixed, 5, 30);
    const request = (trials: TrialView[]) => ({
      space: MIXED,
      number: 30,
      trials,
      directions: ['minimize' as const],
      seed: 5,
    });
    const shuffled = [...h].reverse();
    assert.deepEqual(new TpeSampler().sample(request(h)), new TpeSampler().sample(request(shuffled)));
  });

  it("starts from a Latin hypercube with startup: 'latin' (each tenth of each range used once)", () => {
    const h = study(new TpeSampler({ startup: 'latin' }), BRANIN, branin, 9, 10);
    for (const [name, low, high] of [
      ['x1', -5, 10],
      ['x2', 0, 15],
    ] as const) {
      const strata = h
        .map((t) => Math.floor((((t.params[name] as number) - low) / (high - low)) * 10))
        .sort((a, b) => a - b);
      assert.deepEqual(strata, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
    assert.deepEqual(
      h.map((t) => t.params),
      study(new TpeSampler({ startup: 'latin' }), BRANIN, branin, 9, 10).map((t) => t.params),
    );
  });

  it('beats random search on Branin: 60 trials, mean best over 5 seeds', () => {
    const seeds = [0, 1, 2, 3, 4];
    const mean = (make: () => Sampler) =>
      seeds.reduce((s, seed) => s + bestOf(study(make(), BRANIN, branin, seed, 60)), 0) / seeds.length;
    const tpe = mean(() => new TpeSampler());
    const compat = mean(() => new TpeSampler({ optunaCompat: true }));
    const random = mean(() => new RandomSampler());
    assert.ok(tpe < random, `TPE ${tpe} vs random ${random}`);
    assert.ok(compat < random, `TPE (Optuna-compatible) ${compat} vs random ${random}`);
  });
});

describe('TPE fast paths', () => {
  const rand = seededRandom(11);
  const univariate = { multivariate: false, priorWeight: 1, dims: 1 };

  it('sums one parameter’s mixture like the per-component log-sum-exp (1e-12), at 3,000 observations', () => {
    const cases = [
      { type: 'float', low: -10, high: 10 },
      { type: 'float', low: 1e-3, high: 1e3, log: true },
      { type: 'int', low: 1, high: 100 },
      { type: 'int', low: 0, high: 1000, step: 10 },
      { type: 'float', low: 0, high: 2, step: 0.25 },
      { type: 'categorical', choices: ['x', 'y', 'z'] },
    ] as const;
    for (const d of cases) {
      const scale = scaleOf(d);
      const draw = () =>
        scale.kind === 'categorical'
          ? Math.floor(rand() * scale.choices)
          : scale.q !== undefined
            ? scale.low + scale.q / 2 + Math.round(rand() ** 3 * ((scale.high - scale.low) / scale.q - 1)) * scale.q
            : scale.low + (scale.high - scale.low) * rand() ** 3;
      const n = 3000;
      const obs = [Float64Array.from({ length: n }, draw)];
      const points = [Float64Array.from({ length: 24 }, draw)];
      for (const omitLogSigma of [false, true]) {
        const pe = new ParzenEstimator([scale], obs, n, { ...univariate, omitLogSigma });
        const fast = pe.logPdf(points, 24);
        const plain = pe.logPdfByComponents(points, 24);
        for (let s = 0; s < 24; s++)
          assert.ok(
            Math.abs(fast[s] - plain[s]) <= 1e-12 * Math.max(1, Math.abs(plain[s])),
            `${JSON.stringify(d)} point ${s}: ${fast[s]} vs ${plain[s]}`,
          );
      }
    }
  });

  it('argsorts stably without a comparator: ties in index order, negatives, −0, infinities', () => {
    const pools = [
      () => rand() * 10 - 5,
      () => Math.round(rand() * 5),
      () => -Math.exp(rand() * 40 - 20),
      () => [0, -0, 1e-300, -1e-300, Infinity, -Infinity, -3.5, 2, 2 + 1e-15][Math.floor(rand() * 9)],
    ];
    for (const pool of pools)
      for (const m of [0, 1, 2, 7, 300, 5000]) {
        const v = Float64Array.from({ length: m }, pool);
        const expected = Array.from({ length: m }, (_, i) => i).sort((a, b) =>
          v[a] === v[b] ? a - b : v[a] < v[b] ? -1 : 1,
        );
        assert.deepEqual([...ascendingOrder(v)], expected);
      }
  });

  it('picks the best gamma(n) trials like a full stable sort (pruned, running and tied trials)', () => {
    for (const constantLiar of [false, true]) {
      const trials: TrialView[] = Array.from({ length: 400 }, (_, number) => {
        const u = rand();
        const value = Math.round(rand() * 30);
        if (u < 0.6) return { number, state: 'complete', params: {}, values: [value], intermediate: [] };
        if (u < 0.8)
          return {
            number,
            state: 'pruned',
            params: {},
            values: [value],
            intermediate: [[Math.floor(rand() * 3), value]],
          };
        return { number, state: u < 0.9 ? 'running' : 'failed', params: {}, intermediate: [] };
      });
      for (const direction of ['minimize', 'maximize'] as const) {
        const ranked = rankTrials(trials, direction, constantLiar);
        const sign = direction === 'minimize' ? 1 : -1;
        const key = (t: TrialView): [number, number] =>
          t.state === 'complete'
            ? [-Infinity, sign * t.values![0]]
            : t.state === 'pruned'
              ? [-t.intermediate.at(-1)![0], sign * t.intermediate.at(-1)![1]]
              : [Infinity, Infinity];
        const order = ranked.trials
          .map((_, i) => i)
          .sort((a, b) => {
            const [ka, kb] = [key(ranked.trials[a]), key(ranked.trials[b])];
            return ka[0] - kb[0] || (ka[1] === kb[1] ? 0 : ka[1] < kb[1] ? -1 : 1) || a - b;
          });
        const nBelow = Math.min(Math.ceil(0.1 * ranked.n), 25);
        assert.deepEqual(
          ranked.below,
          order.slice(0, nBelow).sort((a, b) => a - b),
        );
        assert.equal(ranked.below.length + ranked.above.length, ranked.trials.length);
      }
    }
  });

  it('computes erfc within 1e-13 of SciPy from −6 to 26', () => {
    const xs = Array.from({ length: 3200 }, (_, i) => -6 + i * 0.01);
    const r = spawnSync(
      PYTHON,
      [
        '-c',
        'import json,sys;from scipy.special import erfc;print(json.dumps([float(erfc(x)) for x in json.load(sys.stdin)]))',
      ],
      { input: JSON.stringify(xs), encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    const reference: number[] = JSON.parse(r.stdout);
    xs.forEach((x, i) =>
      assert.ok(
        Math.abs(fastErfc(x) - reference[i]) <= 1e-13 * reference[i],
        `erfc(${x}): ${fastErfc(x)} vs SciPy ${reference[i]}`,
      ),
    );
  });
});
