// The cross-file checks of the documents about data (the data dictionary, expectations) and of
// mlcycle.yaml, on copies of examples/penguins and examples/cars: names the data lacks, with the
// file named and the nearest column as the fix; dataset paths outside the workspace or missing.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gatherWorkspaceFacts } from '../../../../src/core/language/workspaceFacts';
import type { WorkspaceFacts } from '../../../../src/core/language/languageTypes';
import { applyPreferredFixes, check, read, tempProject } from './crossFixtures';

const PENGUIN_FIELDS = [
  'Species',
  'Island',
  'Beak Length (mm)',
  'Beak Depth (mm)',
  'Flipper Length (mm)',
  'Body Mass (g)',
  'Sex',
];
const OTHER_OBSERVED = 'observedIn:\n  path: data/other.csv\n  rows: 1\n  sha256: x\n  profiledAt: "2024-01-01"\n';
const dictionary = (names: string[], extra = '') =>
  `version: 1\n${extra}fields:\n${names.map((n) => `  - name: ${JSON.stringify(n)}\n    type: numeric\n`).join('')}`;

const OTHER = dictionary(['Species', 'Weight'], OTHER_OBSERVED);

describe('data dictionary cross-file checks (penguins)', () => {
  let project: ReturnType<typeof tempProject>;
  let facts: WorkspaceFacts;
  before(async () => {
    project = tempProject('penguins');
    writeFileSync(join(project.root, 'data/other.csv'), 'Species,Weight\nAdelie,3000\n');
    writeFileSync(join(project.root, 'docs/data-dictionary.yaml'), OTHER);
    facts = await gatherWorkspaceFacts(project.root);
  });
  after(() => project.dispose());

  it('says nothing when every column is described', () => {
    assert.deepEqual(check('dataDictionary', dictionary(PENGUIN_FIELDS), facts), []);
  });

  it('warns about a field the data lacks, naming the file, and fixes it to the nearest column', () => {
    const names = PENGUIN_FIELDS.map((n) => (n === 'Body Mass (g)' ? 'Body mass (g)' : n));
    const text = dictionary(names);
    const diagnostics = check('dataDictionary', text, facts);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.covers]),
      [
        ['undescribed-column', 'information', 'fields'],
        ['unknown-column', 'warning', '"Body mass (g)"'],
      ],
    );
    assert.match(
      diagnostics[1].message,
      /Field "Body mass \(g\)" is not a column of data\/train\.csv\. Did you mean "Body Mass \(g\)"\?/,
    );
    assert.match(diagnostics[0].message, /1 column of data\/train\.csv is not described here: "Body Mass \(g\)"/);
    assert.deepEqual(check('dataDictionary', applyPreferredFixes(text, diagnostics), facts), []);
  });

  it('leaves removed fields alone and compares with observedIn.path when given', () => {
    const removed = dictionary([...PENGUIN_FIELDS, 'Tag']).replace(
      'name: "Tag"\n    type: numeric\n',
      'name: "Tag"\n    type: numeric\n    status: removed\n',
    );
    assert.deepEqual(check('dataDictionary', removed, facts), []);
    assert.deepEqual(check('dataDictionary', OTHER, facts), []);
    const unknownFile = OTHER.replace('data/other.csv', 'data/unsaved.csv');
    assert.deepEqual(check('dataDictionary', unknownFile, facts), [], 'columns unknown: nothing to compare');
  });
});

describe('expectations cross-file checks (cars)', () => {
  let project: ReturnType<typeof tempProject>;
  let facts: WorkspaceFacts;
  before(async () => {
    project = tempProject('cars');
    facts = await gatherWorkspaceFacts(project.root);
  });
  after(() => project.dispose());

  it('warns about every column name the data lacks, wherever an entry names it', () => {
    const text = `version: 1
expectations:
  - column: Horsepowr
    range: { min: 0 }
  - column: Turbo
    exists: false
  - compare: { left: Displacement, op: ">", right: weight_in_lbs }
  - ifNull: Horsepower
    thenNull: [Acceleration, Torque]
  - columnSet: { atLeast: [Name, Year, Origin] }
`;
    const diagnostics = check('expectations', text, facts);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.covers]),
      [
        ['unknown-column', 'warning', 'Horsepowr'],
        ['unknown-column', 'warning', 'weight_in_lbs'],
        ['unknown-column', 'warning', 'Torque'],
      ],
    );
    const fixed = applyPreferredFixes(text, diagnostics);
    assert.match(fixed, /column: Horsepower\n/);
    assert.match(fixed, /right: Weight_in_lbs/);
    assert.deepEqual(
      check('expectations', fixed, facts).map((d) => d.covers),
      ['Torque'],
      'Torque looks like no column',
    );
  });
});

describe('mlcycle.yaml cross-file checks', () => {
  let project: ReturnType<typeof tempProject>;
  let facts: WorkspaceFacts;
  let text: string;
  before(async () => {
    project = tempProject('penguins');
    facts = await gatherWorkspaceFacts(project.root);
    text = read(project.root, 'mlcycle.yaml');
  });
  after(() => project.dispose());

  it('says nothing about the example', () => {
    assert.deepEqual(check('project', text, facts), []);
  });

  it('reports a target and sensitive columns the training data lacks, with fixes', () => {
    const broken = text
      .replace('target: Species', 'target: species')
      .replace('sensitiveColumns: [Island]', 'sensitiveColumns: [Island, Colony, sex]');
    const diagnostics = check('project', broken, facts);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.covers]),
      [
        ['unknown-column', 'error', 'species'],
        ['unknown-column', 'error', 'Colony'],
        ['unknown-column', 'error', 'sex'],
      ],
    );
    const fixed = applyPreferredFixes(broken, diagnostics);
    assert.deepEqual(
      check('project', fixed, facts).map((d) => d.covers),
      ['Colony'],
    );
  });

  it('reports dataset paths outside the workspace or missing', () => {
    const broken = text
      .replace('train: data/train.csv', 'train: ../../etc/train.csv')
      .replace('current: data/current.csv', 'current: data/now.csv');
    const diagnostics = check('project', broken.replace('target: Species', 'target: nothing'), facts);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.covers]),
      [
        ['outside-workspace', 'error', '../../etc/train.csv'],
        ['missing-file', 'warning', 'data/now.csv'],
      ],
    );
  });

  it('reports a dataset path that leads out of the workspace through a symbolic link', () => {
    const outside = mkdtempSync(join(tmpdir(), 'mlcycle-linked-'));
    try {
      writeFileSync(join(outside, 'train.csv'), 'Species\nAdelie\n');
      symlinkSync(outside, join(project.root, 'data', 'linked'));
      const diagnostics = check(
        'project',
        text.replace('train: data/train.csv', 'train: data/linked/train.csv'),
        facts,
      );
      const outsideOnes = diagnostics.filter((d) => d.code === 'outside-workspace');
      assert.deepEqual(
        outsideOnes.map((d) => [d.severity, d.covers]),
        [['error', 'data/linked/train.csv']],
      );
      assert.match(outsideOnes[0].message, /through a symbolic link/);
    } finally {
      rmSync(join(project.root, 'data', 'linked'));
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('never throws on a broken project file', () => {
    for (const t of [
      '',
      'datasets: 5',
      'datasets: {train: [1]}\nsensitiveColumns: 3\ntarget: {a: 1}',
      'datasets:\n  train: data/train.csv\nsensitiveColumns: [null, 3]',
      '{',
    ]) {
      assert.ok(Array.isArray(check('project', t, facts)));
    }
  });
});
