import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkDocumentVersion, schemaProblemsFor } from '../../../src/core/documents/versions';
import { parsePipelineSpec } from '../../../src/core/model/spec/parsePipelineSpec';
import type { DocumentKind } from '../../../src/core/project/projectFile';
import { DOCUMENT_TEMPLATES, renderCharter } from '../../../src/core/project/templates';
import { parseYaml } from '../../../src/core/yaml/yamlDocument';
import { pick } from './documentTestKit';

describe('document templates', () => {
  for (const kind of Object.keys(DOCUMENT_TEMPLATES) as DocumentKind[]) {
    test(`the ${kind} template is valid, current, and guides with comments`, () => {
      const text = DOCUMENT_TEMPLATES[kind];
      const parsed = parseYaml(text);
      assert.deepEqual(parsed.problems, []);
      assert.deepEqual(schemaProblemsFor(kind, parsed), []);
      assert.deepEqual(checkDocumentVersion(kind, parsed, text), []);
      assert.equal((parsed.value as { version?: number }).version, 1);
      assert.ok(text.split('\n').filter((l) => l.trim().startsWith('#')).length >= 3);
    });
  }

  test('the pipeline template trains as it is', () => {
    const result = parsePipelineSpec(DOCUMENT_TEMPLATES.pipeline, {
      task: 'classification',
      target: 'Species',
      datasets: { train: 'data/train.csv' },
    } as never);
    assert.deepEqual(
      result.problems.filter((p) => p.severity === 'error'),
      [],
    );
    assert.equal(result.spec?.split.folds, 5);
  });

  test('"New Charter" fills in the task and target, and stays valid', () => {
    const text = renderCharter({ task: 'regression', target: 'Miles "per" gallon' });
    const parsed = parseYaml(text);
    assert.deepEqual(schemaProblemsFor('charter', parsed), []);
    assert.deepEqual([pick(parsed.value, 'task'), pick(parsed.value, 'target')], ['regression', 'Miles "per" gallon']);
  });

  test('the empty charter answers nothing yet (the sidebar shows the items as open, not failing)', () => {
    const value = parseYaml(DOCUMENT_TEMPLATES.charter).value;
    for (const key of ['dataAvailable', 'wellDefined', 'valueJustifiesCost', 'simplerAlternatives'])
      assert.equal(pick(value, `feasibility.${key}.answer`), null);
    assert.equal(pick(value, 'problem'), '');
    assert.deepEqual(pick(value, 'kpis'), []);
  });
});
