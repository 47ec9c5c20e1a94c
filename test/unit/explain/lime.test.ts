// LIME against independent references: the quartile discretiser's edges and per-bin statistics
// as numpy computes them the way lime's BaseDiscretizer does (on cars, a real data set with
// ties and missing values); the local model as scikit-learn's Ridge(alpha=1) fits and scores it
// on the very neighbourhood we drew (binary design, kernel weights, model outputs exported from
// our code), lime's feature selections written again with scikit-learn; the kernel weights from
// scikit-learn's pairwise distances and lime's formula; a linear model with independent
// features whose true ranking LIME must find; and a cancel from inside the progress callback.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { explainLime, spearman, spreadRows, topJaccard, limeStability } from '../../../src/core/explain/lime';
import { binOf, limeFeatures, neighbourhood, percentileSorted } from '../../../src/core/explain/limeSampling';
import { fitLocal, weightedDesign } from '../../../src/core/explain/limeRegression';
import { seededRandom } from '../../../src/core/seededRandom';
import { sklearn } from '../model/sklearnReference';

const CARS = JSON.parse(
  readFileSync(join(process.cwd(), 'node_modules/vega-datasets/data/cars.json'), 'utf8'),
) as Array<Record<string, number | string | null>>;
const CAR_COLUMNS = ['Miles_per_Gallon', 'Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration'];

function carsMatrix(): Float64Array {
  const M = CAR_COLUMNS.length;
  const out = new Float64Array(CARS.length * M);
  CARS.forEach((car, i) =>
    CAR_COLUMNS.forEach((c, f) => {
      const v = car[c];
      out[i * M + f] = typeof v === 'number' ? v : NaN;
    }),
  );
  return out;
}

function gaussianRows(n: number, M: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: n * M }, () => {
    const u = 1 - random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  });
}

/** A smooth, nonlinear model with K outputs (softmax of two mixes when K > 1). */
function smoothModel(M: number, K: number) {
  return (rows: Float64Array, n: number) => {
    const out = new Float64Array(n * K);
    for (let i = 0; i < n; i++) {
      const x = rows.subarray(i * M, (i + 1) * M);
      const scores = Array.from({ length: K }, (_, k) => {
        let s = 0;
        for (let f = 0; f < M; f++) s += Math.sin((f + 1) * (k + 1) * 0.3) * Math.tanh(x[f] / (1 + f));
        return s + (k === 0 ? 0.5 * x[0] * x[1 % M] : 0);
      });
      if (K === 1) out[i] = scores[0];
      else {
        const m = Math.max(...scores);
        const e = scores.map((s) => Math.exp(s - m));
        const z = e.reduce((a, b) => a + b, 0);
        e.forEach((v, k) => (out[i * K + k] = v / z));
      }
    }
    return out;
  };
}

describe('LIME: the quartile discretiser', () => {
  it("edges, bin frequencies, means, standard deviations and bounds equal numpy's, computed as lime's BaseDiscretizer does, on cars", () => {
    const M = CAR_COLUMNS.length;
    const ours = limeFeatures(carsMatrix(), M);
    const columns = CAR_COLUMNS.map((c) => CARS.map((car) => (typeof car[c] === 'number' ? car[c] : null)));
    const reference = sklearn<
      Array<{ edges: number[]; freq: number[]; mean: number[]; std: number[]; min: number[]; max: number[] }>
    >(
      `
out = []
for col in data['columns']:
    x = np.array([v for v in col if v is not None], dtype=float)
    qts = np.unique(np.array(np.percentile(x, [25, 50, 75])))
    d = np.searchsorted(qts, x)
    bins = len(qts) + 1
    freq = [float(np.sum(d == b)) / len(col) for b in range(bins)]
    mean = [0.0 if np.sum(d == b) == 0 else float(np.mean(x[d == b])) for b in range(bins)]
    std = [(0.0 if np.sum(d == b) == 0 else float(np.std(x[d == b]))) + 0.00000000001 for b in range(bins)]
    out.append({'edges': qts, 'freq': freq, 'mean': mean, 'std': std,
                'min': [float(np.min(x))] + qts.tolist(), 'max': qts.tolist() + [float(np.max(x))]})
result = out
`,
      { columns },
    );
    CAR_COLUMNS.forEach((c, f) => {
      const r = reference[f];
      const o = ours[f];
      assert.equal(o.kind, 'quartiles');
      assert.deepEqual(o.edges, r.edges, `${c}: the edges are numpy's to the last bit`);
      const bins = r.edges.length + 1;
      for (let b = 0; b < bins; b++) {
        assert.ok(Math.abs(o.frequency[b] - r.freq[b]) < 1e-15, `${c} bin ${b} frequency`);
        assert.ok(Math.abs(o.mean[b] - r.mean[b]) <= 1e-12 * Math.max(1, Math.abs(r.mean[b])), `${c} bin ${b} mean`);
        assert.ok(Math.abs(o.std[b] - r.std[b]) <= 1e-10 * Math.max(1, r.std[b]), `${c} bin ${b} std`);
        assert.equal(o.min[b], r.min[b]);
        assert.equal(o.max[b], r.max[b]);
      }
      // Missing values (Miles_per_Gallon, Horsepower have some) are a bin of their own.
      const missing = columns[f].filter((v) => v === null).length;
      if (missing > 0) assert.ok(Math.abs(o.frequency[o.missingBin] - missing / CARS.length) < 1e-15);
      else assert.equal(o.missingBin, -1);
    });
    assert.ok(ours[1].edges.length < 3, 'Cylinders has tied quartiles, merged as np.unique merges them');
  });

  it("percentiles at every q equal numpy's linear interpolation, and bins are numpy's searchsorted", () => {
    const random = seededRandom(7);
    const values = Array.from({ length: 37 }, () => Math.round(random() * 20) / 4).sort((a, b) => a - b);
    const qs = [0, 1, 10, 25, 33, 50, 62.5, 75, 90, 99, 100];
    const probes = [-1, 0, 0.25, 1, 2.5, 3, 4.75, 5, 6];
    const r = sklearn<{ p: number[]; bins: number[] }>(
      `qts = np.unique(np.percentile(np.array(data['v']), [25, 50, 75]))
result = {'p': [float(np.percentile(np.array(data['v']), q)) for q in data['q']], 'bins': np.searchsorted(qts, np.array(data['x'])).tolist()}`,
      { v: values, q: qs, x: probes },
    );
    assert.deepEqual(
      qs.map((q) => percentileSorted(values, q)),
      r.p,
    );
    const [feature] = limeFeatures(Float64Array.from(values), 1);
    assert.deepEqual(
      probes.map((x) => binOf(feature, x)),
      r.bins,
    );
  });

  it('0/1 features are categorical: values drawn as in training, indicator "same value"', () => {
    const training = Float64Array.from({ length: 400 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const [f] = limeFeatures(training, 1);
    assert.equal(f.kind, 'binary');
    assert.deepEqual(f.frequency, [0.75, 0.25]);
    assert.equal(binOf(f, 0), 0);
    assert.equal(binOf(f, 1), 1);
  });
});

describe('LIME: missing values', () => {
  it('are a bin of their own: drawn with their frequency, "same bin" for a missing row exactly when the sample is missing', () => {
    const training = Float64Array.from({ length: 1000 }, (_, i) => (i % 5 === 0 ? NaN : i));
    const [f] = limeFeatures(training, 1);
    assert.equal(f.frequency[f.missingBin], 0.2);
    const hood = neighbourhood([NaN], [f], 4000, seededRandom(4));
    let missing = 0;
    for (let s = 1; s < 4000; s++) {
      const isMissing = Number.isNaN(hood.inverse[s]);
      missing += isMissing ? 1 : 0;
      assert.equal(hood.binary[s], isMissing ? 1 : 0);
      assert.equal(hood.distances[s], isMissing ? 0 : 1);
    }
    assert.ok(Math.abs(missing / 3999 - 0.2) < 5 * Math.sqrt(0.16 / 3999));
  });
});

describe('LIME: the neighbourhood, the kernel and the local model against scikit-learn', () => {
  for (const { M, K, numFeatures, label } of [
    { M: 6, K: 1, numFeatures: undefined, label: 'regression, every feature' },
    { M: 6, K: 3, numFeatures: undefined, label: 'three class probabilities' },
    { M: 6, K: 2, numFeatures: 3, label: 'forward selection of 3 (auto, ≤ 6)' },
    { M: 10, K: 1, numFeatures: 7, label: 'highest weights, 7 of 10 (auto, > 6)' },
  ])
    it(`${label}: Ridge(alpha=1) intercept, coefficients and score equal sklearn's to 1e-8; weights are lime's kernel`, async () => {
      const training = gaussianRows(300, M, 11 + M + K);
      // One binary feature among them, as a one-hot column would be.
      for (let i = 0; i < 300; i++) training[i * M + M - 1] = i % 3 === 0 ? 1 : 0;
      const features = limeFeatures(training, M);
      const rows = training.slice(0, 2 * M);
      const seen: Array<{ binary: number[][]; weights: number[]; y: number[][]; inverse: number[][] }> = [];
      const model = smoothModel(M, K);
      const r = await explainLime(model, K, rows, features, {
        samples: 800,
        seed: 3,
        ...(numFeatures ? { numFeatures } : {}),
        onNeighbourhood: (_, n) => {
          const S = n.samples;
          seen.push({
            binary: Array.from({ length: S }, (_, s) => Array.from(n.binary.subarray(s * M, (s + 1) * M))),
            inverse: Array.from({ length: S }, (_, s) => Array.from(n.inverse.subarray(s * M, (s + 1) * M))),
            weights: Array.from(n.weights),
            y: Array.from({ length: S }, (_, s) => Array.from(n.predictions.subarray(s * K, (s + 1) * K))),
          });
        },
      });
      assert.equal(seen.length, 2);
      const reference = sklearn<
        Array<{ weights: number[]; fits: Array<{ intercept: number; coef: number[]; score: number; local: number }> }>
      >(
        `
from sklearn.linear_model import Ridge
from sklearn.metrics import pairwise_distances
out = []
M = data['M']; k_sel = data['numFeatures']
def forward(X, y, w, count):
    used = []
    for _ in range(min(count, X.shape[1])):
        best, top = 0, -100000000
        for f in range(X.shape[1]):
            if f in used: continue
            m = Ridge(alpha=0, fit_intercept=True).fit(X[:, used + [f]], y, sample_weight=w)
            s = m.score(X[:, used + [f]], y, sample_weight=w)
            if s > top: best, top = f, s
        used.append(best)
    return used
def highest(X, y, w, count):
    m = Ridge(alpha=0.01, fit_intercept=True).fit(X, y, sample_weight=w)
    return [f for f, _ in sorted(zip(range(X.shape[1]), m.coef_ * X[0]), key=lambda t: abs(t[1]), reverse=True)][:count]
for row in data['rows']:
    Z = np.array(row['binary'], dtype=float)
    d = pairwise_distances(Z, Z[0].reshape(1, -1), metric='euclidean').ravel()
    width = np.sqrt(M) * .75
    w = np.sqrt(np.exp(-(d ** 2) / width ** 2))
    Y = np.array(row['y'])
    fits = []
    for k in range(Y.shape[1]):
        y = Y[:, k]
        if k_sel is None: used = list(range(M))
        elif k_sel <= 6: used = forward(Z, y, w, k_sel)
        else: used = highest(Z, y, w, k_sel)
        m = Ridge(alpha=1, fit_intercept=True).fit(Z[:, used], y, sample_weight=w)
        coef = np.zeros(M); coef[used] = m.coef_
        fits.append({'intercept': float(m.intercept_), 'coef': coef, 'score': float(m.score(Z[:, used], y, sample_weight=w)),
                     'local': float(m.predict(Z[0, used].reshape(1, -1))[0])})
    out.append({'weights': w, 'fits': fits})
result = out
`,
        { rows: seen, M, numFeatures: numFeatures ?? null },
      );
      reference.forEach((ref, i) => {
        ref.weights.forEach((w, s) => assert.ok(Math.abs(seen[i].weights[s] - w) < 1e-12, `weight ${s}`));
        ref.fits.forEach((fit, k) => {
          const close = (a: number, b: number, what: string) =>
            assert.ok(Math.abs(a - b) <= 1e-8, `row ${i} output ${k} ${what}: ${a} vs ${b}`);
          close(r.intercepts[i * K + k], fit.intercept, 'intercept');
          close(r.scores[i * K + k], fit.score, 'score');
          close(r.localPredictions[i * K + k], fit.local, 'local prediction');
          fit.coef.forEach((c, f) => close(r.values[(i * M + f) * K + k], c, `coefficient ${f}`));
          if (numFeatures) assert.equal(fit.coef.filter((c) => c !== 0).length, numFeatures);
        });
        // The model's output at the row is the first sample's (the row itself).
        for (let k = 0; k < K; k++) assert.equal(r.output[i * K + k], seen[i].y[0][k]);
      });
      // Every sample's indicator says whether its value falls in the row's bin; the first is the row.
      for (let i = 0; i < 2; i++) {
        assert.deepEqual(seen[i].inverse[0], Array.from(rows.subarray(i * M, (i + 1) * M)));
        for (let s = 0; s < seen[i].binary.length; s++)
          for (let f = 0; f < M; f++) {
            const same = binOf(features[f], seen[i].inverse[s][f]) === binOf(features[f], rows[i * M + f]) ? 1 : 0;
            assert.equal(seen[i].binary[s][f], same, `row ${i} sample ${s} feature ${f}`);
          }
      }
    });

  it('the bins are drawn with their training frequencies, values inside their bins', async () => {
    const M = 3;
    const training = gaussianRows(2000, M, 5);
    const features = limeFeatures(training, M);
    const counts = features.map((f) => new Array<number>(f.frequency.length).fill(0));
    const S = 20_000;
    await explainLime(smoothModel(M, 1), 1, training.slice(0, M), features, {
      samples: S,
      seed: 9,
      onNeighbourhood: (_, n) => {
        for (let s = 1; s < S; s++)
          for (let f = 0; f < M; f++) {
            const v = n.inverse[s * M + f];
            const b = binOf(features[f], v);
            assert.ok(v >= features[f].min[b] && v <= features[f].max[b]);
            counts[f][b]++;
          }
      },
    });
    features.forEach((f, j) =>
      f.frequency.forEach((p, b) => {
        const sd = Math.sqrt((p * (1 - p)) / (S - 1));
        assert.ok(Math.abs(counts[j][b] / (S - 1) - p) < 5 * sd, `feature ${j} bin ${b}`);
      }),
    );
  });

  it('the ridge solves exactly on a design small enough to check by hand (with a column constant in the sample)', () => {
    // z = [1,1],[1,0],[0,1],[0,0] with the second column repeated constant: β for it is 0.
    const z = Uint8Array.from([1, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1]);
    const w = Float64Array.from([1, 0.5, 0.25, 0.125]);
    const y = Float64Array.from([3, 1, 2, 0]);
    const d = weightedDesign(z, w, 3);
    const r = sklearn<{ intercept: number; coef: number[]; score: number }>(
      `from sklearn.linear_model import Ridge
Z = np.array(data['z'], dtype=float).reshape(4, 3); m = Ridge(alpha=0.5).fit(Z, data['y'], sample_weight=data['w'])
result = {'intercept': float(m.intercept_), 'coef': m.coef_, 'score': float(m.score(Z, data['y'], sample_weight=data['w']))}`,
      { z: Array.from(z), w: Array.from(w), y: Array.from(y) },
    );
    const fit = fitLocal(d, y, 1, 0, { alpha: 0.5 });
    assert.ok(Math.abs(fit.intercept - r.intercept) < 1e-12);
    assert.ok(Math.abs(fit.score - r.score) < 1e-12);
    r.coef.forEach((c, f) => assert.ok(Math.abs(fit.coef[f] - c) < 1e-12));
  });
});

describe('LIME: properties', () => {
  it("on a linear model with independent features, the features' ranking is the truth (rows in the outer quartiles)", async () => {
    const M = 6;
    for (let trial = 0; trial < 4; trial++) {
      const random = seededRandom(100 + trial);
      // Distinct magnitudes, at least 1.6× apart, random signs and order.
      const magnitudes = [8, 5, 3, 1.8, 1.1, 0.6];
      const order = Array.from({ length: M }, (_, f) => f).sort(() => random() - 0.5);
      const beta = order.map((o) => magnitudes[o] * (random() < 0.5 ? -1 : 1));
      const model = (rows: Float64Array, n: number) =>
        Float64Array.from({ length: n }, (_, i) => beta.reduce((s, b, f) => s + b * rows[i * M + f], 0));
      const training = gaussianRows(3000, M, 200 + trial);
      const features = limeFeatures(training, M);
      // Rows whose every feature sits in an outer quartile (|x| ≈ 1.5), in random directions.
      const rows = Float64Array.from({ length: 3 * M }, () => (random() < 0.5 ? -1.5 : 1.5));
      const r = await explainLime(model, 1, rows, features, { samples: 5000, seed: trial });
      for (let i = 0; i < 3; i++) {
        const phi = Array.from(r.values.subarray(i * M, (i + 1) * M));
        const truth = beta.map((b) => Math.abs(b));
        assert.equal(
          spearman(
            phi.map((v) => Math.abs(v)),
            truth,
          ),
          1,
          `trial ${trial} row ${i}: ${phi.map((v) => v.toFixed(2))} vs β ${beta}`,
        );
        // And the direction: the coefficient has the sign of β·x (being in the row's bin pushes that way).
        phi.forEach((v, f) => assert.equal(Math.sign(v), Math.sign(beta[f] * rows[i * M + f])));
        assert.ok(r.scores[i] > 0.5, `a linear model is fitted well locally (R² ${r.scores[i]})`);
      }
    }
  });

  it('the same seed gives the same explanation; another seed a different one; stability measures it', async () => {
    const M = 5;
    const training = gaussianRows(500, M, 1);
    const features = limeFeatures(training, M);
    const model = smoothModel(M, 1);
    const rows = training.slice(0, 4 * M);
    const a = await explainLime(model, 1, rows, features, { samples: 300, seed: 1 });
    const b = await explainLime(model, 1, rows, features, { samples: 300, seed: 1 });
    const c = await explainLime(model, 1, rows, features, { samples: 300, seed: 2 });
    assert.deepEqual(a.values, b.values);
    assert.notDeepEqual(a.values, c.values);
    const s = await limeStability(model, 1, rows, features, { samples: 300, seed: 1 }, a, (v) => v);
    assert.deepEqual(s.rows, [0, 1, 2, 3]);
    assert.deepEqual(s.seeds, [2, 3]);
    assert.equal(s.topK, 4);
    assert.ok(s.jaccard > 0 && s.jaccard <= 1);
    assert.ok(s.spearman >= -1 && s.spearman <= 1);
    assert.equal(s.evaluations, 2 * 4 * 300);
  });

  it('rank agreement helpers: Spearman with ties, Jaccard of top sets, rows spread evenly', () => {
    assert.equal(spearman([1, 2, 3], [10, 20, 30]), 1);
    assert.equal(spearman([1, 2, 3], [3, 2, 1]), -1);
    assert.ok(Math.abs(spearman([1, 1, 2, 3], [1, 2, 3, 4]) - 0.9486832980505138) < 1e-12);
    assert.equal(topJaccard([5, 4, 3, 0], [5, 0, 4, 3], 2), 1 / 3);
    assert.deepEqual(spreadRows(100, 5), [0, 25, 50, 74, 99]);
    assert.deepEqual(spreadRows(3, 5), [0, 1, 2]);
  });

  it('a cancel from the progress callback stops between rows: no further model call', async () => {
    const M = 3;
    const training = gaussianRows(200, M, 2);
    const features = limeFeatures(training, M);
    const controller = new AbortController();
    let calls = 0;
    const inner = smoothModel(M, 1);
    await assert.rejects(
      explainLime(
        (rows, n) => {
          calls++;
          return inner(rows, n);
        },
        1,
        training.slice(0, 10 * M),
        features,
        { samples: 2500, seed: 1, signal: controller.signal, onRow: () => controller.abort() },
      ),
      { name: 'AbortError' },
    );
    assert.equal(calls, 3, 'one row of 2,500 samples in batches of 1,000, then the cancel');
  });
});
