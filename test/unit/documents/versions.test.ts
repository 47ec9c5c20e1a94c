import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { documentVersion } from '../../../src/core/documents/documentVersion';
import { migrateText, migrateValue } from '../../../src/core/documents/migrateDocument';
import { schemaFor } from '../../../src/core/documents/schemaRegistry';
import { checkDocumentVersion, schemaProblemsFor } from '../../../src/core/documents/versions';
import type { LifecycleDocumentKind } from '../../../src/core/language/languageTypes';
import { parseYaml } from '../../../src/core/yaml/yamlDocument';
import { applyEdits, FIXTURES, pick, strictAjv } from './documentTestKit';

const ajv = strictAjv();
const old = (file: string) => readFileSync(join(FIXTURES, 'v0', file), 'utf8');

function assertValid(kind: LifecycleDocumentKind, value: unknown, what: string) {
  const validate = ajv.compile(schemaFor(kind));
  assert.ok(validate(value), `${what}: ${JSON.stringify(validate.errors)}`);
}

describe('documents of an earlier release (version 0) migrate to version 1', () => {
  const cases: Array<[string, LifecycleDocumentKind]> = [
    ['charter.template.yaml', 'charter'],
    ['charter.penguins.yaml', 'charter'],
    ['charter.constraints.yaml', 'charter'],
    ['dataDictionary.template.yaml', 'dataDictionary'],
    ['pipeline.template.yaml', 'pipeline'],
    ['pipeline.steps.yaml', 'pipeline'],
    ['modelCard.template.yaml', 'modelCard'],
    ['modelCard.prose.yaml', 'modelCard'],
    ['project.unversioned.yaml', 'project'],
  ];
  for (const [file, kind] of cases) {
    test(`${file}: the quick fix yields a valid current document, comments kept`, () => {
      const text = old(file);
      const parsed = parseYaml(text);
      assert.equal(documentVersion(kind, parsed.value).status, 'older');
      const [diagnostic, ...rest] = checkDocumentVersion(kind, parsed, text);
      assert.equal(rest.length, 0);
      assert.equal(diagnostic.code, 'old-version');
      assert.equal(diagnostic.severity, 'warning');
      const fix = diagnostic.fixes?.[0];
      assert.ok(fix && fix.preferred && fix.title === 'Migrate to version 1', JSON.stringify(diagnostic));
      const migrated = applyEdits(text, fix.edits);
      const value = parseYaml(migrated).value as Record<string, unknown>;
      assert.equal(value.version, 1);
      assertValid(kind, value, file);
      for (const comment of text.split('\n').filter((l) => l.trim().startsWith('#')))
        assert.ok(migrated.includes(comment), `comment kept: ${comment}`);
      // The same result as data, and nothing left to do.
      assert.deepEqual(migrateValue(kind, parsed.value)?.value, value);
      assert.equal(migrateText(kind, migrated), undefined);
      assert.deepEqual(checkDocumentVersion(kind, parseYaml(migrated), migrated), []);
    });
  }

  test('the old pipeline means the same thing in the new format', () => {
    const result = migrateText('pipeline', old('pipeline.steps.yaml'))!;
    const value = result.value as Record<string, unknown>;
    assert.deepEqual(value.split, { holdout: 0.25, folds: 3, kind: 'kfold' });
    assert.deepEqual(value.preprocess, {
      impute: { numeric: 'mean' },
      encode: { categorical: 'onehot' },
      scale: 'robust',
    });
    assert.deepEqual(value.models, [{ kind: 'random_forest', params: { n_estimators: 50 } }]);
    assert.equal(value.seed, 7);
    assert.match(result.text, /# regression/, 'the comment on split survives');
    assert.equal(Object.keys(value)[0], 'version');
    assert.ok(result.notes.some((n) => n.includes('split.kind: kfold')));
  });

  test('unchanged keys keep their exact text (block scalars stay folded)', () => {
    const text = old('charter.penguins.yaml');
    const result = migrateText('charter', text)!;
    assert.equal(result.edits.length, 1, 'only the version line is inserted');
    assert.equal(result.text, text.replace('problem: >-', 'version: 1\nproblem: >-'));
  });

  test('charter answers and constraints are carried over', () => {
    const value = migrateValue('charter', parseYaml(old('charter.constraints.yaml')).value)!.value;
    assert.deepEqual(pick(value, 'constraints'), { other: ['Runs offline', 'Explainable to technicians'] });
    assert.equal(pick(value, 'feasibility.dataAvailable.answer'), 'yes');
    const template = migrateValue('charter', parseYaml(old('charter.template.yaml')).value)!.value;
    assert.equal(pick(template, 'constraints'), undefined);
    assert.equal(pick(template, 'feasibility.wellDefined.answer'), null);
  });

  test("a model card's prose moves into the new sections", () => {
    const value = migrateValue('modelCard', parseYaml(old('modelCard.prose.yaml')).value)!.value as Record<
      string,
      unknown
    >;
    assert.deepEqual(pick(value, 'modelDetails.owners'), [{ name: 'Ann' }, { name: 'Bob' }]);
    assert.deepEqual(value.factors, [{ name: 'Island' }]);
    assert.deepEqual(value.evaluationData, { description: 'The 2009 season' });
    assert.deepEqual(value.ethicalConsiderations, [{ name: 'Proxy for colony' }]);
    assert.deepEqual(value.caveatsAndRecommendations, ['Small data set.']);
  });

  test('a step with no equivalent: reported, and no automatic fix that would lose it', () => {
    const text = old('pipeline.unknown-step.yaml');
    const [diagnostic] = checkDocumentVersion('pipeline', parseYaml(text), text);
    assert.equal(diagnostic.code, 'old-version');
    assert.equal(diagnostic.fixes, undefined);
    assert.match(diagnostic.message, /By hand: preprocessing step 2 \(\{"pca"/);
    assert.equal(migrateText('pipeline', text)?.complete, false);
  });

  test('the version diagnostic sits on the first key; schema problems leave "version" to it', () => {
    const text = old('charter.penguins.yaml');
    const parsed = parseYaml(text);
    const [diagnostic] = checkDocumentVersion('charter', parsed, text);
    assert.equal(diagnostic.start.line, 2);
    assert.deepEqual(schemaProblemsFor('charter', parsed), []);
    const pipeline = parseYaml(old('pipeline.template.yaml'));
    const problems = schemaProblemsFor('pipeline', pipeline);
    assert.ok(
      problems.some((p) => p.message === 'Unknown key "preprocessing".'),
      'real problems of the old format are still shown',
    );
    assert.ok(!problems.some((p) => p.message.includes('"version"')));
  });

  test('without the text: the diagnostic, but no fix', () => {
    const [diagnostic] = checkDocumentVersion('charter', parseYaml(old('charter.template.yaml')));
    assert.equal(diagnostic.code, 'old-version');
    assert.equal(diagnostic.fixes, undefined);
  });
});

describe('documents of a newer release', () => {
  test('are reported as written by a newer ML Lifecycle, and not checked against our schema', () => {
    const text = 'version: 2\nproblem: x\nsomethingNew: { a: 1 }\n';
    const parsed = parseYaml(text);
    const [diagnostic, ...rest] = checkDocumentVersion('charter', parsed, text);
    assert.equal(rest.length, 0);
    assert.equal(diagnostic.code, 'newer-version');
    assert.equal(diagnostic.severity, 'error');
    assert.match(diagnostic.message, /written by a newer ML Lifecycle/);
    assert.deepEqual([diagnostic.start.line, diagnostic.start.column], [1, 10]);
    assert.deepEqual(schemaProblemsFor('charter', parsed), []);
    assert.equal(migrateText('charter', text), undefined);
  });
});

describe('current and unusual documents', () => {
  test('current documents, and kinds where version is optional, have no version diagnostic', () => {
    for (const [kind, text] of [
      ['charter', 'version: 1\n'],
      ['expectations', 'expectations: []\n'],
      ['decisions', 'decisions: []\n'],
    ] as Array<[LifecycleDocumentKind, string]>) {
      assert.deepEqual(checkDocumentVersion(kind, parseYaml(text), text), [], kind);
      assert.equal(documentVersion(kind, parseYaml(text).value).status, 'current');
    }
  });

  test('a version that is not a whole number is left to the schema', () => {
    const parsed = parseYaml('version: "1"\n');
    assert.equal(documentVersion('charter', parsed.value).status, 'invalid');
    assert.deepEqual(checkDocumentVersion('charter', parsed, 'version: "1"\n'), []);
    assert.deepEqual(
      schemaProblemsFor('charter', parsed).map((p) => p.message),
      ['"version" must be 1.'],
    );
  });

  test('a document with YAML errors: still reported, but never rewritten', () => {
    const text = 'problem: [\n';
    const diagnostics = checkDocumentVersion('charter', parseYaml(text), text);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.fixes]),
      [['old-version', undefined]],
    );
    assert.equal(migrateText('charter', text), undefined);
  });

  test('empty documents and lists: no version diagnostic, no migration', () => {
    for (const text of ['', '- a\n']) {
      assert.deepEqual(checkDocumentVersion('charter', parseYaml(text), text), [], JSON.stringify(text));
      assert.equal(migrateText('charter', text), undefined);
    }
  });
});
