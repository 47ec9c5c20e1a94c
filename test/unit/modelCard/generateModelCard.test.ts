// Generating a model card from a real run of the penguins example: the numbers are the run's,
// the prose comes from the charter, and the card is valid against schemas/model-card.schema.json.
import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateModelCard } from '../../../src/core/modelCard/generateModelCard';
import { ModelCardError } from '../../../src/core/modelCard/modelCardError';
import type { RunData } from '../../../src/core/model/runTypes';
import { train } from '../../../src/core/model/train/train';
import { readCardSources } from '../../../src/core/modelCard/cardSources';
import { draftCard } from '../../../src/core/modelCard/draftCard';
import { CARS_SPEC, tempProject, testContext } from '../model/train/trainFixtures';
import { cardData, schemaProblems, trainedPenguins } from './cardFixtures';

describe('generateModelCard (new card)', () => {
  let project: Awaited<ReturnType<typeof trainedPenguins>>;
  let run: RunData;
  let text: string;
  before(async () => {
    project = await trainedPenguins('first');
    run = project.run;
    text = (await generateModelCard({ root: project.root, now: new Date('2026-01-02T03:04:05Z') })).text;
  });
  after(() => project.dispose());

  it('is valid against the model card schema', () => {
    assert.deepEqual(schemaProblems(text), []);
  });

  it('takes the numbers from the run: holdout and CV of the primary metric, KPI verdict, groups', () => {
    const card = cardData(text);
    const best = run.models.find((m) => m.name === run.bestModel)!;
    assert.deepEqual(card.generated, {
      runId: 'first',
      model: run.bestModel,
      generatedAt: '2026-01-02T03:04:05.000Z',
      generator: card.generated.generator,
      sources: ['docs/charter.yaml'],
    });
    const holdout = card.metrics.find((m) => m.type === run.primaryMetric && m.on === 'holdout')!;
    assert.equal(holdout.value, best.metrics.holdout![run.primaryMetric]);
    assert.equal(holdout.source, 'first');
    const kpi = run.kpis!.find((k) => k.metric === 'balanced_accuracy')!;
    assert.equal(holdout.threshold, 0.95);
    assert.equal(holdout.kpi, 'Correct identification');
    assert.equal(holdout.met, kpi.pass);
    const cv = card.metrics.find((m) => m.type === run.primaryMetric && m.on === 'cv')!;
    const recorded = best.metrics.cv![run.primaryMetric];
    assert.equal(cv.value, recorded.mean);
    assert.equal(cv.confidenceInterval!.lower, recorded.mean - 2 * recorded.std);
    assert.equal(cv.confidenceInterval!.upper, recorded.mean + 2 * recorded.std);
    const island = card.quantitativeAnalyses.find((a) => a.column === 'Island')!;
    const fair = run.fairness!.columns.find((c) => c.column === 'Island')!;
    assert.deepEqual(
      island.groups.map((g) => [g.group, g.count, g.metrics.balanced_accuracy]),
      fair.groups.map((g) => [g.group, g.count, g.metrics.balanced_accuracy]),
    );
    assert.equal(island.demographicParityDifference, fair.demographicParityDifference);
    assert.equal(card.trainingData.rows, run.rows.train);
    assert.equal(card.evaluationData.rows, run.rows.holdout);
    assert.deepEqual(
      card.modelParameters.features.map((f) => f.name),
      run.featureRationale.map((f) => f.feature),
    );
    assert.deepEqual(card.factors, [{ name: 'Island', evaluated: true }]);
  });

  it('drafts the prose from the charter and names the baseline comparison', () => {
    const card = cardData(text);
    assert.match(card.modelDetails.overview ?? '', /^Field teams on the Palmer Archipelago/);
    assert.deepEqual(
      card.intendedUse.primaryUses![0],
      'Identify the species of a measured penguin in the field, without a specialist.',
    );
    assert.match(card.intendedUse.primaryUsers![0], /^Colony monitoring lead/);
    assert.ok(
      card.caveatsAndRecommendations.some((c: string) => c.includes('baseline model "baseline"')),
      card.caveatsAndRecommendations.join('\n'),
    );
  });

  it('describes an older run when asked, and refuses an unknown one', async () => {
    await assert.rejects(
      generateModelCard({ root: project.root, run: 'nope' }),
      (e: unknown) => e instanceof ModelCardError && /No run "nope"/.test((e as Error).message),
    );
  });
});

describe("draftCard (what a run says about the model's limits)", () => {
  let project: Awaited<ReturnType<typeof trainedPenguins>>;
  before(async () => {
    project = await trainedPenguins('limits');
  });
  after(() => project.dispose());

  it("turns the charter's constraints, missed KPIs, worst slices and warnings into caveats", async () => {
    const sources = await readCardSources(project.root, 'limits');
    const run: RunData = {
      ...sources.run,
      kpis: [{ metric: 'balanced_accuracy', threshold: 0.999, value: 0.9, pass: false, name: 'Near perfect' }],
      errorAnalysis: {
        model: sources.run.bestModel,
        on: 'holdout',
        measure: 'error_rate',
        overallError: 0.05,
        worstRows: [],
        slices: [
          {
            feature: 'Island',
            description: 'Island = Dream',
            kind: 'category',
            count: 21,
            error: 0.2,
            overallError: 0.05,
          },
        ],
      },
      warnings: ['3 rows without a target were skipped.'],
    };
    const card = draftCard({
      ...sources,
      run,
      charter: {
        ...sources.charter,
        constraints: [{ kind: 'latency', description: 'An answer within a second on a tablet.' }, 'Runs offline.'],
      },
    });
    assert.deepEqual(
      card.caveatsAndRecommendations.filter((c) => !c.includes('baseline model')),
      [
        'Constraint: latency: An answer within a second on a tablet.',
        'Constraint: Runs offline.',
        'Misses the KPI "Near perfect" (balanced_accuracy 0.9, threshold 0.999).',
        'Weaker where Island = Dream (21 rows): error rate 20.0% vs 5.0% overall.',
        'Training warning: 3 rows without a target were skipped.',
      ],
    );
    const holdout = card.metrics.find((m) => m.on === 'holdout')!;
    assert.equal(holdout.met, false);
    assert.equal(holdout.threshold, 0.999);
  });
});

describe('generateModelCard (regression: examples/cars)', () => {
  it('describes a regression run, valid against the schema', async () => {
    const project = tempProject('cars', CARS_SPEC);
    try {
      rmSync(join(project.root, 'docs/model-card.yaml'), { force: true });
      const trained = await train({ root: project.root, runId: 'cars-run' }, testContext());
      const { text } = await generateModelCard({ root: project.root });
      assert.deepEqual(schemaProblems(text), []);
      const card = cardData(text);
      const best = trained.run.models.find((m) => m.name === trained.run.bestModel)!;
      assert.equal(card.modelParameters.task, 'regression');
      assert.equal(
        card.metrics.find((m) => m.on === 'holdout')?.value,
        best.metrics.holdout?.[trained.run.primaryMetric],
      );
      assert.ok(
        card.modelParameters.features.some((f) => f.name === 'Name' && !f.included && /identifier/.test(f.reason)),
      );
    } finally {
      project.dispose();
    }
  });
});
