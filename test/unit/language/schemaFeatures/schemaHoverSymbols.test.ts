import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { hover } from '../../../../src/core/language/hover';
import { documentSymbols } from '../../../../src/core/language/symbols';
import { charterSchema, cursor, dictionarySchema, pipelineSchema, textAt } from './helpers';

const hoverAt = (marked: string, schema: object) => {
  const { text, position } = cursor(marked);
  const info = hover(text, position, schema);
  return info && { ...info, text: textAt(text, info) };
};

test("hover on a key: its description, type and default, with the key's range", () => {
  const info = hoverAt('version: 1\nsplit:\n  fo§lds: 3\n', pipelineSchema)!;
  assert.equal(info.text, 'folds');
  assert.deepEqual(
    [info.start, info.end],
    [
      { line: 3, column: 3 },
      { line: 3, column: 8 },
    ],
  );
  assert.equal(
    info.markdown,
    '**folds**\n\nNumber of cross-validation folds (splits for kind time). Default 5.\n\nType: `integer (2 to 100)`\n\nDefault: `5`',
  );
});

test('hover on a value and on keys inside sequences and $ref definitions', () => {
  const value = hoverAt('version: 1\nfields:\n  - name: a\n    type: categ§orical\n', dictionarySchema)!;
  assert.equal(value.text, 'categorical');
  assert.match(value.markdown, /^\*\*type\*\*\n\nThe kind of values: numeric/);
  assert.match(value.markdown, /Type: `one of: numeric, categorical, boolean, datetime, text, id`/);
  const kpi = hoverAt('version: 1\nkpis:\n  - name: x\n    met§ric: accuracy\n', charterSchema)!;
  assert.match(kpi.markdown, /The scikit-learn metric that measures it/);
  assert.match(kpi.markdown, /Examples: `balanced_accuracy`, `accuracy`/);
  const answer = hoverAt('version: 1\nfeasibility:\n  dataAvailable:\n    ans§wer: yes\n', charterSchema)!;
  assert.match(answer.markdown, /yes, no or unsure/);
  const custom = hoverAt('version: 1\nfields: []\nx-ow§ner: me\n', dictionarySchema)!;
  assert.match(custom.markdown, /A custom key of your own/);
});

test('no hover on unknown keys, comments and blank lines', () => {
  assert.equal(hoverAt('version: 1\nbo§gus: 1\n', pipelineSchema), undefined);
  assert.equal(hoverAt('version: 1 # com§ment\n', pipelineSchema), undefined);
  assert.equal(hoverAt('version: 1\n§\n', pipelineSchema), undefined);
});

test('outline of the penguins pipeline: mappings, sequences and items named by their name field', () => {
  const text = readFileSync(join(__dirname, '../../../../examples/penguins/pipeline.yaml'), 'utf8');
  const symbols = documentSymbols(text);
  assert.deepEqual(symbols.map((s) => s.name).slice(0, 4), ['version', 'description', 'split', 'preprocess']);
  const split = symbols.find((s) => s.name === 'split')!;
  assert.equal(split.kind, 'object');
  assert.deepEqual(
    split.children.map((c) => [c.name, c.detail]),
    [
      ['kind', 'stratified'],
      ['folds', '5'],
      ['shuffle', 'true'],
      ['seed', '42'],
    ],
  );
  assert.equal(textAt(text, { start: split.selectionStart, end: split.selectionEnd }), 'split');
  assert.match(textAt(text, split), /^split:\n[\s\S]*seed: 42$/);
  const derive = symbols.find((s) => s.name === 'preprocess')!.children.find((c) => c.name === 'derive')!;
  assert.equal(derive.kind, 'array');
  assert.equal(derive.children[0].name, 'beak_ratio');
  assert.equal(derive.children[0].kind, 'object');
  const models = symbols.find((s) => s.name === 'models')!;
  assert.ok(
    models.children.length >= 2 && models.children.every((m) => !m.name.startsWith('[')),
    'models are named by their name or kind',
  );
});

test('outline: items named by column / metric / kind, scalar items by their value, exact ranges', () => {
  const text =
    'expectations:\n  - column: Sex\n    notNull: true\n  - metric: accuracy\n  - kind: a\n  - plain item\n  - rowCount: {min: 1}\n';
  const [root] = documentSymbols(text);
  assert.deepEqual(
    root.children.map((c) => [c.name, c.detail ?? '']),
    [
      ['Sex', 'column · [0]'],
      ['accuracy', 'metric · [1]'],
      ['a', 'kind · [2]'],
      ['plain item', '[3]'],
      ['[4]', ''],
    ],
  );
  const first = root.children[0];
  assert.equal(textAt(text, first), '- column: Sex\n    notNull: true');
  assert.equal(textAt(text, { start: first.selectionStart, end: first.selectionEnd }), '- column: Sex');
  assert.equal(root.children[4].children[0].kind, 'object');
});

test('outline: block scalars, comments and a symbol budget filled level by level', () => {
  const text = 'a:\n  b: |\n    text: not a key\n    more\n  c: 1 # note\nd:\n  - x\n  - y\n';
  const symbols = documentSymbols(text);
  assert.deepEqual(
    symbols.map((s) => [s.name, s.kind, s.children.map((c) => c.name)]),
    [
      ['a', 'object', ['b', 'c']],
      ['d', 'array', ['x', 'y']],
    ],
  );
  assert.equal(textAt(text, symbols[0].children[0]), 'b: |\n    text: not a key\n    more');
  assert.equal(symbols[0].children[1].detail, '1');
  const capped = documentSymbols(text, { maxSymbols: 3 });
  assert.deepEqual(
    capped.map((s) => [s.name, s.children.length]),
    [
      ['a', 1],
      ['d', 0],
    ],
  );
});
