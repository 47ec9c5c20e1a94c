// The train job end to end on the example projects (temporary copies): the record's shape
// (baseline first, every model against it, best model, analysis, KPIs), the artifacts, that the
// same spec + data + seed give identical metrics, and that predict/evaluate reproduce the run.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tokenizeCsv } from '../../../../src/core/data/csvTokenizer';
import { readRecords } from '../../../../src/core/records';
import { computeMetrics } from '../../../../src/core/model/metrics';
import { evaluate } from '../../../../src/core/model/train/evaluate';
import { predict } from '../../../../src/core/model/train/predict';
import { train } from '../../../../src/core/model/train/train';
import type { TrainResult } from '../../../../src/core/model/train/trainTypes';
import { compareWithBaseline } from '../../../../src/core/lifecycle/runSummary';
import { CARS_SPEC, PENGUINS_SPEC, tempProject, testContext } from './trainFixtures';

describe('train on penguins (classification)', () => {
  let project: ReturnType<typeof tempProject>;
  let first: TrainResult;
  let ctx: ReturnType<typeof testContext>;
  before(async () => {
    project = tempProject('penguins', PENGUINS_SPEC);
    ctx = testContext();
    first = await train({ root: project.root, runId: 'run-a' }, ctx);
  });
  after(() => project.dispose());

  it('trains the baseline first, then every model, each compared with the baseline', () => {
    const run = first.run;
    assert.equal(run.task, 'classification');
    assert.deepEqual(run.classes, ['Adelie', 'Chinstrap', 'Gentoo']);
    assert.equal(run.primaryMetric, 'balanced_accuracy');
    assert.equal(run.holdoutSource, 'file');
    assert.deepEqual(
      run.models.map((m) => [m.name, m.baseline]),
      [
        ['baseline', true],
        ['logistic_regression', false],
        ['forest', false],
      ],
    );
    for (const m of run.models) assert.equal(m.error, undefined, `${m.name}: ${m.error}`);
    const baseline = run.models[0];
    assert.ok(
      Math.abs(baseline.metrics.holdout!.balanced_accuracy - 1 / 3) < 1e-12,
      'the prior baseline scores 1/3 balanced accuracy',
    );
    for (const m of run.models.slice(1)) {
      assert.equal(m.metrics.cv!.balanced_accuracy.folds.length, 3);
      assert.ok(m.metrics.cv!.balanced_accuracy.mean > 0.9);
      assert.ok(m.metrics.holdout!.balanced_accuracy > 0.9);
      assert.equal(m.vsBaseline?.baseline, 'baseline');
      assert.equal(m.vsBaseline?.beats, true);
      assert.ok(
        Math.abs(
          m.vsBaseline!.delta - (m.metrics.holdout!.balanced_accuracy - baseline.metrics.holdout!.balanced_accuracy),
        ) < 1e-12,
      );
      assert.equal(m.evaluation?.on, 'holdout');
      assert.equal(m.evaluation?.rows, run.rows.holdout);
    }
    assert.ok(['logistic_regression', 'forest'].includes(run.bestModel));
    assert.equal(first.outcome, run.kpis!.every((k) => k.pass) ? 'pass' : 'fail');
  });

  it('records analysis of the best model, the KPIs, the spec, the environment and timings', () => {
    const run = first.run;
    assert.equal(run.errorAnalysis?.model, run.bestModel);
    assert.deepEqual(
      run.fairness?.columns.map((c) => c.column),
      ['Island'],
    );
    assert.equal(run.featureImportance?.method, 'permutation');
    assert.ok(run.featureImportance!.features.length >= 5);
    assert.deepEqual(
      run.kpis?.map((k) => [k.metric, k.threshold]),
      [['balanced_accuracy', 0.95]],
    );
    assert.ok(run.featureRationale.length > 0 && run.selectedFeatures.length > 0);
    assert.equal(run.spec.split.folds, 3);
    assert.equal(run.seed, 42);
    assert.match(run.environment.node, /^v\d+/);
    assert.ok(run.timings.totalMs >= run.timings.loadMs);
    assert.ok(ctx.progress.some((p) => /^Fold 2\/3 · forest$/.test(p.message ?? '')));
    const fractions = ctx.progress.map((p) => p.fraction ?? 0);
    assert.deepEqual(
      fractions,
      [...fractions].sort((a, b) => a - b),
      'progress never goes back',
    );
  });

  it('writes the record and one artifact per model, readable by the sidebar', async () => {
    const { records } = await readRecords(project.root, 'run');
    assert.equal(records.length, 1);
    const record = records[0];
    assert.equal(record.name, 'run-a');
    assert.equal(first.recordPath, '.mlcycle/runs/run-a.json');
    assert.deepEqual(
      record.inputs.map((i) => i.path),
      ['data/train.csv', 'data/holdout.csv', 'pipeline.yaml', 'docs/charter.yaml'],
    );
    assert.equal(record.outcome, first.outcome);
    assert.ok(record.summary?.includes('balanced_accuracy'));
    const comparison = compareWithBaseline(record.data);
    assert.equal(comparison?.beats, true);
    assert.deepEqual(readdirSync(join(project.root, '.mlcycle/runs')).sort(), ['run-a', 'run-a.json']);
    for (const m of first.run.models) {
      assert.equal(m.artifact, `.mlcycle/runs/run-a/${m.name}.model.json`);
      const artifact = JSON.parse(readFileSync(join(project.root, m.artifact!), 'utf8'));
      assert.equal(artifact.formatVersion, 1);
      assert.deepEqual(artifact.classes, ['Adelie', 'Chinstrap', 'Gentoo']);
      assert.ok(artifact.inputs.some((i: { name: string }) => i.name === 'Island'));
    }
  });

  it('gives identical metrics for the same spec, data and seed', async () => {
    const second = await train({ root: project.root, runId: 'run-b' }, testContext());
    assert.deepEqual(
      second.run.models.map((m) => m.metrics),
      first.run.models.map((m) => m.metrics),
    );
    assert.deepEqual(second.run.featureImportance, first.run.featureImportance);
  });

  it('predicts exactly what the run measured on the holdout', async () => {
    mkdirSync(join(project.root, 'out'));
    const result = await predict(
      { root: project.root, model: 'run-a', data: 'data/holdout.csv', out: 'out/predictions.csv' },
      testContext(),
    );
    assert.equal(result.model, first.run.bestModel);
    assert.deepEqual(result.columns, ['prediction', 'proba_Adelie', 'proba_Chinstrap', 'proba_Gentoo']);
    const rows = tokenizeCsv(readFileSync(join(project.root, 'out/predictions.csv'), 'utf8'))
      .filter((r) => r.fields.length > 0)
      .slice(1);
    const holdout = tokenizeCsv(readFileSync(join(project.root, 'data/holdout.csv'), 'utf8'))
      .filter((r) => r.fields.length > 0)
      .slice(1);
    assert.equal(rows.length, holdout.length);
    const classes = ['Adelie', 'Chinstrap', 'Gentoo'];
    const y = Int32Array.from(holdout, (r) => classes.indexOf(r.fields[0]));
    const proba = Float64Array.from(rows.flatMap((r) => r.fields.slice(1).map(Number)));
    const metrics = computeMetrics({ task: 'classification', classes, y }, { task: 'classification', proba });
    const best = first.run.models.find((m) => m.name === first.run.bestModel)!;
    assert.deepEqual(metrics, best.metrics.holdout);
    assert.deepEqual(
      rows.map((r) => r.fields[0]),
      Array.from(
        rows,
        (r) => classes[[1, 2, 3].reduce((b, c) => (Number(r.fields[c]) > Number(r.fields[b]) ? c : b), 1) - 1],
      ),
    );
  });

  it('evaluates a model of the run on the holdout and records it', async () => {
    const result = await evaluate({ root: project.root, run: 'run-a', model: 'logistic_regression' }, testContext());
    const model = first.run.models.find((m) => m.name === 'logistic_regression')!;
    assert.deepEqual(result.evaluation.metrics, model.metrics.holdout);
    assert.equal(result.recordPath, '.mlcycle/runs/run-a/evaluations/logistic_regression--holdout.json');
    assert.ok(existsSync(join(project.root, result.recordPath)));
    assert.equal(result.kpis?.[0].metric, 'balanced_accuracy');
    assert.ok(result.fairness && result.errorAnalysis);
  });

  it('trains only the chosen models (and the baseline) with models: [...]', async () => {
    const only = await train({ root: project.root, runId: 'run-c', models: ['forest'] }, testContext());
    assert.deepEqual(
      only.run.models.map((m) => m.name),
      ['baseline', 'forest'],
    );
  });
});

describe('train on cars (regression, holdout split off the training file)', () => {
  let project: ReturnType<typeof tempProject>;
  before(() => {
    project = tempProject('cars', CARS_SPEC.replace('split: { folds: 3 }', 'split: { folds: 3, holdout: 0.25 }'));
    const projectFile = join(project.root, 'mlcycle.yaml');
    writeFileSync(projectFile, readFileSync(projectFile, 'utf8').replace(/^  holdout: .*\n/m, ''));
  });
  after(() => project.dispose());

  it('trains, beats the mean baseline on rmse, and evaluates the same split again', async () => {
    const result = await train({ root: project.root, runId: 'cars-1' }, testContext());
    const run = result.run;
    assert.equal(run.primaryMetric, 'rmse');
    assert.equal(run.holdoutSource, 'split');
    assert.equal(run.rows.holdout + run.rows.train <= 253, true);
    assert.deepEqual(
      run.models.map((m) => m.baseline),
      [true, false, false],
    );
    for (const m of run.models) assert.equal(m.error, undefined, `${m.name}: ${m.error}`);
    for (const m of run.models.slice(1)) {
      assert.equal(m.vsBaseline?.beats, true);
      assert.ok(m.vsBaseline!.delta < 0, 'lower rmse is better');
      assert.ok(m.metrics.holdout!.r2 > 0.6);
    }
    assert.equal(run.kpis, undefined, 'cars has no charter');
    assert.equal(result.outcome, 'pass');
    const again = await evaluate({ root: project.root, model: run.bestModel }, testContext());
    assert.equal(again.data, 'the holdout split of data/train.csv');
    const best = run.models.find((m) => m.name === run.bestModel)!;
    assert.deepEqual(again.evaluation.metrics, best.metrics.holdout);
  });
});
