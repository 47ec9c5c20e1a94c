// Dates, numeric categories and real missing values: seattle-weather (vega-datasets) and the
// cars example, against an independent reading of each file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertOffending, byId, CARS, runValidate, SEATTLE } from './helpers';
import { quantile, readReference } from './referenceTable';

describe('validate: seattle-weather (dates)', () => {
  const ref = readReference(SEATTLE);
  const rows = ref.rows.length;
  const suite = `expectations:
  - column: date
    type: datetime
    notNull: true
    unique: true
    range: { min: "2012-01-01", max: "2015-12-31" }
  - column: date
    range: { min: "2013-01-01", max: "2015-06-30T12:00:00" }
  - column: date
    type: numeric
  - column: weather
    type: datetime
    allowed: [drizzle, rain, sun, snow, fog]
  - column: weather
    allowed: [rain, sun]
  - column: precipitation
    range: { min: 0, max: 60 }
    quantile: { q: 0.75, min: 0, max: 10 }
  - compare: { left: temp_min, op: "<=", right: temp_max }
  - compare: { left: temp_min, op: "==", right: temp_max }
`;

  it('dates: type, range by ISO dates, unique; text and numbers are not dates', async () => {
    const result = await runValidate(SEATTLE, suite);
    const check = byId(result);
    assert.equal(result.rows, rows);
    for (const id of ['0.type', '0.notNull', '0.unique', '0.range', '5.range', '6.compare'])
      assert.equal(check(id).status, 'pass', `${id}: ${check(id).message}`);
    assert.equal(check('0.range').observed, '2012-01-01 00:00:00 … 2015-12-31 00:00:00');
    assertOffending(
      check('1.range'),
      ref.where((v) => v.date! < '2013-01-01' || v.date! > '2015-06-30'),
      rows,
    );
    assertOffending(check('2.type'), ref.rows, rows);
    assertOffending(check('3.type'), ref.rows, rows);
    assert.equal(check('3.allowed').status, 'pass');
    assertOffending(
      check('4.allowed'),
      ref.where((v) => v.weather !== 'rain' && v.weather !== 'sun'),
      rows,
    );
    assert.equal(check('5.quantile').observed, quantile(ref.numbers('precipitation'), 0.75));
    assertOffending(
      check('7.compare'),
      ref.where((v) => Number(v.temp_min) !== Number(v.temp_max)),
      rows,
    );
  });
});

describe('validate: cars (numeric categories, real missing values)', () => {
  const ref = readReference(CARS);
  const rows = ref.rows.length;
  const suite = `expectations:
  - column: Horsepower
    notNull: true
  - column: Miles_per_Gallon
    maxMissingPercent: 1
  - column: Cylinders
    type: numeric
    allowed: [3, 4, 5, 6, 8]
  - column: Cylinders
    allowed: ["4", "6", "8"]
  - column: Origin
    allowed: [USA, Europe, Japan]
    type: string
  - column: Name
    unique: true
    regex: '^[a-z]'
  - column: Year
    range: { min: 1970, max: 1982 }
    type: numeric
  - column: Year
    range: { max: 1980, exclusiveMax: true }
`;

  it('missing values with their lines, numeric allowed sets, uniqueness of names', async () => {
    const result = await runValidate(CARS, suite);
    const check = byId(result);
    assertOffending(
      check('0.notNull'),
      ref.where((v) => v.Horsepower === null),
      rows,
    );
    const mpgMissing = ref.where((v) => v.Miles_per_Gallon === null);
    assert.equal(check('1.maxMissingPercent').status, (mpgMissing.length / rows) * 100 <= 1 ? 'pass' : 'fail');
    assert.equal(check('2.allowed').status, 'pass');
    assertOffending(
      check('3.allowed'),
      ref.where((v) => !['4', '6', '8'].includes(v.Cylinders!)),
      rows,
    );
    assert.equal(check('4.allowed').status, 'pass');
    assert.equal(check('4.type').status, 'pass');
    const names = new Map<string, number>();
    for (const r of ref.rows) names.set(r.values.Name!, (names.get(r.values.Name!) ?? 0) + 1);
    assertOffending(
      check('5.unique'),
      ref.where((v) => names.get(v.Name!)! > 1),
      rows,
    );
    assertOffending(
      check('5.regex'),
      ref.where((v) => !/^[a-z]/.test(v.Name!)),
      rows,
    );
    assert.equal(check('6.range').status, 'pass');
    assertOffending(
      check('7.range'),
      ref.where((v) => Number(v.Year) >= 1980),
      rows,
    );
  });
});
