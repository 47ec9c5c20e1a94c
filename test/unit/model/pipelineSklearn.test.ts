// Each preprocessing step against scikit-learn 1.2 on the same data (the penguins training file,
// with its missing values, plus crafted categories for the infrequent rules): SimpleImputer,
// StandardScaler, MinMaxScaler, RobustScaler, OneHotEncoder (unknown categories, min_frequency,
// max_categories), OrdinalEncoder, quantile clipping as numpy computes it. One Python run.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Frame } from '../../../src/core/model/frame';
import { loadFrame } from '../../../src/core/model/loadFrame';
import type { Matrix, Target } from '../../../src/core/model/matrix';
import { fitPipeline } from '../../../src/core/model/pipeline/fitPipeline';
import { parsePipelineSpec } from '../../../src/core/model/spec/parsePipelineSpec';
import { seededRandom } from '../seededRandom';
import { sklearn } from './sklearnReference';

const NUMERIC = ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'];
const y: Target = { task: 'regression', y: new Float64Array(0) };

function spec(preprocess: string) {
  const { spec: s, problems } = parsePipelineSpec(`version: 1\npreprocess:\n${preprocess}`, {
    task: 'regression',
    target: 'Species',
    datasets: { train: 'x.csv' },
  });
  assert.ok(s, JSON.stringify(problems));
  return s;
}

function columnByName(X: Matrix, name: string): number[] {
  const j = X.names.indexOf(name);
  assert.ok(j >= 0, `no feature ${name} in ${X.names.join(', ')}`);
  return Array.from(X.data.subarray(j * X.rows, (j + 1) * X.rows));
}

function close(actual: number[], expected: number[], what: string, tolerance = 1e-12): void {
  assert.equal(actual.length, expected.length, what);
  actual.forEach((v, i) => {
    const e = expected[i];
    assert.ok(Math.abs(v - e) <= tolerance * Math.max(1, Math.abs(e)), `${what}[${i}]: ${v} vs scikit-learn ${e}`);
  });
}

/** Categories with counts 1, 2, 2, 3, 5, 7, 9 (ties included), shuffled. */
function craftedCategories(): Array<string | null> {
  const counts: Record<string, number> = { e: 1, d: 2, c: 2, b: 3, g: 5, a: 7, f: 9 };
  const values: string[] = Object.entries(counts).flatMap(([c, n]) => Array<string>(n).fill(c));
  const random = seededRandom(5);
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [values[i], values[j]] = [values[j], values[i]];
  }
  return values;
}

interface Reference {
  median_standard: number[][];
  mean_minmax: number[][];
  frequent_robust: number[][];
  constant_indicator: { X: number[][]; names: string[] };
  onehot: { X: number[][]; names: string[] };
  ordinal: number[][];
  infrequent: Record<string, { X: number[][]; names: string[] }>;
  quantiles: number[][];
}

const SCRIPT = `
from sklearn.pipeline import make_pipeline
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler, MinMaxScaler, RobustScaler, OneHotEncoder, OrdinalEncoder
num = np.array(data['numeric'], dtype=float).T
num_new = np.array(data['numericNew'], dtype=float).T
cat = np.array(data['categorical'], dtype=object).T
cat_new = np.array(data['categoricalNew'], dtype=object).T
def fit_new(p):
    p.fit(num)
    return p.transform(num_new).T
result = {}
result['median_standard'] = fit_new(make_pipeline(SimpleImputer(strategy='median'), StandardScaler()))
result['mean_minmax'] = fit_new(make_pipeline(SimpleImputer(strategy='mean'), MinMaxScaler()))
result['frequent_robust'] = fit_new(make_pipeline(SimpleImputer(strategy='most_frequent'), RobustScaler()))
imp = SimpleImputer(strategy='constant', fill_value=0, add_indicator=True).fit(num)
result['constant_indicator'] = {'X': imp.transform(num_new).T, 'names': [str(n) for n in imp.get_feature_names_out(data['numericNames'])]}
cat_imp = SimpleImputer(strategy='most_frequent', missing_values=None)
enc = make_pipeline(cat_imp, OneHotEncoder(handle_unknown='ignore', sparse_output=False)).fit(cat)
result['onehot'] = {'X': enc.transform(cat_new).T, 'names': [str(n) for n in enc[-1].get_feature_names_out(data['categoricalNames'])]}
ordn = make_pipeline(SimpleImputer(strategy='most_frequent', missing_values=None), OrdinalEncoder(handle_unknown='use_encoded_value', unknown_value=-1)).fit(cat)
result['ordinal'] = ordn.transform(cat_new).T
crafted = np.array(data['crafted'], dtype=object).reshape(-1, 1)
probe = np.array(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'zz'], dtype=object).reshape(-1, 1)
result['infrequent'] = {}
for key, (mf, mc) in data['infrequentCases'].items():
    e = OneHotEncoder(handle_unknown='ignore', sparse_output=False, min_frequency=mf, max_categories=mc).fit(crafted)
    result['infrequent'][key] = {'X': e.transform(probe).T, 'names': [str(n) for n in e.get_feature_names_out(['k'])]}
filled = SimpleImputer(strategy='median').fit_transform(num)
q = np.quantile(filled, [0.05, 0.95], axis=0)
result['quantiles'] = np.clip(SimpleImputer(strategy='median').fit(num).transform(num_new), q[0], q[1]).T
`;

describe('preprocessing matches scikit-learn', () => {
  let train: Frame;
  let fresh: Frame;
  let ref: Reference;
  const infrequentCases: Record<string, [number | null, number | null]> = {
    min3: [3, null],
    min_fraction: [0.1, null],
    max3: [null, 3],
    max4_min2: [2, 4],
    max7: [null, 7],
  };

  before(async () => {
    const root = join(__dirname, '../../../examples/penguins');
    const all = (await loadFrame({ root, path: 'data/train.csv' })).frame;
    train = { rows: all.rows, columns: all.columns.filter((c) => c.name !== 'Species') };
    const holdout = (await loadFrame({ root, path: 'data/holdout.csv' })).frame;
    // New rows: the holdout, with an island never seen in training.
    const island = (values: Array<string | null>) => values.map((v, i) => (i % 7 === 0 ? 'Atlantis' : v));
    fresh = {
      rows: holdout.rows,
      columns: holdout.columns
        .filter((c) => c.name !== 'Species')
        .map((c) => (c.name === 'Island' && c.type === 'categorical' ? { ...c, values: island(c.values) } : c)),
    };
    const numeric = (f: Frame) =>
      NUMERIC.map((n) =>
        Array.from(f.columns.find((c) => c.name === n)?.values as Float64Array, (v) => (Number.isNaN(v) ? null : v)),
      );
    const categorical = (f: Frame) =>
      ['Island', 'Sex'].map((n) => f.columns.find((c) => c.name === n)?.values as Array<string | null>);
    ref = sklearn<Reference>(SCRIPT, {
      numeric: numeric(train),
      numericNew: numeric(fresh),
      numericNames: NUMERIC,
      categorical: categorical(train),
      categoricalNew: categorical(fresh),
      categoricalNames: ['Island', 'Sex'],
      crafted: craftedCategories(),
      infrequentCases,
    });
  });

  async function transformed(preprocess: string, frame = train): Promise<Matrix> {
    const p = await fitPipeline(frame, y, spec(preprocess), { seed: 1 });
    return p.transform(frame === train ? fresh : frame);
  }

  it('SimpleImputer(median) + StandardScaler', async () => {
    const X = await transformed('  impute: { numeric: median }\n  scale: standard\n');
    NUMERIC.forEach((n, j) => close(columnByName(X, n), ref.median_standard[j], n));
  });

  it('SimpleImputer(mean) + MinMaxScaler', async () => {
    const X = await transformed('  impute: { numeric: mean }\n  scale: minmax\n');
    NUMERIC.forEach((n, j) => close(columnByName(X, n), ref.mean_minmax[j], n));
  });

  it('SimpleImputer(most_frequent) + RobustScaler', async () => {
    const X = await transformed('  impute: { numeric: most_frequent }\n  scale: robust\n');
    NUMERIC.forEach((n, j) => close(columnByName(X, n), ref.frequent_robust[j], n));
  });

  it('SimpleImputer(constant, add_indicator=True)', async () => {
    const X = await transformed(
      '  impute: { numeric: constant, numericFill: 0, addIndicators: true }\n  scale: none\n',
    );
    ref.constant_indicator.names.forEach((name, k) => {
      const ours = name.startsWith('missingindicator_') ? `${name.slice('missingindicator_'.length)}_missing` : name;
      close(columnByName(X, ours), ref.constant_indicator.X[k], name);
    });
    assert.equal(
      X.names.filter((n) => n.endsWith('_missing')).length,
      ref.constant_indicator.names.filter((n) => n.startsWith('missing')).length,
    );
  });

  it('SimpleImputer(most_frequent) + OneHotEncoder(handle_unknown=ignore): unknown islands are all zeros', async () => {
    const X = await transformed('  encode: { categorical: onehot, unknown: ignore }\n');
    ref.onehot.names.forEach((name, k) => close(columnByName(X, name.replace('_', '=')), ref.onehot.X[k], name));
    assert.equal(X.names.filter((n) => n.includes('=')).length, ref.onehot.names.length);
  });

  it('OrdinalEncoder(handle_unknown=use_encoded_value, unknown_value=-1)', async () => {
    const X = await transformed('  encode: { categorical: ordinal }\n');
    ['Island', 'Sex'].forEach((n, j) => close(columnByName(X, n), ref.ordinal[j], n));
  });

  it('OneHotEncoder infrequent categories: min_frequency (count and fraction), max_categories with ties', async () => {
    const frame: Frame = { rows: 29, columns: [{ name: 'k', type: 'categorical', values: craftedCategories() }] };
    const probe: Frame = {
      rows: 8,
      columns: [{ name: 'k', type: 'categorical', values: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'zz'] }],
    };
    for (const [key, [minFrequency, maxCategories]] of Object.entries(infrequentCases)) {
      const p = await fitPipeline(
        frame,
        y,
        spec(`  encode: { minFrequency: ${minFrequency ?? 1}, maxCategories: ${maxCategories ?? 0} }\n`),
        { seed: 1 },
      );
      const X = p.transform(probe);
      const expected = ref.infrequent[key];
      assert.deepEqual(
        X.names,
        expected.names.map((n) => n.replace('k_', 'k=').replace('infrequent_sklearn', 'infrequent')),
        key,
      );
      expected.X.forEach((column, j) =>
        close(Array.from(X.data.subarray(j * 8, (j + 1) * 8)), column, `${key} ${expected.names[j]}`),
      );
    }
  });

  it('quantile clipping uses the bounds numpy computes on the training rows', async () => {
    const X = await transformed('  clip: { method: quantile, lower: 0.05, upper: 0.95 }\n  scale: none\n');
    NUMERIC.forEach((n, j) => close(columnByName(X, n), ref.quantiles[j], n));
  });
});
