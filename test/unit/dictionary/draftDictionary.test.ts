// Drafting a new data dictionary from the real profile (the `profile` job) of
// examples/penguins/data/train.csv: the pre-filled figures are checked against values computed
// here from the raw lines, and the output against the JSON Schema.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { draftDictionary } from '../../../src/core/dictionary/draftDictionary';
import type { DataDictionary } from '../../../src/core/dictionary/dictionaryTypes';
import { MAX_ALLOWED_VALUES } from '../../../src/core/dictionary/draftFields';
import { PENGUINS, profileOf } from './penguinsProfile';
import { schemaErrors } from './schemaCheck';

const trainPath = join(PENGUINS, 'data/train.csv');

// The raw table, read the simplest way (the file has no quoted fields), as an independent check.
const [headerLine, ...lines] = readFileSync(trainPath, 'utf8').trim().split('\n');
const header = headerLine.split(',');
const valuesOf = (name: string) => lines.map((l) => l.split(',')[header.indexOf(name)]);

test('a new dictionary has an entry per column, in the data order, typed from the profile', async () => {
  const profile = await profileOf();
  const result = draftDictionary(profile);
  const doc = parse(result.text) as DataDictionary;
  assert.deepEqual(
    doc.fields.map((f) => f.name),
    header,
  );
  assert.deepEqual(result.added, header);
  assert.deepEqual([result.removed, result.kept, result.preserved], [[], [], []]);
  const types = Object.fromEntries(doc.fields.map((f) => [f.name, f.type]));
  assert.deepEqual(types, {
    Species: 'categorical',
    Island: 'categorical',
    'Beak Length (mm)': 'numeric',
    'Beak Depth (mm)': 'numeric',
    'Flipper Length (mm)': 'numeric',
    'Body Mass (g)': 'numeric',
    Sex: 'categorical',
  });
  assert.equal(doc.version, 1);
  assert.deepEqual(doc.source, { name: 'train.csv', description: '', owner: '', location: 'data/train.csv' });
  assert.equal(doc.updateFrequency, '');
  assert.deepEqual(doc.observedIn, {
    path: 'data/train.csv',
    rows: lines.length,
    sha256: profile.source.sha256,
    profiledAt: profile.createdAt,
  });
});

test('figures come from the data: nullable and missing %, ranges, allowed values, a real example', async () => {
  const profile = await profileOf();
  const doc = parse(draftDictionary(profile).text) as DataDictionary;
  for (const field of doc.fields) {
    const values = valuesOf(field.name);
    const present = values.filter((v) => v !== '');
    const missingPercent = Math.round((10_000 * (values.length - present.length)) / values.length) / 100;
    assert.equal(field.missingPercent, missingPercent, `${field.name} missing %`);
    assert.equal(field.nullable, present.length < values.length, `${field.name} nullable`);
    assert.equal(field.definition, '', 'definitions are left for the user');
    if (field.type === 'numeric') {
      const numbers = present.map(Number);
      assert.deepEqual(field.range, { min: Math.min(...numbers), max: Math.max(...numbers) }, `${field.name} range`);
      assert.equal(field.unit, '', 'numeric fields get an empty unit to fill in');
      assert.equal(field.allowedValues, undefined);
      assert.ok(numbers.includes(field.example as number), `${field.name} example ${field.example} is a real value`);
    } else {
      const distinct = [...new Set(present)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
      assert.ok(distinct.length <= MAX_ALLOWED_VALUES);
      assert.deepEqual(field.allowedValues, distinct, `${field.name} allowed values`);
      assert.equal(field.unit, undefined, 'no unit for a category');
      assert.ok(present.includes(field.example as string));
    }
  }
  // The data's real quirk: one bird's sex was recorded as ".".
  assert.deepEqual(doc.fields.find((f) => f.name === 'Sex')?.allowedValues, ['.', 'FEMALE', 'MALE']);
});

test("the profile's quality alerts become known quality issues; the draft validates against the schema", async () => {
  const profile = await profileOf();
  const result = draftDictionary(profile);
  const doc = parse(result.text) as DataDictionary;
  const missingAlerts = profile.alerts.filter((a) => a.type === 'missing');
  assert.ok(missingAlerts.length > 0, 'penguins has columns with more than 1% missing');
  assert.deepEqual(
    doc.knownQualityIssues,
    missingAlerts.map((a) => ({ description: a.message, fields: [a.column], alert: 'missing', handling: '' })),
  );
  assert.deepEqual(schemaErrors(result.text), []);
  assert.match(result.text, /^# Data dictionary/);
  assert.match(result.text, /allowedValues: \[ Adelie, Chinstrap, Gentoo \]/, 'short lists on one line');
});

test('the baseline remembers the observed values written', async () => {
  const profile = await profileOf();
  const result = draftDictionary(profile);
  const doc = parse(result.text) as DataDictionary;
  for (const field of doc.fields) {
    assert.deepEqual(result.baseline.fields[field.name], {
      missingPercent: field.missingPercent,
      example: field.example,
    });
  }
});

test('re-drafting the same data changes nothing, byte for byte', async () => {
  const profile = await profileOf();
  const first = draftDictionary(profile);
  const again = draftDictionary(profile, first.text, { baseline: first.baseline });
  assert.equal(again.text, first.text);
  assert.deepEqual(again.added, []);
  assert.deepEqual(again.kept, header);
  assert.deepEqual(again.refreshed, []);
  assert.deepEqual(again.baseline, first.baseline);
});

test('a column the profiler could not read is drafted as text with a note to decide', async () => {
  const profile = await profileOf();
  const odd = structuredClone(profile);
  odd.columns[6] = { ...odd.columns[6], type: 'unsupported', evidence: { storageType: 'BLOB', reason: 'binary' } };
  const field = (parse(draftDictionary(odd).text) as DataDictionary).fields[6];
  assert.equal(field.type, 'text');
  assert.match(field.notes ?? '', /stored as BLOB/);
});

test('long examples are cut, and values that look like dates or hold line breaks stay strings', async () => {
  const profile = await profileOf();
  const odd = structuredClone(profile);
  odd.sample[0].Species = `Adelie\n${'x'.repeat(300)}`;
  odd.sample[0].Island = '2009-11-09';
  const text = draftDictionary(odd).text;
  const doc = parse(text) as DataDictionary;
  const example = doc.fields[0].example as string;
  assert.equal(example.length, 120);
  assert.ok(example.startsWith('Adelie\nxxx') && example.endsWith('…'));
  assert.equal(doc.fields[1].example, '2009-11-09');
  assert.match(text, /example: "2009-11-09"/);
  assert.deepEqual(schemaErrors(text), []);
});
