// The profile report's pure helpers: how figures are written, the order alerts are listed in,
// which columns a search shows and in what order, and the strongest correlation pairs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Alert, ColumnProfile } from '../../../src/core/profile/profileTypes';
import { alertsByColumn, alertLabel, alertSeverity, sortAlerts } from '../../../webview/profile/alertKinds';
import { columnMatches, isColumnSort, orderColumns } from '../../../webview/profile/columnOrder';
import { availableMethods, heatmapOf, strongestPairs } from '../../../webview/profile/correlationMatrices';
import { formatCorrelation, formatNumber, formatPercent, percentOf } from '../../../webview/profile/statsFormat';

describe('profile report figures', () => {
  it('writes statistics with five significant digits, integers whole, extremes in exponent form', () => {
    assert.equal(formatNumber(43.921842), '43.922');
    assert.equal(formatNumber(0.0123456), '0.012346');
    assert.equal(formatNumber(241), '241');
    assert.equal(formatNumber(-3.5), '-3.5');
    assert.equal(formatNumber(1.2e-7), '1.200e-7');
    assert.equal(formatNumber(0), '0');
    assert.equal(formatNumber(Infinity), '∞');
    assert.equal(formatNumber(-Infinity), '−∞');
    assert.equal(formatNumber(Number.NaN), 'NaN');
    assert.equal(formatNumber(undefined), '—');
    // Grouping follows the locale; the digits do not.
    assert.equal(formatNumber(4207.0526).replace(/\D/g, ''), '42071');
    assert.equal(formatNumber(123456.7).replace(/\D/g, ''), '123457');
  });

  it('writes shares as percentages that never round a non-zero share to 0% or a partial one to 100%', () => {
    assert.equal(formatPercent(0), '0%');
    assert.equal(formatPercent(0.04), '<0.1%');
    assert.equal(formatPercent(12.345), '12.3%');
    assert.equal(formatPercent(50), '50%');
    assert.equal(formatPercent(99.95), '>99.9%');
    assert.equal(formatPercent(100), '100%');
    assert.equal(percentOf(1, 4), 25);
    assert.equal(percentOf(3, 0), 0);
    assert.equal(formatCorrelation(-0.98765), '−0.988');
    assert.equal(formatCorrelation(null), '—');
  });
});

const alert = (type: Alert['type'], column: string | null, otherColumn?: string): Alert => ({
  type,
  column,
  value: 1,
  threshold: 0,
  message: `${type} ${column}`,
  ...(otherColumn ? { otherColumn } : {}),
});

describe('profile report alerts', () => {
  it('lists a leak first, then by kind, then in file order, dataset-level alerts before column ones', () => {
    const alerts = [
      alert('zeros', 'b'),
      alert('missing', 'c'),
      alert('missing', 'a'),
      alert('duplicates', null),
      alert('leakage', 'c'),
    ];
    const sorted = sortAlerts(alerts, ['a', 'b', 'c']).map((a) => `${a.type}:${a.column}`);
    assert.deepEqual(sorted, ['leakage:c', 'duplicates:null', 'missing:a', 'missing:c', 'zeros:b']);
    assert.equal(alerts[0].type, 'zeros', 'the input is not reordered');
    assert.equal(alertSeverity('leakage'), 'error');
    assert.equal(alertSeverity('unique'), 'info');
    assert.equal(alertLabel('high_correlation'), 'High correlation');
  });

  it('files a pairwise alert under both of its columns', () => {
    const byColumn = alertsByColumn([
      alert('high_correlation', 'x', 'y'),
      alert('missing', 'x'),
      alert('duplicates', null),
    ]);
    assert.deepEqual([...byColumn.keys()].sort(), ['x', 'y']);
    assert.equal(byColumn.get('x')?.length, 2);
    assert.equal(byColumn.get('y')?.[0].type, 'high_correlation');
  });
});

const column = (name: string, type: ColumnProfile['type'], missing: number, distinct: number) =>
  ({ name, type, missing, distinct }) as ColumnProfile;

describe('profile report column search and sort', () => {
  const columns = [
    column('Beak Length (mm)', 'numeric', 2, 160),
    column('Species', 'categorical', 0, 3),
    column('Island', 'categorical', 0, 3),
    column('Sex', 'categorical', 9, 2),
  ];

  it('matches part of a name, case-insensitively, or a type name typed in full', () => {
    assert.deepEqual(
      columns.filter((c) => columnMatches(c, 'BEAK')).map((c) => c.name),
      ['Beak Length (mm)'],
    );
    assert.deepEqual(
      columns.filter((c) => columnMatches(c, 'categorical')).map((c) => c.name),
      ['Species', 'Island', 'Sex'],
    );
    assert.equal(columns.filter((c) => columnMatches(c, '  ')).length, 4);
    assert.equal(columns.filter((c) => columnMatches(c, 'numer')).length, 0, 'a partial type name is not a type');
  });

  it('sorts by file order, name, missing, distinct or alerts; ties keep file order', () => {
    const names = (order: number[]) => order.map((i) => columns[i].name);
    assert.deepEqual(names(orderColumns(columns, 'file')), ['Beak Length (mm)', 'Species', 'Island', 'Sex']);
    assert.deepEqual(names(orderColumns(columns, 'name')), ['Beak Length (mm)', 'Island', 'Sex', 'Species']);
    assert.deepEqual(names(orderColumns(columns, 'missing')), ['Sex', 'Beak Length (mm)', 'Species', 'Island']);
    assert.deepEqual(names(orderColumns(columns, 'distinct')), ['Beak Length (mm)', 'Species', 'Island', 'Sex']);
    const alerts = alertsByColumn([
      alert('missing', 'Sex'),
      alert('high_correlation', 'Island', 'Species'),
      alert('imbalance', 'Island'),
    ]);
    assert.deepEqual(names(orderColumns(columns, 'alerts', alerts)), ['Island', 'Species', 'Sex', 'Beak Length (mm)']);
    assert.equal(isColumnSort('missing'), true);
    assert.equal(isColumnSort('toString'), false);
  });
});

describe('profile report correlations', () => {
  const correlations = {
    pearson: {
      method: 'pearson' as const,
      columns: ['a', 'b', 'c'],
      values: [
        [1, -0.9, 0.2],
        [-0.9, 1, null],
        [0.2, null, 1],
      ],
    },
    cramersV: { method: 'cramers_v' as const, columns: ['x'], values: [[1]] },
    correlationRatio: { rows: ['x'], columns: ['a', 'b'], values: [[0.5, 0.7]] },
  };

  it('offers only the methods with a pair to show', () => {
    assert.deepEqual(availableMethods(correlations), ['pearson', 'correlationRatio']);
    assert.deepEqual(availableMethods({}), []);
  });

  it('ranks each unordered pair once by absolute value, skipping the diagonal and undefined values', () => {
    assert.deepEqual(strongestPairs(heatmapOf(correlations, 'pearson'), 5), [
      { a: 'a', b: 'b', value: -0.9 },
      { a: 'a', b: 'c', value: 0.2 },
    ]);
    assert.deepEqual(strongestPairs(heatmapOf(correlations, 'correlationRatio'), 1), [{ a: 'x', b: 'b', value: 0.7 }]);
  });
});
