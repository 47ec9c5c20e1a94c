// The profile's statistics against values computed independently (test/unit/profile/reference.ts)
// from the parsed files of vega-datasets: penguins, cars and seattle-weather, 1e-9 relative.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { profileDataset } from '../../../src/core/profile/profileDataset';
import type { ColumnProfile, CorrelationMatrix, DatasetProfile } from '../../../src/core/profile/profileTypes';
import * as ref from './reference';

const DATA = join(__dirname, '../../../node_modules/vega-datasets/data');
const ctx = () => ({ signal: new AbortController().signal, report: () => undefined });

function column(profile: DatasetProfile, name: string): ColumnProfile {
  const found = profile.columns.find((c) => c.name === name);
  assert.ok(found, `no column ${name}`);
  return found;
}

function assertClose(actual: number | null | undefined, expected: number, what: string): void {
  assert.ok(ref.close(actual, expected), `${what}: got ${actual}, expected ${expected}`);
}

function cell(matrix: CorrelationMatrix | undefined, a: string, b: string): number | null {
  assert.ok(matrix, 'matrix missing');
  return matrix.values[matrix.columns.indexOf(a)][matrix.columns.indexOf(b)];
}

function checkNumeric(profile: DatasetProfile, rows: ref.Row[], name: string): void {
  const values = ref.columnOf(rows, name);
  const xs = ref.present(values);
  const c = column(profile, name);
  assert.equal(c.type, 'numeric', `${name} type (${c.evidence.reason})`);
  assert.equal(c.count, xs.length, `${name} count`);
  assert.equal(c.missing, values.length - xs.length, `${name} missing`);
  assert.equal(c.distinct, ref.distinct(values), `${name} distinct`);
  assertClose(c.mean, ref.mean(xs), `${name} mean`);
  assertClose(c.std, ref.std(xs), `${name} std`);
  assertClose(c.min, Math.min(...xs), `${name} min`);
  assertClose(c.max, Math.max(...xs), `${name} max`);
  for (const [key, p] of [
    ['p5', 0.05],
    ['p25', 0.25],
    ['p50', 0.5],
    ['p75', 0.75],
    ['p95', 0.95],
  ] as const) {
    assertClose(c.quantiles?.[key], ref.quantile(xs, p), `${name} ${key}`);
  }
  assertClose(c.skewness, ref.skew(xs), `${name} skewness`);
  assertClose(c.kurtosis, ref.kurt(xs), `${name} kurtosis`);
  assertClose(c.numeric?.mad, ref.mad(xs), `${name} MAD`);
  assertClose(
    c.numeric?.sum,
    xs.reduce((a, b) => a + b, 0),
    `${name} sum`,
  );
  assert.equal(c.numeric?.zeros, xs.filter((x) => x === 0).length, `${name} zeros`);
  assert.deepEqual(
    c.histogram?.map((b) => b.count),
    ref.histogramCounts(xs),
    `${name} histogram`,
  );
}

function checkPairs(profile: DatasetProfile, rows: ref.Row[], names: string[]): void {
  for (const a of names) {
    for (const b of names) {
      if (a === b) continue;
      const [xs, ys] = ref.pairwise(ref.columnOf(rows, a), ref.columnOf(rows, b));
      assertClose(cell(profile.correlations.pearson, a, b), ref.pearson(xs, ys), `pearson ${a} ~ ${b}`);
      assertClose(
        cell(profile.correlations.spearman, a, b),
        ref.spearman(ref.columnOf(rows, a), ref.columnOf(rows, b)),
        `spearman ${a} ~ ${b}`,
      );
    }
  }
}

function checkCategorical(profile: DatasetProfile, rows: ref.Row[], name: string): void {
  const values = ref.columnOf(rows, name);
  const c = column(profile, name);
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  assert.equal(c.distinct, counts.size, `${name} distinct`);
  assert.equal(c.missing, values.filter((v) => v === null).length, `${name} missing`);
  const top = c.top ?? [];
  assert.ok(top.length > 0, `${name} has top values`);
  for (const { value, count } of top) assert.equal(count, counts.get(value), `${name} count of ${value}`);
  assert.equal(top[0].count, Math.max(...counts.values()), `${name} most frequent first`);
}

describe('profile statistics on penguins', () => {
  const rows = JSON.parse(readFileSync(join(DATA, 'penguins.json'), 'utf8')) as ref.Row[];
  const numeric = ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'];
  let profile: DatasetProfile;

  it('profiles the JSON file', async () => {
    profile = await profileDataset({ path: join(DATA, 'penguins.json'), target: 'Species' }, ctx());
    assert.equal(profile.rows, rows.length);
    assert.equal(profile.source.format, 'json');
    assert.equal(profile.columns.length, 7);
  });

  it('matches mean, std, quantiles, skewness, kurtosis, MAD, histogram of every numeric column', () => {
    for (const name of numeric) checkNumeric(profile, rows, name);
  });

  it('matches Pearson and Spearman (average ranks) of every numeric pair', () => {
    checkPairs(profile, rows, numeric);
  });

  it('matches counts, distinct values and top values of the categorical columns', () => {
    for (const name of ['Species', 'Island', 'Sex']) checkCategorical(profile, rows, name);
  });

  it("matches Cramér's V and the correlation ratio", () => {
    for (const [a, b] of [
      ['Species', 'Island'],
      ['Species', 'Sex'],
      ['Island', 'Sex'],
    ]) {
      assertClose(
        cell(profile.correlations.cramersV, a, b),
        ref.cramersV(ref.columnOf(rows, a), ref.columnOf(rows, b)),
        `V ${a} ~ ${b}`,
      );
    }
    const ratio = profile.correlations.correlationRatio;
    assert.ok(ratio);
    for (const cat of ratio.rows) {
      for (const num of ratio.columns) {
        const value = ratio.values[ratio.rows.indexOf(cat)][ratio.columns.indexOf(num)];
        assertClose(
          value,
          ref.correlationRatio(ref.columnOf(rows, cat), ref.columnOf(rows, num)),
          `eta ${cat} ~ ${num}`,
        );
      }
    }
  });

  it('analyses the target: classes, imbalance, associations', () => {
    const target = profile.target;
    assert.ok(target);
    assert.equal(target.task, 'classification');
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(String(r.Species), (counts.get(String(r.Species)) ?? 0) + 1);
    assert.deepEqual(
      Object.fromEntries((target.classes ?? []).map((c) => [c.value, c.count])),
      Object.fromEntries(counts),
    );
    assertClose(target.imbalance, 1 - Math.min(...counts.values()) / Math.max(...counts.values()), 'imbalance');
    const flipper = target.associations.find((a) => a.column === 'Flipper Length (mm)');
    assert.equal(flipper?.method, 'correlation_ratio');
    assertClose(
      flipper?.value,
      ref.correlationRatio(ref.columnOf(rows, 'Species'), ref.columnOf(rows, 'Flipper Length (mm)')),
      'target association',
    );
    assert.ok(!profile.alerts.some((a) => a.type === 'leakage'), 'no leakage in penguins');
  });

  it('counts missing values per column and rows with any', () => {
    const withMissing = rows.filter((r) => Object.values(r).some((v) => v === null)).length;
    assert.equal(profile.missing.rowsWithMissing, withMissing);
    for (const { column: name, missing } of profile.missing.byColumn) {
      assert.equal(missing, rows.filter((r) => r[name] === null).length, name);
    }
  });
});

describe('profile statistics on cars', () => {
  const rows = JSON.parse(readFileSync(join(DATA, 'cars.json'), 'utf8')) as ref.Row[];
  const numeric = ['Miles_per_Gallon', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration'];

  it('matches the statistics and pairwise correlations (missing values in different rows)', async () => {
    const profile = await profileDataset({ path: join(DATA, 'cars.json') }, ctx());
    assert.equal(profile.rows, rows.length);
    for (const name of numeric) checkNumeric(profile, rows, name);
    checkPairs(profile, rows, numeric);
    // 5 distinct cylinder counts: categorical, as ydata-profiling's low_categorical_threshold says.
    assert.equal(column(profile, 'Cylinders').type, 'categorical');
    checkCategorical(profile, rows, 'Origin');
    assert.equal(column(profile, 'Year').type, 'datetime');
    assert.equal(profile.duplicateRows, rows.length - new Set(rows.map((r) => JSON.stringify(r))).size);
  });
});

describe('profile statistics on seattle-weather', () => {
  const text = readFileSync(join(DATA, 'seattle-weather.csv'), 'utf8');
  const rows = ref.parseSimpleCsv(text);
  const numeric = ['precipitation', 'temp_max', 'temp_min', 'wind'];

  it('matches the statistics of the CSV, its date range and its categories', async () => {
    const profile = await profileDataset({ path: join(DATA, 'seattle-weather.csv'), target: 'temp_max' }, ctx());
    assert.equal(profile.source.format, 'csv');
    assert.equal(profile.source.delimiter, ',');
    assert.equal(profile.rows, rows.length);
    for (const name of numeric) checkNumeric(profile, rows, name);
    checkPairs(profile, rows, numeric);
    checkCategorical(profile, rows, 'weather');
    const date = column(profile, 'date');
    assert.equal(date.type, 'datetime');
    assert.equal(date.datetime?.min, '2012-01-01T00:00:00.000Z');
    assert.equal(date.datetime?.max, '2015-12-31T00:00:00.000Z');
    assert.equal(
      date.datetime?.histogram.reduce((a, b) => a + b.count, 0),
      rows.length,
    );
    assert.equal(profile.target?.task, 'regression');
    const tempMin = profile.target?.associations.find((a) => a.column === 'temp_min');
    assert.equal(tempMin?.method, 'pearson');
    const [xs, ys] = ref.pairwise(ref.columnOf(rows, 'temp_min'), ref.columnOf(rows, 'temp_max'));
    assertClose(tempMin?.value, ref.pearson(xs, ys), 'temp_min ~ temp_max');
  });
});
