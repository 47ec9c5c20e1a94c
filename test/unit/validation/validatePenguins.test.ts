// Every kind of expectation, passing and failing, on the penguins training data; every figure
// is checked against an independent reading of the CSV (tokenizer + plain arithmetic).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ValidationResult } from '../../../src/core/validation/expectationTypes';
import { assertOffending, byId, PENGUINS, runValidate } from './helpers';
import { mean, quantile, readReference, stddev, type ReferenceTable } from './referenceTable';

const BM = 'Body Mass (g)';
const num = (v: string | null) => (v === null ? null : Number(v));

const SUITE = `version: 1
expectations:
  - rowCount: { min: 200, max: 300 }                                   # 0
  - rowCount: { min: 300 }                                             # 1
  - columnSet: { exactly: [Species, Island, Beak Length (mm), Beak Depth (mm), Flipper Length (mm), Body Mass (g), Sex] }
  - columnSet: { exactly: [Species, Island, Colour] }                  # 3
  - columnSet: { atLeast: [Species, Island] }                          # 4
  - column: Species                                                    # 5
    type: string
    notNull: true
    allowed: [Adelie, Gentoo, Chinstrap]
    regex: '^[A-Z][a-z]+$'
    length: { min: 6, max: 9 }
  - column: Sex                                                        # 6
    notNull: true
    allowed: [MALE, FEMALE]
    regex: '^(MALE|FEMALE)$'
    length: { max: 4 }
  - column: ${BM}                                                      # 7
    type: numeric
    maxMissingPercent: 1
    range: { min: 3000, max: 6000 }
    mean: { min: 4000, max: 4500 }
    median: { min: 4000, max: 4100 }
    stddev: { min: 700, max: 900 }
    quantile: [{ q: 0.05, min: 3000 }, { q: 0.95, max: 5600 }]
  - column: ${BM}                                                      # 8
    maxMissingPercent: 0.5
    range: { min: 2850, max: 6300 }
    mean: { min: 4300 }
  - column: ${BM}                                                      # 9
    range: { min: 2850, max: 6300, exclusiveMin: true, exclusiveMax: true }
  - column: Species                                                    # 10
    type: numeric
    regex: 'o'
    length: { max: 6 }
  - column: ${BM}                                                      # 11
    type: string
  - column: Beak Length (mm)                                           # 12
    unique: true
  - column: Island                                                     # 13
    allowed: [Biscoe, Dream, Torgersen]
  - compare: { left: Beak Depth (mm), op: "<", right: Beak Length (mm) }       # 14
  - compare: { left: Beak Length (mm), op: ">", right: Flipper Length (mm) }   # 15
  - compare: { left: Flipper Length (mm), op: "!=", right: ${BM} }             # 16
  - ifNull: Beak Length (mm)                                           # 17
    thenNull: [${BM}, Flipper Length (mm)]
  - ifNull: Sex                                                        # 18
    thenNull: ${BM}
  - ifNotNull: ${BM}                                                   # 19
    thenNotNull: [Sex]
`;

describe('validate: penguins, every kind of expectation', () => {
  let result: ValidationResult;
  let ref: ReferenceTable;
  let check: ReturnType<typeof byId>;
  let rows: number;

  before(async () => {
    ref = readReference(PENGUINS);
    rows = ref.rows.length;
    result = await runValidate(PENGUINS, SUITE, { expectationsFile: 'docs/expectations.yaml' });
    check = byId(result);
  });

  it('reads the file as the reference does', () => {
    assert.equal(result.rows, rows);
    assert.deepEqual(result.columns, ref.columns);
    assert.equal(result.format, 'csv');
    assert.match(result.source.sha256, /^[0-9a-f]{64}$/);
  });

  it('dataset level: row count and column set', () => {
    assert.equal(check('0.rowCount').status, 'pass');
    assert.equal(check('0.rowCount').observed, rows);
    assert.equal(check('1.rowCount').status, 'fail');
    assert.equal(check('1.rowCount').message, `${rows} rows; expected ≥ 300.`);
    assert.equal(check('2.columnSet').status, 'pass');
    assert.equal(check('3.columnSet').status, 'fail');
    assert.equal(
      check('3.columnSet').message,
      'Columns missing "Colour"; unexpected "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)", "Sex".',
    );
    assert.equal(check('4.columnSet').status, 'pass');
  });

  it('not null, allowed set, regex and length: pass on Species, fail on Sex with the right rows', () => {
    for (const id of ['5.column', '5.type', '5.notNull', '5.allowed', '5.regex', '5.length'])
      assert.equal(check(id).status, 'pass', `${id}: ${check(id).message}`);
    assertOffending(
      check('6.notNull'),
      ref.where((v) => v.Sex === null),
      rows,
    );
    const notSex = ref.where((v) => v.Sex !== null && v.Sex !== 'MALE' && v.Sex !== 'FEMALE');
    assert.equal(notSex.length, 1, 'the "." of the real data');
    assertOffending(check('6.allowed'), notSex, rows);
    assertOffending(check('6.regex'), notSex, rows);
    assertOffending(
      check('6.length'),
      ref.where((v) => v.Sex !== null && v.Sex.length > 4),
      rows,
    );
    assert.equal(check('6.length').observed, '1 … 6');
  });

  it('missing percentage, range (inclusive and exclusive) and type', () => {
    const missing = ref.where((v) => v[BM] === null);
    assert.equal(check('7.maxMissingPercent').status, 'pass');
    assert.equal(check('7.maxMissingPercent').observed, Number(((missing.length / rows) * 100).toFixed(4)));
    assertOffending(check('8.maxMissingPercent'), missing, rows);
    const values = ref.numbers(BM);
    assertOffending(
      check('7.range'),
      ref.where((v) => num(v[BM]) !== null && (num(v[BM])! < 3000 || num(v[BM])! > 6000)),
      rows,
    );
    assert.equal(check('7.range').observed, `${Math.min(...values)} … ${Math.max(...values)}`);
    assertOffending(check('8.range'), [], rows);
    assertOffending(
      check('9.range'),
      ref.where((v) => num(v[BM]) === 2850 || num(v[BM]) === 6300),
      rows,
    );
    assert.equal(check('7.type').status, 'pass');
    assertOffending(
      check('10.type'),
      ref.where((v) => v.Species !== null),
      rows,
    );
    assertOffending(
      check('11.type'),
      ref.where((v) => v[BM] !== null),
      rows,
    );
    assert.match(check('11.type').message, /is read as whole numbers \(BIGINT\), not text/);
  });

  it('regex searches (unanchored) and length bounds', () => {
    assertOffending(
      check('10.regex'),
      ref.where((v) => v.Species !== null && !v.Species.includes('o')),
      rows,
    );
    assertOffending(
      check('10.length'),
      ref.where((v) => v.Species !== null && v.Species.length > 6),
      rows,
    );
  });

  it('statistics equal the reference: mean, median, stddev (ddof 1), quantiles (linear)', () => {
    const values = ref.numbers(BM);
    const close = (id: string, expected: number) => {
      const observed = check(id).observed as number;
      assert.ok(
        Math.abs(observed - expected) < 1e-9 * Math.max(1, Math.abs(expected)),
        `${id}: ${observed} vs ${expected}`,
      );
    };
    close('7.mean', mean(values));
    close('7.median', quantile(values, 0.5));
    close('7.stddev', stddev(values));
    close('7.quantile.0', quantile(values, 0.05));
    close('7.quantile.1', quantile(values, 0.95));
    for (const id of ['7.mean', '7.median', '7.stddev', '7.quantile.0'])
      assert.equal(check(id).status, 'pass', check(id).message);
    assert.equal(check('7.quantile.1').status, quantile(values, 0.95) <= 5600 ? 'pass' : 'fail');
    assert.equal(check('8.mean').status, mean(values) >= 4300 ? 'pass' : 'fail');
    assert.equal(
      check('8.mean').message,
      `Mean of "Body Mass (g)" is ${Number(mean(values).toPrecision(6))}; expected ≥ 4300.`,
    );
  });

  it('unique: every row whose value repeats is offending', () => {
    const counts = new Map<string, number>();
    for (const v of ref.numbers('Beak Length (mm)')) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
    const repeated = ref.where(
      (v) => v['Beak Length (mm)'] !== null && counts.get(String(Number(v['Beak Length (mm)'])))! > 1,
    );
    assertOffending(check('12.unique'), repeated, rows);
    assert.equal(check('12.unique').observed, ref.numbers('Beak Length (mm)').length - counts.size);
    assert.equal(check('13.allowed').status, 'pass');
  });

  it('relations between columns skip rows where either side is missing', () => {
    const pair = (a: string, b: string, holds: (x: number, y: number) => boolean) =>
      ref.where((v) => v[a] !== null && v[b] !== null && !holds(Number(v[a]), Number(v[b])));
    assertOffending(
      check('14.compare'),
      pair('Beak Depth (mm)', 'Beak Length (mm)', (x, y) => x < y),
      rows,
    );
    assert.equal(check('14.compare').status, 'pass');
    assertOffending(
      check('15.compare'),
      pair('Beak Length (mm)', 'Flipper Length (mm)', (x, y) => x > y),
      rows,
    );
    assertOffending(
      check('16.compare'),
      pair('Flipper Length (mm)', BM, (x, y) => x !== y),
      rows,
    );
  });

  it('conditional not-null rules', () => {
    assertOffending(
      check('17.ifNull'),
      ref.where((v) => v['Beak Length (mm)'] === null && (v[BM] !== null || v['Flipper Length (mm)'] !== null)),
      rows,
    );
    assert.equal(check('17.ifNull').status, 'pass');
    assertOffending(
      check('18.ifNull'),
      ref.where((v) => v.Sex === null && v[BM] !== null),
      rows,
    );
    assert.equal(check('18.ifNull').status, 'fail', 'some penguins were weighed but not sexed');
    assertOffending(
      check('19.ifNotNull'),
      ref.where((v) => v[BM] !== null && v.Sex === null),
      rows,
    );
  });

  it('counts, outcome, and the YAML position of every expectation', () => {
    const failed = result.results.filter((r) => r.status === 'fail');
    assert.equal(result.counts.failed, failed.length);
    assert.equal(result.counts.checks, result.results.length);
    assert.equal(result.outcome, 'fail');
    assert.equal(result.expectationsFile, 'docs/expectations.yaml');
    const lines = SUITE.split('\n');
    for (const r of result.results) {
      const key = r.id.split('.')[1];
      const line = lines[r.range.start.line - 1];
      assert.ok(line.includes(key === 'quantile' ? 'q:' : key), `${r.id} at line ${r.range.start.line}: ${line}`);
    }
  });
});
