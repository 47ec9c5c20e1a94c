// Regeneration keeps the user's work: prose, comments, order and edited machine values stay byte
// for byte, machine values the user left alone are refreshed from the new run, and a card with
// YAML errors is refused with its position.
import { strict as assert } from 'node:assert';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cardBaselinePath } from '../../../src/core/modelCard/modelCardFiles';
import { ModelCardError } from '../../../src/core/modelCard/modelCardError';
import { writeModelCard } from '../../../src/core/modelCard/writeModelCard';
import { generateModelCard } from '../../../src/core/modelCard/generateModelCard';
import type { RunData } from '../../../src/core/model/runTypes';
import { cardData, OTHER_SPEC, readCard, schemaProblems, trainAgain, trainedPenguins } from './cardFixtures';

const PROSE = '# Reviewed by the colony team, 2026.\n';

/** The user's edits of a generated card. */
function editCard(text: string): string {
  return (
    PROSE +
    text
      .replace(
        '  owners: []',
        '  owners:\n    - name: Colony monitoring team   # answers for the model\n      contact: "penguins@example.org"',
      )
      .replace('  outOfScope: []', '  outOfScope:\n    - Birds from outside the Palmer Archipelago.')
      .replace('  target: Species', "  target: 'Species (as logged)'")
      .replace(
        '    equalizedOddsDifference:',
        '    notes: Torgersen has only Adelie, so its gaps say little.\n    equalizedOddsDifference:',
      )
      .replace(
        'caveatsAndRecommendations:\n',
        'caveatsAndRecommendations:\n  - Re-measure birds whose beak ratio is unusual.\n',
      )
      .replace('\ngenerated:', '\nx-review: { by: Ana, on: "2026-02-01" }\n\ngenerated:')
  );
}

describe('regenerating a model card', () => {
  let project: Awaited<ReturnType<typeof trainedPenguins>>;
  let second: RunData;
  let edited: string;
  before(async () => {
    project = await trainedPenguins('first');
    await writeModelCard({ root: project.root });
    edited = editCard(readCard(project.root));
    writeFileSync(join(project.root, 'docs/model-card.yaml'), edited);
    second = await trainAgain(project.root, 'second', OTHER_SPEC);
  });
  after(() => project.dispose());

  it("keeps the user's lines byte for byte and refreshes the metrics of the new run", async () => {
    const result = await generateModelCard({ root: project.root, existingText: edited });
    const text = result.text;
    for (const line of [
      PROSE,
      '    - name: Colony monitoring team   # answers for the model\n      contact: "penguins@example.org"\n',
      '    - Birds from outside the Palmer Archipelago.\n',
      "  target: 'Species (as logged)'\n",
      '    notes: Torgersen has only Adelie, so its gaps say little.\n',
      '  - Re-measure birds whose beak ratio is unusual.\n',
      'x-review: { by: Ana, on: "2026-02-01" }\n',
    ]) {
      assert.ok(text.includes(line), `lost: ${line}`);
    }
    const card = cardData(text);
    const best = second.models.find((m) => m.name === second.bestModel)!;
    assert.equal(card.generated.runId, 'second');
    assert.equal(card.metrics.find((m) => m.on === 'holdout')!.value, best.metrics.holdout!.balanced_accuracy);
    assert.equal(card.metrics.find((m) => m.on === 'cv')!.value, best.metrics.cv!.balanced_accuracy.mean);
    assert.ok(card.metrics.every((m) => m.source === 'second'));
    assert.match(card.modelParameters.architecture, /^gaussian_nb/);
    assert.ok(card.modelParameters.features.some((f) => f.name === 'Sex' && f.included === false));
    // The edited machine value is the user's; the caveat of the old run made way for the new one.
    assert.equal(card.modelParameters.target, 'Species (as logged)');
    assert.ok(result.changes.includes('modelParameters.target: kept (edited by you)'), result.changes.join('\n'));
    assert.ok(
      !card.caveatsAndRecommendations.some(
        (c: string) => c.startsWith('forest ') || c.startsWith('logistic_regression '),
      ),
    );
    assert.ok(
      card.caveatsAndRecommendations.some((c: string) => c.startsWith('gaussian_nb ')),
      card.caveatsAndRecommendations.join('\n'),
    );
    assert.equal(card.quantitativeAnalyses[0].notes, 'Torgersen has only Adelie, so its gaps say little.');
    assert.deepEqual(schemaProblems(text), []);
  });

  it('without the baseline file, recognises its values by drafting the previous run again', async () => {
    rmSync(cardBaselinePath(project.root));
    const result = await generateModelCard({ root: project.root, existingText: edited, run: 'second' });
    const card = cardData(result.text);
    assert.equal(card.metrics[0].source, 'second');
    assert.equal(card.modelParameters.target, 'Species (as logged)');
  });

  it("treats a machine value holding the user's comment as theirs", async () => {
    const commented = edited.replace(
      'metrics:\n  - type:',
      'metrics:\n  # checked by hand against the report\n  - type:',
    );
    const result = await generateModelCard({ root: project.root, existingText: commented, run: 'second' });
    assert.ok(result.text.includes('metrics:\n  # checked by hand against the report\n  - type: balanced_accuracy\n'));
    assert.equal(cardData(result.text).metrics[0].source, 'first');
    assert.ok(result.changes.includes('metrics: kept (edited by you)'));
  });

  it('is a no-op when nothing changed', async () => {
    const once = await writeModelCard({ root: project.root, run: 'second' });
    const text = readCard(project.root);
    const again = await writeModelCard({ root: project.root, run: 'second' });
    assert.equal(once.written, true);
    assert.equal(again.written, false);
    assert.equal(readCard(project.root), text);
  });

  it('refuses a card with a YAML error and leaves it untouched', async () => {
    const broken = 'version: 1\nmodelDetails:\n  name: "unterminated\nmetrics: []\n';
    writeFileSync(join(project.root, 'docs/model-card.yaml'), broken);
    await assert.rejects(
      writeModelCard({ root: project.root }),
      (e: unknown) =>
        e instanceof ModelCardError &&
        e.file === 'docs/model-card.yaml' &&
        e.line !== undefined &&
        e.line >= 3 &&
        /not valid YAML/.test(e.message),
    );
    assert.equal(readCard(project.root), broken);
  });

  it('fills the template of "New Model Card" (flow mappings, empty strings) and appends missing sections', async () => {
    const template =
      '# Model card (sections of Google\'s Model Card Toolkit).\nmodelDetails: { name: "", version: "", owners: [] }\nintendedUse: { primaryUses: [], primaryUsers: [], outOfScope: [] }\nfactors: []\nmetrics: []\nevaluationData: ""\ntrainingData: ""\n';
    const result = await generateModelCard({
      root: project.root,
      existingText: template,
      run: 'second',
      baseline: { fields: {}, caveats: [] },
    });
    assert.ok(
      result.text.startsWith(
        '# Model card (sections of Google\'s Model Card Toolkit).\nversion: 1\nmodelDetails:\n  name: Penguin species\n  version: ""\n  owners: []\n',
      ),
      result.text.slice(0, 300),
    );
    const card = cardData(result.text);
    assert.equal(card.trainingData.path, 'data/train.csv');
    assert.ok(Array.isArray(card.quantitativeAnalyses) && card.generated.runId === 'second');
    assert.deepEqual(schemaProblems(result.text), []);
  });
});

describe('regenerating a card whose generated block is not last', () => {
  let project: Awaited<ReturnType<typeof trainedPenguins>>;
  before(async () => {
    project = await trainedPenguins('only');
  });
  after(() => project.dispose());

  it("keeps the user's header comment, moves the generated block to the end and appends the missing sections", async () => {
    const text =
      '# Our card, reviewed monthly.\ngenerated:\n  runId: old\n  generatedAt: "2024-05-01T10:00:00Z"\nversion: 1\nmodelDetails:\n  name: Penguin species classifier   # our name\n';
    const result = await generateModelCard({ root: project.root, existingText: text });
    assert.ok(
      result.text.startsWith(
        '# Our card, reviewed monthly.\nversion: 1\nmodelDetails:\n  name: Penguin species classifier   # our name\n',
      ),
      result.text.slice(0, 200),
    );
    const card = cardData(result.text);
    assert.equal(card.generated.runId, 'only');
    assert.equal(Object.keys(card).at(-1), 'generated');
    assert.equal(card.modelDetails.name, 'Penguin species classifier');
    assert.deepEqual(schemaProblems(result.text), []);
  });
});
