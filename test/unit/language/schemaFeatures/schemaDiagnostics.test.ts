import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { schemaDiagnostics } from '../../../../src/core/language/diagnostics';
import {
  applyEdits,
  charterSchema,
  dictionarySchema,
  expectationsSchema,
  pipelineSchema,
  projectSchema,
  textAt,
} from './helpers';

const EXAMPLES = join(__dirname, '../../../../examples');

test('the example documents have no problems', () => {
  assert.deepEqual(schemaDiagnostics(readFileSync(join(EXAMPLES, 'penguins/mlcycle.yaml'), 'utf8'), projectSchema), []);
  assert.deepEqual(
    schemaDiagnostics(readFileSync(join(EXAMPLES, 'penguins/pipeline.yaml'), 'utf8'), pipelineSchema),
    [],
  );
  assert.deepEqual(
    schemaDiagnostics(readFileSync(join(EXAMPLES, 'penguins/docs/charter.yaml'), 'utf8'), charterSchema),
    [],
  );
});

const PIPELINE = [
  'version: 1',
  'split:',
  '  kinds: stratified   # a typo',
  '  folds: "five"',
  'task: clasification',
  'preprocess:',
  '  impute:',
  '    numeric: meen',
  '',
].join('\n');

test('unknown key: on the key, plain message naming the allowed keys, rename (preferred) and remove fixes', () => {
  const [unknown] = schemaDiagnostics(PIPELINE, pipelineSchema).filter((d) => d.code === 'unknown-key');
  assert.deepEqual(
    [unknown.start, unknown.end],
    [
      { line: 3, column: 3 },
      { line: 3, column: 8 },
    ],
  );
  assert.equal(textAt(PIPELINE, unknown), 'kinds');
  assert.match(
    unknown.message,
    /^Unknown key "kinds" in "split"\. Did you mean "kind"\? Allowed keys: "holdout", "kind", "folds",/,
  );
  const [rename, remove] = unknown.fixes ?? [];
  assert.equal(rename.title, 'Rename to "kind"');
  assert.equal(rename.preferred, true);
  assert.match(applyEdits(PIPELINE, rename.edits), /\n {2}kind: stratified {3}# a typo\n/);
  assert.equal(remove.title, 'Remove key "kinds"');
  assert.equal(applyEdits(PIPELINE, remove.edits), PIPELINE.replace('  kinds: stratified   # a typo\n', ''));
});

test('wrong type and enum mismatch: on the value, with the nearest allowed values as fixes', () => {
  const found = schemaDiagnostics(PIPELINE, pipelineSchema);
  const folds = found.find((d) => d.message.includes('split.folds'))!;
  assert.equal(textAt(PIPELINE, folds), '"five"');
  assert.equal(folds.message, '"split.folds" must be a whole number, not the text "five".');
  const task = found.find((d) => d.message.startsWith('"task"'))!;
  assert.equal(textAt(PIPELINE, task), 'clasification');
  assert.equal(task.message, '"task" must be one of: classification, regression (found clasification).');
  assert.equal(task.fixes?.[0].title, 'Change to classification');
  assert.equal(task.fixes?.[0].preferred, true);
  const numeric = found.find((d) => d.message.includes('impute.numeric'))!;
  assert.deepEqual(numeric.start, { line: 8, column: 14 });
  assert.deepEqual(numeric.fixes?.map((f) => f.title).slice(0, 2), ['Change to mean', 'Change to median']);
});

test('applying every preferred fix gives a valid document', () => {
  let text = PIPELINE.replace('"five"', '5');
  for (let round = 0; round < 5; round++) {
    const fix = schemaDiagnostics(text, pipelineSchema)
      .flatMap((d) => d.fixes ?? [])
      .find((f) => f.preferred);
    if (!fix) break;
    text = applyEdits(text, fix.edits);
  }
  assert.deepEqual(schemaDiagnostics(text, pipelineSchema), []);
  assert.match(text, /kind: stratified {3}# a typo/);
  assert.match(text, /numeric: mean\n/);
});

test('removing keys in sequences of mappings, on the "- " line and in flow mappings, keeps valid YAML', () => {
  const text =
    'version: 1\nfields:\n  - bogus: 1\n    name: a\n    type: numeric\n  - name: b\n    type: id\n    extra: {a: 1}\nsource: {name: x, owner: y, junk: 3}\n';
  const fixes = schemaDiagnostics(text, dictionarySchema)
    .filter((d) => d.code === 'unknown-key')
    .map((d) => d.fixes!.find((f) => f.title.startsWith('Remove'))!);
  assert.equal(fixes.length, 3);
  let result = text;
  for (const fix of [...fixes].reverse()) result = applyEdits(result, fix.edits);
  assert.equal(
    result,
    'version: 1\nfields:\n  - name: a\n    type: numeric\n  - name: b\n    type: id\nsource: {name: x, owner: y}\n',
  );
  assert.deepEqual(schemaDiagnostics(result, dictionarySchema), []);
});

test('a missing required key points at its mapping; a fixed value is added by the fix', () => {
  const text = '# my dictionary\nfields:\n  - name: a\n';
  const found = schemaDiagnostics(text, dictionarySchema);
  const version = found.find((d) => d.message.includes('"version"'))!;
  assert.equal(version.message, 'The document is missing the required key "version".');
  assert.equal(textAt(text, version), 'fields');
  const fixed = applyEdits(text, version.fixes![0].edits);
  assert.equal(fixed, '# my dictionary\nversion: 1\nfields:\n  - name: a\n');
  const type = found.find((d) => d.message.includes('"type"'))!;
  assert.equal(type.message, '"fields[0]" is missing the required key "type".');
  assert.equal(textAt(text, type), 'name');
});

test('oneOf: only the errors of the branch the value was meant for', () => {
  const text =
    'version: 1\nfields: []\nknownQualityIssues:\n  - plain sentence\n  - description: x\n    alrt: missing\n  - 42\n';
  const found = schemaDiagnostics(text, dictionarySchema);
  assert.deepEqual(
    found.map((d) => [d.start.line, d.code]),
    [
      [6, 'unknown-key'],
      [7, 'schema'],
    ],
  );
  assert.match(found[0].message, /Did you mean "alert"\?/);
  assert.equal(
    found[1].message,
    '"knownQualityIssues[2]" must be text, or a mapping (key: value lines), not the number 42.',
  );
});

test('a YAML syntax error mid-document is reported with its position and the rest is still checked', () => {
  const text =
    'version: 1\nname: x\ntask: regression\ntarget: y\ndatasets:\n  train: [a.csv\n  holdout: b.csv\nmonitoring:\n  driftThreshold: big\n  reviewEvryDays: 3\n';
  const found = schemaDiagnostics(text, projectSchema);
  const syntax = found.filter((d) => d.code === 'yaml-syntax');
  assert.equal(syntax.length, 1);
  assert.equal(syntax[0].start.line, 7);
  assert.match(syntax[0].message, /^YAML syntax error: /);
  const drift = found.find((d) => d.message.includes('driftThreshold'))!;
  assert.deepEqual(
    [drift.start, drift.end],
    [
      { line: 9, column: 19 },
      { line: 9, column: 22 },
    ],
  );
  assert.ok(
    found.some(
      (d) => d.code === 'unknown-key' && d.start.line === 10 && /Did you mean "reviewEveryDays"/.test(d.message),
    ),
  );
});

test('other keywords are worded plainly', () => {
  const text =
    'expectations:\n  - column: ""\n    notNull: { maxMissingPercent: 150 }\n  - column: x\n    range: {}\n    allowed: []\n';
  const messages = schemaDiagnostics(text, expectationsSchema).map((d) => d.message);
  assert.ok(messages.includes('"expectations[0].column" must not be empty.'), messages.join('\n'));
  assert.ok(messages.includes('"expectations[0].notNull.maxMissingPercent" must be at most 100.'), messages.join('\n'));
  assert.ok(
    messages.some((m) =>
      m.startsWith('"expectations[1].range" needs at least 1 key (of: min, max, exclusiveMin, exclusiveMax)'),
    ),
    messages.join('\n'),
  );
  assert.ok(messages.includes('"expectations[1].allowed" needs at least 1 item.'), messages.join('\n'));
});

test('many problems are capped with a final "N more problems" diagnostic', () => {
  const text = `version: 1\nfields:\n${Array.from({ length: 150 }, (_, i) => `  - name: c${i}\n    type: nope\n`).join('')}`;
  const found = schemaDiagnostics(text, dictionarySchema, { maxProblems: 20 });
  assert.equal(found.length, 20);
  assert.equal(found[19].code, 'too-many-problems');
  assert.equal(found[19].message, '131 more problems not shown (from this line on); fix the ones above first.');
  assert.equal(found[19].start.line, 42);
});
