import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseProjectFile, readProjectFile } from '../../../src/core/project/projectFile';
import { renderProjectFile } from '../../../src/core/project/templates';

const root = '/projects/penguins';

test('the bundled examples are valid project files', async () => {
  for (const name of ['penguins', 'cars']) {
    const result = await readProjectFile(join(__dirname, '../../../examples', name));
    assert.ok(result, `${name} has an mlcycle.yaml`);
    assert.deepEqual(result.problems, [], `${name}: ${JSON.stringify(result.problems)}`);
    assert.equal(result.project?.version, 1);
    assert.equal(result.project?.documents.charter, 'docs/charter.yaml', 'documents default');
  }
});

test('a folder without mlcycle.yaml has no project', async () => {
  assert.equal(await readProjectFile(mkdtempSync(join(tmpdir(), 'mlcycle-'))), undefined);
});

test('a YAML syntax error names its line and column', () => {
  const { project, problems } = parseProjectFile('version: 1\nname: a: b\ntask: regression\n', root);
  assert.equal(project, undefined);
  assert.ok(problems.length > 0);
  assert.equal(problems[0].severity, 'error');
  assert.equal(problems[0].start.line, 2);
});

test('schema errors point at the offending key or value', () => {
  const text = [
    'version: 1',
    'name: Penguins',
    'task: clustering',
    'target: Species',
    'datasets:',
    '  train: data/train.csv',
    'colour: blue',
  ].join('\n');
  const { project, problems } = parseProjectFile(text, root);
  assert.equal(project, undefined);
  const task = problems.find((p) => p.path.join('.') === 'task');
  assert.ok(task, JSON.stringify(problems));
  assert.match(task.message, /classification, regression/);
  assert.deepEqual(task.start, { line: 3, column: 7 });
  const unknown = problems.find((p) => p.message.includes('colour'));
  assert.ok(unknown);
  assert.deepEqual(unknown.start, { line: 7, column: 1 });
});

test('a missing required key is reported', () => {
  const { problems } = parseProjectFile('version: 1\nname: x\ntask: regression\ndatasets:\n  train: a.csv\n', root);
  assert.ok(problems.some((p) => /missing the required key "target"/.test(p.message)));
});

test('paths that leave the project folder are refused with their position', () => {
  const text = 'version: 1\nname: x\ntask: regression\ntarget: y\ndatasets:\n  train: ../../etc/data.csv\n';
  const { project, problems } = parseProjectFile(text, root);
  assert.equal(project, undefined);
  const outside = problems.find((p) => /outside the project folder/.test(p.message));
  assert.ok(outside);
  assert.deepEqual(outside.start, { line: 6, column: 10 });
});

test('a rendered new project file parses back to what was asked', () => {
  const text = renderProjectFile({
    name: 'My "quoted" project',
    task: 'classification',
    target: 'Beak Length (mm)',
    train: 'data/train.csv',
  });
  const { project, problems } = parseProjectFile(text, root);
  assert.deepEqual(problems, []);
  assert.equal(project?.name, 'My "quoted" project');
  assert.equal(project?.target, 'Beak Length (mm)');
  assert.equal(project?.datasets.train, 'data/train.csv');
});

test('reading a project never changes its file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlcycle-'));
  cpSync(join(__dirname, '../../../examples/penguins'), dir, { recursive: true });
  const before = readFileSync(join(dir, 'mlcycle.yaml'));
  await readProjectFile(dir);
  assert.deepEqual(readFileSync(join(dir, 'mlcycle.yaml')), before);
});

test('the document templates are valid documents of their kind', async () => {
  const { DOCUMENT_TEMPLATES } = await import('../../../src/core/project/templates');
  const { parseExpectations } = await import('../../../src/core/validation/parseExpectations');
  const { parseYaml } = await import('../../../src/core/yaml/yamlDocument');
  assert.deepEqual(parseExpectations(DOCUMENT_TEMPLATES.expectations).problems, []);
  for (const [kind, text] of Object.entries(DOCUMENT_TEMPLATES)) {
    assert.deepEqual(parseYaml(text).problems, [], `${kind} template parses`);
  }
});
