// The charter's cross-file checks on a copy of examples/penguins (classification) and cars
// (regression): KPI metrics the task lacks, typos with "did you mean", the target against the
// training data's columns, the task against mlcycle.yaml; fixes give a clean charter.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gatherWorkspaceFacts } from '../../../../src/core/language/workspaceFacts';
import type { WorkspaceFacts } from '../../../../src/core/language/languageTypes';
import type { RunData } from '../../../../src/core/model/runTypes';
import { applyPreferredFixes, check, read, tempProject } from './crossFixtures';

/** The charter with a top-level `key: value` set (replaced when present, else added); undefined removes it. */
function withKey(text: string, key: string, value: string | undefined): string {
  const line = new RegExp(`^${key}:.*\\n`, 'm');
  const entry = value === undefined ? '' : `${key}: ${value}\n`;
  return line.test(text) ? text.replace(line, entry) : text + entry;
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('charter cross-file checks (penguins, classification)', () => {
  let project: ReturnType<typeof tempProject>;
  let facts: WorkspaceFacts;
  let charter: string;
  before(async () => {
    project = tempProject('penguins');
    facts = await gatherWorkspaceFacts(project.root);
    charter = read(project.root, 'docs/charter.yaml');
  });
  after(() => project.dispose());

  it('says nothing about the example charter', () => {
    assert.deepEqual(check('charter', charter, facts), []);
  });

  it('reports a regression metric in a KPI of a classification project, on the metric', () => {
    const text = charter.replace('metric: balanced_accuracy', 'metric: rmse');
    const [d, ...rest] = check('charter', text, facts);
    assert.equal(rest.length, 0);
    assert.equal(d.code, 'unknown-metric');
    assert.equal(d.severity, 'error');
    assert.equal(d.covers, 'rmse');
    assert.deepEqual(d.start, { line: lineOf(text, 'metric: rmse'), column: 13 });
    assert.match(d.message, /regression metric, but the (project|charter)'s task is classification/);
    assert.match(d.message, /balanced_accuracy/);
  });

  it('offers the nearest metric for a typo, keeping the quotes; the fix gives a clean charter', () => {
    const text = charter.replace('metric: balanced_accuracy', 'metric: "balanced_acuracy"');
    const diagnostics = check('charter', text, facts);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].covers, '"balanced_acuracy"');
    assert.match(diagnostics[0].message, /Did you mean "balanced_accuracy"\?/);
    const fixed = applyPreferredFixes(text, diagnostics);
    assert.match(fixed, /metric: "balanced_accuracy"/);
    assert.deepEqual(check('charter', fixed, facts), []);
  });

  it('reports a target that is not a column of the training data, with the nearest column', () => {
    const text = withKey(charter, 'target', 'species');
    const [d] = check('charter', text, facts);
    assert.equal(d.code, 'unknown-column');
    assert.equal(d.covers, 'species');
    assert.match(d.message, /"species" is not a column of data\/train\.csv\. Did you mean "Species"\?/);
    assert.deepEqual(check('charter', applyPreferredFixes(text, [d]), facts), []);
  });

  it("reports a target that is a column but not the project's target", () => {
    const text = withKey(charter, 'target', 'Island');
    const [d] = check('charter', text, facts);
    assert.equal(d.code, 'target-mismatch');
    assert.equal(d.covers, 'Island');
    assert.deepEqual(check('charter', applyPreferredFixes(text, [d]), facts), []);
  });

  it("reports a charter task that disagrees with mlcycle.yaml and judges KPIs by the charter's own task", () => {
    const text = withKey(charter, 'task', 'regression');
    const diagnostics = check('charter', text, facts);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.covers]),
      [
        ['task-mismatch', 'regression'],
        ['unknown-metric', 'balanced_accuracy'],
      ],
    );
    assert.match(diagnostics[1].message, /classification metric, but the charter's task is regression/);
    assert.deepEqual(check('charter', applyPreferredFixes(text, diagnostics), facts), []);
  });

  it('warns about a binary-only metric when the runs show more than two classes', () => {
    const run = {
      runId: 'r1',
      task: 'classification',
      classes: ['Adelie', 'Chinstrap', 'Gentoo'],
      models: [],
    } as unknown as RunData;
    const text = charter.replace('metric: balanced_accuracy', 'metric: f1');
    const [d] = check('charter', text, { ...facts, runs: [run] });
    assert.equal(d.severity, 'warning');
    assert.equal(d.covers, 'f1');
    assert.match(d.message, /3 classes/);
    assert.match(applyPreferredFixes(text, [d]), /metric: f1_macro/);
    assert.deepEqual(
      check('charter', text, facts),
      [],
      'without runs the class count is unknown: f1 is a classification metric',
    );
  });

  it('checks names against every metric when no task is known, and says nothing without data', () => {
    const bare: WorkspaceFacts = { root: project.root, datasetColumns: {}, runs: [], documents: {} };
    const taskless = withKey(charter, 'task', undefined);
    assert.deepEqual(
      check(
        'charter',
        withKey(taskless.replace('metric: balanced_accuracy', 'metric: rmse'), 'target', 'whatever'),
        bare,
      ),
      [],
    );
    const [d] = check('charter', taskless.replace('metric: balanced_accuracy', 'metric: r2_scor'), bare);
    assert.equal(d.code, 'unknown-metric');
    assert.match(d.message, /Did you mean "r2"\?|not a metric/);
  });

  it('never throws on a broken charter', () => {
    for (const text of [
      '',
      'kpis: [',
      'kpis: 3',
      '- a\n- b',
      'kpis:\n  - metric: [1, 2]\n  - null\ntarget: 5\ntask: 7',
      ': : :',
    ]) {
      assert.ok(Array.isArray(check('charter', text, facts)));
    }
  });
});

describe('charter cross-file checks (cars, regression)', () => {
  let project: ReturnType<typeof tempProject>;
  let facts: WorkspaceFacts;
  before(async () => {
    project = tempProject('cars');
    facts = await gatherWorkspaceFacts(project.root);
  });
  after(() => project.dispose());

  it('reports a classification KPI in a regression project and accepts rmse', () => {
    const text =
      'kpis:\n  - name: Error\n    metric: rmse\n    threshold: 4\n  - name: Hits\n    metric: accuracy\n    threshold: 0.9\ntarget: Miles_per_Gallon\n';
    const diagnostics = check('charter', text, facts);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.covers, d.start.line]),
      [['unknown-metric', 'accuracy', 6]],
    );
    assert.match(diagnostics[0].message, /classification metric, but the project's task is regression/);
  });
});
