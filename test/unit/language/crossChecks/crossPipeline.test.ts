// The pipeline spec's cross-file checks on copies of examples/penguins and examples/cars: every
// column it names (expressions included, derived features counting after their definition)
// against the training data, its data paths (inside the workspace, present), its primary metric.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gatherWorkspaceFacts } from '../../../../src/core/language/workspaceFacts';
import type { WorkspaceFacts } from '../../../../src/core/language/languageTypes';
import { applyPreferredFixes, check, read, tempProject } from './crossFixtures';

describe('pipeline cross-file checks (penguins)', () => {
  let project: ReturnType<typeof tempProject>;
  let facts: WorkspaceFacts;
  let spec: string;
  before(async () => {
    project = tempProject('penguins');
    facts = await gatherWorkspaceFacts(project.root);
    spec = read(project.root, 'pipeline.yaml');
  });
  after(() => project.dispose());

  it('says nothing about the example spec', () => {
    assert.deepEqual(check('pipeline', spec, facts), []);
  });

  it('places an unknown backticked column of an expression exactly, and fixes it', () => {
    const text = spec.replace('`Beak Length (mm)` /', '`Beak Lenght (mm)` /');
    const diagnostics = check('pipeline', text, facts);
    assert.equal(diagnostics.length, 1);
    const [d] = diagnostics;
    assert.equal(d.code, 'unknown-column');
    assert.equal(d.covers, '`Beak Lenght (mm)`');
    assert.equal(d.start.line, 20);
    assert.match(
      d.message,
      /"Beak Lenght \(mm\)" is not a column of data\/train\.csv\. Did you mean "Beak Length \(mm\)"\?/,
    );
    const fixed = applyPreferredFixes(text, diagnostics);
    assert.equal(fixed, spec);
  });

  it('reports unknown sensitive, split and target columns on their values', () => {
    const text = spec
      .replace('sensitiveColumns: [Island]', 'sensitiveColumns: [island, Sex]')
      .replace('  seed: 42\n\npreprocess', '  seed: 42\n  group: Colony\n\npreprocess')
      .replace('version: 1\n', 'version: 1\ntarget: Specie\n');
    const diagnostics = check('pipeline', text, facts);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.covers]),
      [
        ['unknown-column', 'Specie'],
        ['unknown-column', 'Colony'],
        ['unknown-column', 'island'],
      ],
    );
    assert.equal(diagnostics[1].fixes, undefined, 'no column looks like Colony');
    const fixed = applyPreferredFixes(text, diagnostics);
    assert.match(fixed, /sensitiveColumns: \[Island, Sex\]/);
    assert.match(fixed, /target: Species/);
  });

  it('reports a primary metric of the other task, and a typo with its fix', () => {
    const other = check('pipeline', spec.replace('primaryMetric: balanced_accuracy', 'primaryMetric: r2'), facts);
    assert.deepEqual(
      other.map((d) => [d.code, d.severity, d.covers]),
      [['unknown-metric', 'error', 'r2']],
    );
    const typo = spec.replace('primaryMetric: balanced_accuracy', 'primaryMetric: balanced_acc');
    const diagnostics = check('pipeline', typo, facts);
    assert.equal(diagnostics[0].covers, 'balanced_acc');
    assert.deepEqual(check('pipeline', applyPreferredFixes(typo, diagnostics), facts), []);
  });

  it('reports data paths outside the workspace or missing, and then leaves the columns alone', () => {
    const outside = check(
      'pipeline',
      `data:\n  train: ../elsewhere/train.csv\n${spec.replace('[Island]', '[Nowhere]')}`,
      facts,
    );
    assert.deepEqual(
      outside.map((d) => [d.code, d.severity, d.covers]),
      [['outside-workspace', 'error', '../elsewhere/train.csv']],
    );
    const absolute = check('pipeline', `data:\n  train: /etc/passwd\n${spec}`, facts);
    assert.deepEqual(
      absolute.map((d) => d.code),
      ['outside-workspace'],
    );
    const missing = check('pipeline', `data:\n  train: data/train.csv\n  holdout: data/nope.csv\n${spec}`, facts);
    assert.deepEqual(
      missing.map((d) => [d.code, d.severity, d.covers]),
      [['missing-file', 'warning', 'data/nope.csv']],
    );
  });
});

describe('pipeline cross-file checks (cars)', () => {
  let project: ReturnType<typeof tempProject>;
  let facts: WorkspaceFacts;
  let spec: string;
  before(async () => {
    project = tempProject('cars');
    spec = read(project.root, 'pipeline.yaml');
    // A second data file, named only by the spec, with other column names.
    writeFileSync(join(project.root, 'data/renamed.csv'), 'car,mpg,cyl\nvw rabbit,29,4\nford pinto,25,4\n');
    writeFileSync(join(project.root, 'pipeline.yaml'), `data:\n  train: data/renamed.csv\n${spec}`);
    facts = await gatherWorkspaceFacts(project.root);
  });
  after(() => project.dispose());

  it('says nothing about the example spec (derived features count as columns)', () => {
    assert.deepEqual(check('pipeline', spec, facts), []);
  });

  it('places a bare column of an expression exactly and fixes it', () => {
    const text = spec.replace('Horsepower / Weight_in_lbs * 1000', 'Horsepower / Weight_in_lb * 1000');
    const [d, ...rest] = check('pipeline', text, facts);
    assert.equal(rest.length, 0);
    assert.equal(d.covers, 'Weight_in_lb');
    assert.deepEqual(d.start, { line: 20, column: 32 });
    assert.equal(applyPreferredFixes(text, [d]), spec);
  });

  it('counts a derived feature as a column after its definition only, and in drop/columns/clip', () => {
    const text = spec
      .replace(
        '      expression: log(Displacement)\n',
        '      expression: log(Displacement)\n    - name: doubled\n      expression: log_displacement * 2 + power_to_weight\n',
      )
      .replace('    method: iqr', '    method: iqr\n    columns: [Horsepower, power_to_weight]')
      .replace('Cylinders: { type: categorical }', 'Cylinders: { type: categorical }\n    doubled: { scale: none }');
    assert.deepEqual(check('pipeline', text, facts), []);
    const early = spec.replace(
      'expression: Horsepower / Weight_in_lbs * 1000',
      'expression: Horsepower / Weight_in_lbs * 1000 + log_displacment',
    );
    const [d] = check('pipeline', early, facts);
    assert.equal(d.covers, 'log_displacment');
    assert.match(d.message, /Did you mean "log_displacement"\? It is derived further down/);
    assert.equal(d.fixes, undefined, 'moving definitions is not an obvious fix');
  });

  it('renames an unknown per-column override key and an unknown dropped column', () => {
    const text = spec
      .replace('Cylinders: { type: categorical }', 'Cylinder: { type: categorical }')
      .replace('column: Name', 'column: name');
    const diagnostics = check('pipeline', text, facts);
    assert.deepEqual(
      diagnostics.map((d) => d.covers),
      ['name', 'Cylinder'],
    );
    assert.equal(applyPreferredFixes(text, diagnostics), spec);
  });

  it("checks the columns of the file the spec itself names (data.train), not only mlcycle.yaml's", () => {
    const text = `data:\n  train: data/renamed.csv\n${spec}`;
    const diagnostics = check('pipeline', text, facts);
    assert.ok(diagnostics.length >= 3);
    assert.ok(diagnostics.every((d) => d.code === 'unknown-column' && /data\/renamed\.csv/.test(d.message)));
    assert.ok(diagnostics.some((d) => d.covers === 'Name'));
  });

  it('never throws on a broken spec', () => {
    for (const text of [
      '',
      'data: [',
      'preprocess: 5',
      'preprocess:\n  derive:\n    - name: 3\n      expression: "(("\n  columns: [a]\n  drop: [7, null]',
      'split: {group: [1]}\nevaluation: {primaryMetric: 4, sensitiveColumns: x}',
    ]) {
      assert.ok(Array.isArray(check('pipeline', text, facts)));
    }
  });
});
