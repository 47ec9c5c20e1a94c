import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completions } from '../../../../src/core/language/completion';
import {
  charterSchema,
  cursor,
  dictionarySchema,
  expectationsSchema,
  modelCardSchema,
  pipelineSchema,
  projectSchema,
  textAt,
} from './helpers';

const labels = (marked: string, schema: object) => {
  const { text, position } = cursor(marked);
  return completions(text, position, schema).map((e) => e.label);
};
const entry = (marked: string, schema: object, label: string) => {
  const { text, position } = cursor(marked);
  const found = completions(text, position, schema).find((e) => e.label === label);
  assert.ok(found, `no completion "${label}"`);
  return found;
};

test('root keys of the project file, minus those present, required first, with type and description', () => {
  const got = labels('version: 1\nname: Penguins\n§', projectSchema);
  assert.deepEqual(got.slice(0, 3), ['task', 'target', 'datasets']);
  assert.ok(!got.includes('version') && !got.includes('name'));
  assert.ok(got.includes('monitoring') && got.includes('sensitiveColumns'));
  const task = entry('version: 1\n§', projectSchema, 'task');
  assert.equal(task.kind, 'property');
  assert.equal(task.detail, 'one of: classification, regression (required)');
  assert.match(task.documentation ?? '', /The machine-learning task/);
  assert.equal(task.insertText, 'task: ${1|classification,regression|}');
  assert.equal(task.snippet, true);
});

test('keys present below the cursor are not proposed again', () => {
  const got = labels('version: 1\n§\nname: x\ntask: regression\n', projectSchema);
  assert.ok(!got.includes('name') && !got.includes('task') && got.includes('target'));
});

test('mid-typing a key: the partial word is replaced, and the key may be in any nested mapping', () => {
  const marked = 'version: 1\nsplit:\n  kind: group\n  fo§\nseed: 3\n';
  const got = labels(marked, pipelineSchema);
  assert.ok(got.includes('folds') && got.includes('shuffle') && !got.includes('kind'));
  assert.ok(!got.includes('preprocess'), 'keys of split, not of the root');
  const { text } = cursor(marked);
  const folds = entry(marked, pipelineSchema, 'folds');
  assert.equal(textAt(text, folds.replace!), 'fo');
  assert.equal(folds.insertText, 'folds: ${1:5}');
  assert.match(folds.documentation ?? '', /Default: `5`/);
});

test('a line of only indentation selects the level by its column', () => {
  const base = 'version: 1\npreprocess:\n  impute:\n    numeric: mean\n';
  assert.ok(labels(`${base}    §`, pipelineSchema).includes('addIndicators'));
  const level1 = labels(`${base}  §`, pipelineSchema);
  assert.ok(level1.includes('encode') && !level1.includes('impute') && !level1.includes('addIndicators'));
  const root = labels(`${base}§`, pipelineSchema);
  assert.ok(root.includes('models') && !root.includes('preprocess'));
});

test('objects and arrays insert a snippet that opens the block below the key', () => {
  assert.equal(entry('version: 1\n§', pipelineSchema, 'split').insertText, 'split:\n  $0');
  assert.equal(entry('version: 1\n§', pipelineSchema, 'models').insertText, 'models:\n  - $0');
  assert.equal(entry('§', dictionarySchema, 'version').insertText, 'version: 1');
});

test('a key already followed by its colon is completed without a second colon', () => {
  const got = entry('version: 1\nta§: x\n', projectSchema, 'target');
  assert.equal(got.insertText, 'target');
});

test('after "key: " the enum values, booleans and defaults', () => {
  assert.deepEqual(labels('version: 1\ntask: §', projectSchema), ['classification', 'regression']);
  const { text, position } = cursor('version: 1\ntask: clas§sification\n');
  const [first] = completions(text, position, projectSchema);
  assert.equal(textAt(text, first.replace!), 'classsification'.replace('ss', 's'));
  assert.deepEqual(labels('version: 1\nsplit:\n  shuffle: §', pipelineSchema), ['true', 'false']);
  assert.deepEqual(labels('version: 1\npreprocess:\n  impute:\n    numeric: §', pipelineSchema), [
    'mean',
    'median',
    'most_frequent',
    'constant',
    'none',
  ]);
  assert.deepEqual(labels('version: §', pipelineSchema), ['1']);
  // right after the colon: the value comes with its blank
  const { text: t2, position: p2 } = cursor('version: 1\ntask:§');
  assert.equal(completions(t2, p2, projectSchema)[0].insertText, ' classification');
});

test('inside sequences of objects: the item keys; after "- " also scalar items', () => {
  const dict = 'version: 1\nfields:\n  - name: Species\n    type: categorical\n  - name: Island\n    §';
  const got = labels(dict, dictionarySchema);
  assert.equal(got[0], 'type', "the current item lacks its required type (the first item's keys do not count)");
  assert.ok(got.includes('definition') && got.includes('allowedValues') && !got.includes('name'));
  assert.ok(got.includes('x-…'), 'patternProperties ^x- is proposed');
  const dash = labels('version: 1\nfields:\n  - §', dictionarySchema);
  assert.deepEqual(dash.slice(0, 2), ['name', 'type']);
  assert.deepEqual(labels('version: 1\nfields:\n  - name: a\n    type: §', dictionarySchema), [
    'numeric',
    'categorical',
    'boolean',
    'datetime',
    'text',
    'id',
  ]);
  // a sequence at its key's column
  assert.ok(labels('version: 1\nfields:\n- name: a\n  ty§', dictionarySchema).includes('type'));
  // nested arrays: expectations entries and their compare object
  assert.deepEqual(labels('expectations:\n  - compare:\n      left: a\n      op: §', expectationsSchema), [
    '<',
    '<=',
    '==',
    '!=',
    '>=',
    '>',
  ]);
  assert.equal(
    entry('expectations:\n  - compare:\n      left: a\n      op: §', expectationsSchema, '<=').insertText,
    '"<="',
  );
  assert.ok(labels('expectations:\n  - column: Sex\n    range:\n      §', expectationsSchema).includes('exclusiveMin'));
});

test('$ref, oneOf (union of keys) and the definitions of the charter and the model card', () => {
  assert.deepEqual(labels('knownQualityIssues:\n  - description: x\n    §', dictionarySchema).slice(0, 3), [
    'fields',
    'alert',
    'handling',
  ]);
  assert.deepEqual(labels('version: 1\nkpis:\n  - name: x\n    §', charterSchema).slice(0, 2), ['metric', 'threshold']);
  const metric = labels('version: 1\nkpis:\n  - name: x\n    metric: §', charterSchema);
  assert.ok(metric.includes('balanced_accuracy') && metric.includes('rmse'), 'examples are proposed');
  assert.deepEqual(labels('version: 1\nfeasibility:\n  dataAvailable:\n    answer: §', charterSchema), [
    'yes',
    'no',
    'unsure',
    'null',
  ]);
  assert.ok(labels('version: 1\nmodelDetails:\n  name: x\n  §', modelCardSchema).includes('owners'));
});

test('nothing to propose inside a comment, a block scalar or under an unknown key', () => {
  assert.deepEqual(labels('version: 1 # a comment §', projectSchema), []);
  assert.deepEqual(labels('version: 1\ndescription: |\n  some text\n  §', projectSchema), []);
  assert.deepEqual(labels('version: 1\nbogus:\n  §', projectSchema), []);
});

test('pattern/additionalProperties schemas: values under a free-form mapping', () => {
  // monitoring.alerts takes any metric name; the value's schema (number) has no values to propose
  assert.deepEqual(labels('monitoring:\n  alerts:\n    accuracy: §', projectSchema), []);
  assert.ok(labels('monitoring:\n  §', projectSchema).includes('alerts'));
});
