// mlcycle.yaml's missingValues (top level and per dataset) in the language server: proposed by
// completion, explained by hover, and accepted by the schema check in both dataset forms.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completions } from '../../../../src/core/language/completion';
import { schemaDiagnostics } from '../../../../src/core/language/diagnostics';
import { hover } from '../../../../src/core/language/hover';
import { cursor, projectSchema } from './helpers';

const labels = (marked: string) => {
  const { text, position } = cursor(marked);
  return completions(text, position, projectSchema).map((e) => e.label);
};
const hoverText = (marked: string) => {
  const { text, position } = cursor(marked);
  return hover(text, position, projectSchema)?.markdown ?? '';
};
const HEAD = 'version: 1\nname: Birds\ntask: classification\ntarget: damage\n';

test('completion proposes missingValues at the top, its keys, and its boolean', () => {
  assert.ok(labels(`${HEAD}datasets:\n  train: data/train.csv\n§`).includes('missingValues'));
  assert.deepEqual(labels(`${HEAD}missingValues:\n  §`).sort(), ['defaults', 'markers']);
  assert.deepEqual(labels(`${HEAD}missingValues:\n  defaults: §`), ['true', 'false']);
});

test('a dataset written as a mapping gets path and missingValues proposed', () => {
  const got = labels(`${HEAD}datasets:\n  train:\n    §`);
  assert.ok(got.includes('path') && got.includes('missingValues'), got.join(', '));
  assert.deepEqual(labels(`${HEAD}datasets:\n  train:\n    path: data/train.csv\n    missingValues:\n      §`).sort(), [
    'defaults',
    'markers',
  ]);
});

test("hover explains missingValues with pandas' semantics", () => {
  const top = hoverText(`${HEAD}missing§Values:\n  defaults: false\n`);
  assert.match(top, /na_values/);
  assert.match(top, /None/);
  const defaults = hoverText(`${HEAD}missingValues:\n  defa§ults: false\n`);
  assert.match(defaults, /keep_default_na/);
  const inDataset = hoverText(`${HEAD}datasets:\n  train:\n    path: a.csv\n    missingValues:\n      mark§ers: [x]\n`);
  assert.match(inDataset, /na_values/);
});

test('both dataset forms pass the schema; a misspelled key is reported', () => {
  const clean = schemaDiagnostics(
    `${HEAD}missingValues:\n  markers: ["-"]\ndatasets:\n  train:\n    path: data/train.csv\n    missingValues: { defaults: false }\n  holdout: data/holdout.csv\n`,
    projectSchema,
  ).filter((d) => d.severity === 'error' || d.severity === 'warning');
  assert.deepEqual(clean, []);
  const typo = schemaDiagnostics(
    `${HEAD}datasets:\n  train: data/train.csv\nmissingValues:\n  defualts: false\n`,
    projectSchema,
  );
  assert.ok(
    typo.some((d) => /defualts/.test(d.message) && d.start.line === 8),
    typo.map((d) => d.message).join(' | '),
  );
});
