import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { LIFECYCLE_DOCUMENT_KINDS, schemaFor } from '../../../src/core/documents/schemaRegistry';
import { schemaProblemsFor } from '../../../src/core/documents/versions';
import { parseYaml } from '../../../src/core/yaml/yamlDocument';
import { fixtures, pick, REPO, strictAjv } from './documentTestKit';

const ajv = strictAjv();

describe('schema fixtures', () => {
  for (const kind of LIFECYCLE_DOCUMENT_KINDS) {
    const validate = ajv.compile(schemaFor(kind));
    for (const f of fixtures(kind, 'valid')) {
      test(`${f.file} is valid`, () => {
        const parsed = parseYaml(f.text);
        assert.deepEqual(parsed.problems, []);
        assert.ok(validate(parsed.value), JSON.stringify(validate.errors));
        assert.deepEqual(schemaProblemsFor(kind, parsed), []);
      });
    }
    const invalid = fixtures(kind, 'invalid');
    test(`${kind} has invalid fixtures, each with its expectations`, () =>
      assert.ok(invalid.length > 0 && invalid.every((f) => f.expected.length > 0)));
    for (const f of invalid) {
      test(`${f.file} fails where it says`, () => {
        const parsed = parseYaml(f.text);
        assert.equal(validate(parsed.value), false);
        const errors = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
        for (const e of f.expected)
          assert.ok(
            errors.includes(`${e.path} ${e.keyword}`),
            `expected "${e.path} ${e.keyword}" among ${JSON.stringify(errors)}`,
          );
        // What the editor shows: a positioned problem on the offending line, not at the top of the file.
        const problems = schemaProblemsFor(kind, parsed);
        assert.ok(problems.length > 0);
        assert.ok(problems.every((p) => p.start.line >= 1 && p.message.length > 0));
      });
    }
  }
});

describe("the examples' documents", () => {
  const documents: Array<[string, Parameters<typeof schemaFor>[0]]> = [
    ['examples/penguins/mlcycle.yaml', 'project'],
    ['examples/cars/mlcycle.yaml', 'project'],
    ['examples/penguins/pipeline.yaml', 'pipeline'],
    ['examples/cars/pipeline.yaml', 'pipeline'],
    ['examples/penguins/docs/charter.yaml', 'charter'],
  ];
  for (const [file, kind] of documents) {
    test(`${file} is a valid ${kind}`, () => {
      const parsed = parseYaml(readFileSync(join(REPO, file), 'utf8'));
      assert.deepEqual(parsed.problems, []);
      const validate = ajv.compile(schemaFor(kind));
      assert.ok(validate(parsed.value), JSON.stringify(validate.errors));
    });
  }

  test('the penguins charter still reads the way the sidebar and the trainer read it', () => {
    const value = parseYaml(readFileSync(join(REPO, 'examples/penguins/docs/charter.yaml'), 'utf8')).value;
    assert.equal(pick(value, 'feasibility.dataAvailable.answer'), 'yes', 'yes stays a string (YAML 1.2)');
    assert.deepEqual(
      [pick(value, 'kpis.0.metric'), pick(value, 'kpis.0.threshold'), pick(value, 'kpis.1')],
      ['balanced_accuracy', 0.95, undefined],
    );
  });
});
