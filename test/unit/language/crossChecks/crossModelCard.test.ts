// The model card's cross-file checks against a real run record (a fast run trained on a copy of
// examples/penguins): metrics that disagree with the run beyond the card's rounding (both numbers
// and the run named, "Update to" fixes), unknown run ids, a card that names no run.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gatherWorkspaceFacts } from '../../../../src/core/language/workspaceFacts';
import type { WorkspaceFacts } from '../../../../src/core/language/languageTypes';
import type { RunData } from '../../../../src/core/model/runTypes';
import { train } from '../../../../src/core/model/train/train';
import { generateModelCard } from '../../../../src/core/modelCard/generateModelCard';
import { PENGUINS_SPEC, testContext } from '../../model/train/trainFixtures';
import { applyPreferredFixes, check, tempProject } from './crossFixtures';

describe('model card cross-file checks (penguins, a real run)', () => {
  let project: ReturnType<typeof tempProject>;
  let facts: WorkspaceFacts;
  let run: RunData;
  let holdout: number;
  let cv: number;
  before(async () => {
    project = tempProject('penguins', PENGUINS_SPEC);
    await train({ root: project.root, runId: 'run-card' }, testContext());
    facts = await gatherWorkspaceFacts(project.root);
    run = facts.runs[0];
    const model = run.models.find((m) => m.name === run.bestModel)!;
    holdout = model.metrics.holdout!.balanced_accuracy;
    cv = model.metrics.cv!.balanced_accuracy.mean;
  });
  after(() => project.dispose());

  /** A card in the schema's shape (generated.runId, metrics [{type, value, on, source}]). */
  const card = (runId: string, value: string, extra = '') => `version: 1
generated:
  runId: ${runId}
  generatedAt: "2024-05-01T10:00:00Z"
modelDetails:
  name: Penguin species classifier
metrics:
  - type: balanced_accuracy
    value: ${value}
    on: holdout
    source: ${runId}
${extra}`;

  it('reads the run record from the facts', () => {
    assert.equal(run.runId, 'run-card');
    assert.ok(holdout > 0.5 && cv > 0.5);
  });

  it("accepts values equal to the run within the card's rounding", () => {
    assert.deepEqual(check('modelCard', card('run-card', holdout.toFixed(2)), facts), []);
    assert.deepEqual(check('modelCard', card('run-card', String(holdout)), facts), []);
  });

  it('reports a metric that disagrees with its run, naming both numbers and the run; the fix makes it agree', () => {
    const wrong = (holdout - 0.1).toFixed(3);
    const text = card('run-card', wrong);
    const diagnostics = check('modelCard', text, facts);
    assert.equal(diagnostics.length, 1);
    const [d] = diagnostics;
    assert.equal(d.code, 'card-metric-mismatch');
    assert.equal(d.covers, wrong);
    assert.deepEqual(d.start, { line: 9, column: 12 });
    assert.ok(
      d.message.includes(wrong) &&
        d.message.includes('run-card') &&
        d.message.includes(Number(holdout.toFixed(4)).toString()),
      d.message,
    );
    assert.match(d.fixes![0].title, /^Update to /);
    assert.deepEqual(check('modelCard', applyPreferredFixes(text, diagnostics), facts), []);
  });

  it('compares a cv value with the cross-validated mean', () => {
    const text = card('run-card', cv.toFixed(4)).replace('on: holdout', 'on: cv');
    assert.deepEqual(check('modelCard', text, facts), []);
    if (Math.abs(cv - holdout) > 0.001) {
      const swapped = card('run-card', holdout.toFixed(4)).replace('on: holdout', 'on: cv');
      assert.equal(check('modelCard', swapped, facts)[0]?.code, 'card-metric-mismatch');
    }
  });

  it("reads the generator's shape too (generated.run, metrics [{name, holdout, cv: {mean}}])", () => {
    const text = `version: 1\ngenerated:\n  run: run-card\nmodelDetails: { name: x }\nmetrics:\n  - name: balanced_accuracy\n    holdout: ${holdout.toFixed(4)}\n    cv: { mean: 0.1, std: 0.01 }\n`;
    const diagnostics = check('modelCard', text, facts);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.covers]),
      [['card-metric-mismatch', '0.1']],
    );
    assert.deepEqual(check('modelCard', applyPreferredFixes(text, diagnostics), facts), []);
  });

  it('reports a run id that has no record, offering the newest run', () => {
    const diagnostics = check('modelCard', card('run-gone', '0.9'), facts);
    // Once, on generated.runId: the metric's source names the same run.
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.covers, d.start.line]),
      [['unknown-run', 'run-gone', 3]],
    );
    assert.match(diagnostics[0].message, /no run "run-gone".*the newest is run-card/);
    assert.equal(diagnostics[0].fixes?.[0].preferred, false);
  });

  it('reports a metric the run did not record, and an unknown model', () => {
    const rmse = card('run-card', '0.5').replace('type: balanced_accuracy', 'type: rmse');
    const [d] = check('modelCard', rmse, facts);
    assert.equal(d.code, 'card-metric-mismatch');
    assert.match(d.message, /Run run-card recorded no holdout rmse for model /);
    const text = card('run-card', '0.5').replace('  generatedAt', '  model: gbm\n  generatedAt');
    assert.deepEqual(
      check('modelCard', text, facts).map((x) => [x.code, x.covers]),
      [['unknown-model', 'gbm']],
    );
  });

  it('gives an information when the card names no run', () => {
    const text = 'version: 1\nmodelDetails: { name: x }\nmetrics:\n  - type: accuracy\n    value: 0.9\n';
    const diagnostics = check('modelCard', text, facts);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.covers]),
      [['card-no-run', 'information', 'metrics']],
    );
  });

  it('finds nothing wrong in the card "Generate Model Card" writes, and catches an edited value in it', async () => {
    const { text } = await generateModelCard({ root: project.root, run: 'run-card' });
    assert.deepEqual(check('modelCard', text, facts), []);
    const edited = text.replace(/(type: balanced_accuracy\n\s+value: )([0-9.]+)/, '$10.123');
    assert.notEqual(edited, text);
    const diagnostics = check('modelCard', edited, facts);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.covers]),
      [['card-metric-mismatch', '0.123']],
    );
    assert.deepEqual(check('modelCard', applyPreferredFixes(edited, diagnostics), facts), []);
  });

  it('never throws on a broken card', () => {
    for (const text of [
      '',
      'metrics: 5',
      'generated: [1]\nmetrics: [null, 3, {type: 5, value: x}]',
      'generated: {runId: run-card, model: 7}\nmetrics: [{type: balanced_accuracy, value: "0.5", cv: 3}]',
      'metrics:\n  - {',
    ]) {
      assert.ok(Array.isArray(check('modelCard', text, facts)));
    }
  });
});
