// Our Parzen estimator's log-densities against Optuna 3.1's own estimator on the same
// observations (test/unit/tuning/parzen_reference.py, Debian's python3-optuna): every kind of
// parameter, few and many observations (the weight ramp starts beyond 25), univariate and
// multivariate bandwidths; and, with omitLogSigma (optunaCompat), Optuna's own log_pdf numbers.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ParzenEstimator, scaleOf, defaultWeights } from '../../../src/core/tuning/samplers/tpe/parzen';
import { seededRandom } from '../../../src/core/seededRandom';
import type { Distribution } from '../../../src/core/tuning/types';
import { drawUniform } from '../../../src/core/tuning/samplers/random';

const PYTHON = process.env.MLCYCLE_PYTHON ?? '/usr/bin/python3';

const DISTS: Distribution[] = [
  { type: 'float', low: -3, high: 7 },
  { type: 'float', low: 1e-3, high: 10, log: true },
  { type: 'float', low: 0, high: 2, step: 0.25 },
  { type: 'int', low: 1, high: 20 },
  { type: 'int', low: 0, high: 100, step: 10 },
  { type: 'int', low: 1, high: 512, log: true },
  { type: 'categorical', choices: ['a', 'b', 'c', 'd'] },
];

/** External value → the estimator's space (log, category index). */
function internal(d: Distribution, v: unknown): number {
  if (d.type === 'categorical') return d.choices.indexOf(v as string);
  return d.log ? Math.log(v as number) : (v as number);
}
const external = (d: Distribution, v: unknown) => (d.type === 'categorical' ? d.choices.indexOf(v as string) : v);

interface Case {
  dists: Distribution[];
  observations: unknown[][];
  points: unknown[][];
  multivariate: boolean;
}

function makeCase(dists: Distribution[], n: number, seed: number, multivariate: boolean): Case {
  const rand = seededRandom(seed);
  // An observation exactly at the prior's centre ties with the prior, whose bandwidth Optuna then
  // assigns in numpy's unstable sort order: keep observations off it.
  const draw = (d: Distribution, k: number) =>
    Array.from({ length: k }, () => {
      const scale = scaleOf(d);
      for (;;) {
        const v = drawUniform(d, rand());
        if (scale.kind === 'categorical' || internal(d, v) !== 0.5 * (scale.low + scale.high)) return v;
      }
    });
  return { dists, observations: dists.map((d) => draw(d, n)), points: dists.map((d) => draw(d, 12)), multivariate };
}

// Beyond 25 observations the weights differ per observation, and Optuna assigns the bandwidths
// of tied values in the order of numpy's unstable argsort: on a grid (stepped, integer) ties
// are certain, so there the univariate cases stay at ≤ 20 observations (equal weights, where
// the order of ties cannot matter). Continuous and categorical ones go to 40; multivariate
// bandwidths do not depend on order. (Ties with the prior's centre are avoided in makeCase.)
const continuous = (d: Distribution) => d.type === 'categorical' || (d.type === 'float' && d.step === undefined);
const CASES: Case[] = [
  ...DISTS.flatMap((d, i) => [0, 1, 5, continuous(d) ? 40 : 20].map((n) => makeCase([d], n, 100 * i + n, false))),
  makeCase(DISTS.filter(continuous), 30, 7, false),
  makeCase(DISTS.slice(0, 4), 12, 8, true),
  makeCase(DISTS, 60, 9, true),
];

describe('Parzen estimator', () => {
  it('weights observations like Optuna: flat up to 25, then a ramp from 1/n for the oldest', () => {
    assert.deepEqual([...defaultWeights(3)], [1, 1, 1]);
    const w = defaultWeights(30);
    assert.equal(w[0], 1 / 30);
    assert.equal(w[4], 1);
    assert.ok(w[1] > w[0] && w[3] < 1);
  });

  it('gives the log-densities of Optuna 3.1 to 1e-9 for every kind of parameter', () => {
    const request = {
      cases: CASES.map((c) => ({
        dists: c.dists,
        multivariate: c.multivariate,
        observations: c.observations.map((o, p) => o.map((v) => external(c.dists[p], v))),
        points: c.points.map((o, p) => o.map((v) => external(c.dists[p], v))),
      })),
    };
    const r = spawnSync(PYTHON, [join(__dirname, 'parzen_reference.py')], {
      input: JSON.stringify(request),
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    const parsed = JSON.parse(r.stdout) as { logPdf: number[][]; optunaLogPdf: number[][] };
    const reference = parsed.logPdf;
    CASES.forEach((c, k) => {
      const n = c.observations[0].length;
      const scales = c.dists.map(scaleOf);
      const obs = c.observations.map((o, p) => Float64Array.from(o, (v) => internal(c.dists[p], v)));
      const pe = new ParzenEstimator(scales, obs, n, {
        multivariate: c.multivariate,
        priorWeight: 1,
        dims: c.dists.length,
      });
      const pts = c.points.map((o, p) => Float64Array.from(o, (v) => internal(c.dists[p], v)));
      const ours = pe.logPdf(pts, 12);
      // optunaCompat: Optuna 3.1's own log_pdf numbers (continuous kernels without −log σ).
      const compat = new ParzenEstimator(scales, obs, n, {
        multivariate: c.multivariate,
        priorWeight: 1,
        dims: c.dists.length,
        omitLogSigma: true,
      }).logPdf(pts, 12);
      const optuna = parsed.optunaLogPdf[k];
      for (let s = 0; s < 12; s++) {
        assert.ok(
          Math.abs(ours[s] - reference[k][s]) <= 1e-9 * Math.max(1, Math.abs(reference[k][s])),
          `case ${k} (${c.dists.map((d) => d.type).join(',')}, n=${n}, multivariate=${c.multivariate}) point ${s}: ours ${ours[s]}, Optuna ${reference[k][s]}`,
        );
        assert.ok(
          Math.abs(compat[s] - optuna[s]) <= 1e-9 * Math.max(1, Math.abs(optuna[s])),
          `case ${k} point ${s}, Optuna-compatible: ours ${compat[s]}, Optuna's log_pdf ${optuna[s]}`,
        );
      }
    });
  });

  it('samples inside the bounds and on the grid', () => {
    for (const d of DISTS) {
      const scale = scaleOf(d);
      const rand = seededRandom(5);
      const obs = [Float64Array.from({ length: 8 }, () => internal(d, drawUniform(d, rand())))];
      const pe = new ParzenEstimator([scale], obs, 8, { multivariate: false, priorWeight: 1, dims: 1 });
      const [xs] = pe.sample(rand, 200);
      for (const x of xs) {
        if (scale.kind === 'categorical') assert.ok(Number.isInteger(x) && x >= 0 && x < scale.choices);
        else {
          assert.ok(x >= scale.low && x <= scale.high, `${JSON.stringify(d)}: ${x}`);
          if (scale.q !== undefined) {
            const k = (x - (scale.low + scale.q / 2)) / scale.q;
            assert.ok(Math.abs(k - Math.round(k)) < 1e-9);
          }
        }
      }
    }
  });
});
