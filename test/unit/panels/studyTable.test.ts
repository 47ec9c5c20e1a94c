// The study view's trial table model: columns from the metrics and parameters, filtering by
// state, words and comparisons, sorting with empty cells last in either direction, and the
// number format. Checked against the rows themselves.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { TrialRow } from '../../../src/core/tuning/studyRows';
import type { ParamAxis } from '../../../src/core/tuning/studySummary';
import { columnsOf, DEFAULT_QUERY, formatNumber, parseQuery, queryRows } from '../../../webview/study/tableModel';

const AXES: ParamAxis[] = [
  { name: 'model', kind: 'categorical', log: false, choices: ['logistic', 'forest'] },
  { name: 'x', kind: 'float', log: false },
];
const COLUMNS = columnsOf(['roc_auc'], AXES);

const row = (number: number, state: TrialRow['state'], value: number | null, model: string, x: number | null) =>
  ({ number, state, values: [value], params: [model, x], stage: 0, durationMs: 1000 * number }) as TrialRow;

const ROWS = [
  row(0, 'complete', 0.8, 'forest', 1.5),
  row(1, 'failed', null, 'logistic', -2),
  row(2, 'complete', 0.9, 'logistic', 0.5),
  row(3, 'pruned', 0.7, 'forest', null),
  row(4, 'complete', 0.9, 'forest', 2.5),
];

const numbers = (rows: TrialRow[]) => rows.map((r) => r.number);

describe('study table model', () => {
  it('has a column per objective and parameter, numeric ones for numbers', () => {
    assert.deepEqual(
      COLUMNS.map((c) => [c.key, c.label, c.numeric]),
      [
        ['number', 'Trial', true],
        ['state', 'State', false],
        ['value:0', 'roc_auc', true],
        ['param:0', 'model', false],
        ['param:1', 'x', true],
        ['stage', 'Stage', true],
        ['duration', 'Duration (s)', true],
      ],
    );
  });

  it('sorts with empty cells last in both directions and ties by trial number', () => {
    const asc = queryRows(ROWS, { ...DEFAULT_QUERY, sort: 'value:0' }, COLUMNS);
    assert.deepEqual(numbers(asc), [3, 0, 2, 4, 1]);
    const desc = queryRows(ROWS, { ...DEFAULT_QUERY, sort: 'value:0', descending: true }, COLUMNS);
    assert.deepEqual(numbers(desc), [2, 4, 0, 3, 1]);
    const byModel = queryRows(ROWS, { ...DEFAULT_QUERY, sort: 'param:0' }, COLUMNS);
    assert.deepEqual(numbers(byModel), [0, 3, 4, 1, 2]);
  });

  it('filters by state, by words and by comparisons on numeric columns', () => {
    assert.deepEqual(numbers(queryRows(ROWS, { ...DEFAULT_QUERY, state: 'complete' }, COLUMNS)), [0, 2, 4]);
    assert.deepEqual(numbers(queryRows(ROWS, { ...DEFAULT_QUERY, text: 'forest' }, COLUMNS)), [0, 3, 4]);
    assert.deepEqual(numbers(queryRows(ROWS, { ...DEFAULT_QUERY, text: 'x>1 FOREST' }, COLUMNS)), [0, 4]);
    assert.deepEqual(numbers(queryRows(ROWS, { ...DEFAULT_QUERY, text: 'roc>=0.9' }, COLUMNS)), [2, 4]);
    assert.deepEqual(numbers(queryRows(ROWS, { ...DEFAULT_QUERY, text: 'duration<2' }, COLUMNS)), [0, 1]);
    // A comparison on no column is a plain word (and matches nothing here).
    assert.equal(parseQuery('depth>3', COLUMNS).comparisons.length, 0);
    assert.deepEqual(numbers(queryRows(ROWS, { ...DEFAULT_QUERY, text: 'depth>3' }, COLUMNS)), []);
  });

  it('formats numbers with four significant digits, integers as they are', () => {
    const cases: Array<[number, string]> = [
      [0.912345, '0.9123'],
      [12, '12'],
      [1234.5678, '1235'],
      [0.00001234, '1.234e-5'],
      [2.5e7 + 0.5, '2.500e+7'],
      [25_000_000, '25000000'],
      [-0.5, '-0.5'],
    ];
    for (const [value, text] of cases) assert.equal(formatNumber(value), text, String(value));
  });
});
