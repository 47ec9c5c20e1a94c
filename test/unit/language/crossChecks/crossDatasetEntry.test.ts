// A dataset written as { path, missingValues } in mlcycle.yaml: the language server reads its
// columns like a plain path's, checks the target against them, and reports a missing file on the
// `path` key (not on the whole mapping).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gatherWorkspaceFacts } from '../../../../src/core/language/workspaceFacts';
import { check, tempProject } from './crossFixtures';

describe('a dataset with settings of its own', () => {
  let project: ReturnType<typeof tempProject>;
  let yaml: string;
  before(() => {
    project = tempProject('penguins');
    yaml = readFileSync(join(project.root, 'mlcycle.yaml'), 'utf8').replace(
      '  train: data/train.csv',
      '  train:\n    path: data/train.csv\n    missingValues: { defaults: false }',
    );
    writeFileSync(join(project.root, 'mlcycle.yaml'), yaml);
  });
  after(() => project.dispose());

  it('has its columns read and the target checked against them', async () => {
    const facts = await gatherWorkspaceFacts(project.root);
    assert.ok(facts.project, 'the project file is valid');
    assert.ok(facts.datasetColumns.train?.includes('Species'), JSON.stringify(facts.datasetColumns.train));
    assert.deepEqual(check('project', yaml, facts), []);
    const wrongTarget = yaml.replace('target: Species', 'target: Specie');
    const found = check('project', wrongTarget, facts);
    assert.ok(
      found.some((d) => d.covers === 'Specie'),
      JSON.stringify(found),
    );
  });

  it('a path that does not exist is reported on its path key', async () => {
    const missing = yaml.replace('    path: data/train.csv', '    path: data/absent.csv');
    writeFileSync(join(project.root, 'mlcycle.yaml'), missing);
    const facts = await gatherWorkspaceFacts(project.root);
    const found = check('project', missing, facts).filter((d) => d.code === 'missing-file');
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.equal(found[0].covers, 'data/absent.csv');
    assert.equal(found[0].start.line, missing.split('\n').findIndex((l) => l.includes('absent.csv')) + 1);
  });
});
