// The evaluation and compare payloads built from run records: the record's summaries carried
// over unchanged where small, capped where they could grow with the data (curves, regression
// points, worst rows, slices) with each cut named, an evaluation on another file shown for its
// model, and the comparison refusing what cannot be compared. Plus the pure helpers the pages use.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  ClassificationEvaluation,
  RegressionEvaluation,
} from '../../../src/core/model/evaluation/evaluationTypes';
import { greaterIsBetter as lifecycleGreaterIsBetter } from '../../../src/core/lifecycle/runSummary';
import { buildCompareReport, COMPARE_LIMITS } from '../../../src/extension/runs/comparePayload';
import { buildEvaluationReport, PAYLOAD_LIMITS, thinCurve } from '../../../src/extension/runs/evaluationPayload';
import { bestModelOf, isRunRecord, runOutcome, runRecordsOf } from '../../../src/extension/runs/runRecords';
import { isReportPayload } from '../../../src/protocol/webview';
import {
  bestIndices,
  formatDelta,
  formatMetric,
  greaterIsBetter,
  METRIC_LABELS,
  normaliseRows,
  orderModels,
  quartiles,
  thresholdPoint,
} from '../../../webview/evaluation/metrics';
import { classificationEvaluation, classificationRun, curvesOf, PROJECT, regressionRun } from './runFixtures';

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('evaluation payload', () => {
  it('carries the run without its spec, with the header facts the page names', () => {
    const record = classificationRun();
    const report = buildEvaluationReport({ record, project: PROJECT, generatedAt: '2026-11-26T10:00:00.000Z' });
    assert.equal(report.kind, 'evaluation');
    assert.ok(isReportPayload(report));
    assert.equal('spec' in report.run, false, 'the full spec stays in the record');
    assert.equal(report.run.runId, record.data.runId);
    assert.equal(report.run.recordPath, `.mlcycle/runs/${record.data.runId}.json`);
    assert.deepEqual(report.run.split, { kind: 'stratified', folds: 5, holdoutFraction: 0 });
    assert.deepEqual(report.run.data, { train: 'data/train.csv', holdout: 'data/holdout.csv' });
    assert.equal(report.run.createdAt, record.createdAt);
    assert.deepEqual(
      report.omitted,
      ['the 50 worst rows of 60 are listed'],
      'a small run loses only rows past the 50 worst',
    );
  });

  it('caps what grows with the data and says what it left out', () => {
    const record = classificationRun({ rows: 3000 });
    const report = buildEvaluationReport({ record, project: PROJECT });
    const evaluation = report.run.models[1].evaluation as ClassificationEvaluation;
    const original = record.data.models[1].evaluation as ClassificationEvaluation;
    assert.ok(original.roc[0].x.length > PAYLOAD_LIMITS.curvePoints, 'the fixture has long curves');
    for (const curve of [...evaluation.roc, ...evaluation.pr]) {
      assert.ok(curve.x.length <= PAYLOAD_LIMITS.curvePoints);
      assert.equal(curve.x.length, curve.y.length);
      assert.equal(curve.x.length, curve.thresholds.length);
    }
    // The ends of a curve survive thinning, and the area is the record's, not recomputed.
    assert.deepEqual(
      [evaluation.roc[0].x[0], evaluation.roc[0].x.at(-1)],
      [original.roc[0].x[0], original.roc[0].x.at(-1)],
    );
    assert.equal(evaluation.roc[0].area, original.roc[0].area);
    assert.equal(report.run.errorAnalysis?.worstRows.length, PAYLOAD_LIMITS.worstRows);
    // The worst rows kept are the worst ones.
    const losses = report.run.errorAnalysis!.worstRows.map((r) => r.loss);
    assert.deepEqual(
      losses,
      [...losses].sort((a, b) => b - a),
    );
    assert.ok(report.omitted?.some((o) => /ROC and PR curves/.test(o)));
    assert.ok(report.omitted?.some((o) => /worst rows of 60/.test(o)));
    assert.ok(bytes(report) < 250_000, `payload ${bytes(report)} bytes`);
    assert.ok(bytes(report) < bytes(record) / 2, 'much smaller than the record');
  });

  it('thins regression points evenly and keeps actual and predicted paired', () => {
    const record = regressionRun({ rows: 5000 });
    const report = buildEvaluationReport({ record, project: { ...PROJECT, task: 'regression' } });
    const evaluation = report.run.models[1].evaluation as RegressionEvaluation;
    const original = record.data.models[1].evaluation as RegressionEvaluation;
    assert.equal(evaluation.points.actual.length, PAYLOAD_LIMITS.points);
    const first = original.points.actual.indexOf(evaluation.points.actual[10]);
    assert.equal(evaluation.points.predicted[10], original.points.predicted[first]);
    assert.deepEqual(evaluation.residualHistogram, original.residualHistogram, 'the histogram is of every point');
    assert.ok(report.omitted?.some((o) => /1000 evenly spaced points/.test(o)));
  });

  it('shows an evaluation on another file for its model and keeps the others', () => {
    const record = classificationRun();
    const evaluation = classificationEvaluation(['Adelie', 'Chinstrap', 'Gentoo'], 33, 0.5, 99);
    const report = buildEvaluationReport({
      record,
      project: PROJECT,
      evaluated: {
        runId: record.data.runId,
        model: 'forest',
        data: 'data/current.csv',
        evaluation,
        recordPath: '.mlcycle/evaluations/x.json',
      },
    });
    assert.deepEqual(report.evaluatedOn, {
      model: 'forest',
      data: 'data/current.csv',
      recordPath: '.mlcycle/evaluations/x.json',
    });
    assert.equal(report.run.models.find((m) => m.name === 'forest')?.evaluation?.rows, 33);
    assert.equal(report.run.models.find((m) => m.name === 'logistic')?.evaluation?.rows, 90);
    assert.equal(report.run.errorAnalysis, undefined, "the run's analyses were of another model on other data");
    assert.throws(
      () =>
        buildEvaluationReport({
          record,
          project: PROJECT,
          evaluated: { runId: 'x', model: 'nope', data: 'd', evaluation, recordPath: 'r' },
        }),
      /has no model "nope"/,
    );
  });

  it('thinCurve keeps short curves as they are', () => {
    const { roc } = curvesOf('a', [0.9, 0.8, 0.3], [true, false, false]);
    assert.equal(thinCurve(roc), roc);
    assert.equal(roc.area, 1);
  });
});

describe('run records', () => {
  it('recognises run records and orders them newest first', () => {
    const a = classificationRun({ runId: 'a', createdAt: '2026-01-01T00:00:00.000Z' });
    const b = classificationRun({ runId: 'b', createdAt: '2026-02-01T00:00:00.000Z' });
    const broken = { ...a, name: 'broken', data: { runId: 'broken' } };
    const profile = { ...a, kind: 'profile' as const };
    assert.deepEqual(
      runRecordsOf([a, broken as never, b, profile as never]).map((r) => r.name),
      ['b', 'a'],
    );
    assert.equal(isRunRecord(broken as never), false);
  });

  it('derives pass / fail from the KPIs, else from the baseline comparison', () => {
    const run = classificationRun().data;
    assert.equal(bestModelOf(run)?.name, 'logistic');
    assert.equal(runOutcome(run), 'fail', 'log loss misses its KPI');
    assert.equal(runOutcome({ ...run, kpis: run.kpis!.slice(0, 1) }), 'pass');
    assert.equal(runOutcome({ ...run, kpis: [] }), 'pass', 'beats the baseline');
    const models = run.models.map((m) => (m.vsBaseline ? { ...m, vsBaseline: { ...m.vsBaseline, beats: false } } : m));
    assert.equal(runOutcome({ ...run, models, kpis: undefined }), 'fail', 'does not beat the baseline');
    assert.equal(
      runOutcome({ ...run, models: run.models.map((m) => ({ ...m, vsBaseline: undefined })), kpis: undefined }),
      undefined,
    );
  });
});

describe('compare payload', () => {
  it('puts runs oldest first with each model judged by holdout, and curves of the best model', () => {
    const newer = classificationRun({ runId: 'new', createdAt: '2026-03-01T00:00:00.000Z' });
    const older = classificationRun({ runId: 'old', createdAt: '2026-01-01T00:00:00.000Z', skill: 0.5 });
    const report = buildCompareReport([newer, older], PROJECT, '2026-03-02T00:00:00.000Z');
    assert.ok(isReportPayload(report));
    assert.deepEqual(
      report.runs.map((r) => r.runId),
      ['old', 'new'],
    );
    const run = report.runs[1];
    assert.equal(run.bestModel, 'logistic');
    const logistic = run.models.find((m) => m.name === 'logistic')!;
    assert.equal(logistic.on, 'holdout');
    assert.equal(logistic.metrics.balanced_accuracy, newer.data.models[1].metrics.holdout?.balanced_accuracy);
    assert.equal(run.models.find((m) => m.name === 'knn')?.error !== undefined, true);
    assert.equal(run.roc?.length, 3, 'one ROC curve per class of the best model');
    assert.ok(run.roc!.every((c) => c.x.length <= COMPARE_LIMITS.curvePoints));
    assert.equal(run.kpisPass, false);
  });

  it('uses cross-validated means when a model has no holdout, and points for regression', () => {
    const a = regressionRun({ runId: 'a', createdAt: '2026-01-01T00:00:00.000Z' });
    const b = regressionRun({ runId: 'b', createdAt: '2026-01-02T00:00:00.000Z', rows: 2000 });
    b.data.models[1].metrics.holdout = undefined;
    const report = buildCompareReport([a, b], PROJECT);
    const boosting = report.runs[1].models[1];
    assert.equal(boosting.on, 'cv');
    assert.equal(boosting.metrics.rmse, b.data.models[1].metrics.cv?.rmse.mean);
    assert.equal(report.runs[1].points?.actual.length, COMPARE_LIMITS.points);
  });

  it('refuses fewer than two runs and runs of different tasks', () => {
    assert.throws(() => buildCompareReport([classificationRun()], PROJECT), /at least two runs; one was given/);
    assert.throws(
      () => buildCompareReport([classificationRun({ runId: 'a' }), regressionRun({ runId: 'b' })], PROJECT),
      /different tasks/,
    );
  });
});

describe('metric helpers of the pages', () => {
  it('agree with the lifecycle on which way each metric is better', () => {
    for (const metric of [...Object.keys(METRIC_LABELS), 'neg_log_loss_x', 'mean_absolute_error']) {
      assert.equal(greaterIsBetter(metric), lifecycleGreaterIsBetter(metric), metric);
    }
  });

  it('formats values, deltas and missing values', () => {
    assert.equal(formatMetric(0.95123), '0.9512');
    assert.equal(formatMetric(12.345), '12.35');
    assert.equal(formatMetric(1234.5), '1,235');
    assert.equal(formatMetric(undefined), '—');
    assert.equal(formatMetric(Number.NaN), '—');
    assert.equal(formatDelta(0.0312), '+0.0312');
    assert.equal(formatDelta(-0.012), '−0.0120');
  });

  it('orders baselines first, then best first on the primary metric, failures last', () => {
    const run = classificationRun().data;
    assert.deepEqual(
      orderModels(run.models, 'balanced_accuracy').map((m) => m.name),
      ['majority', 'logistic', 'forest', 'knn'],
    );
    const reg = regressionRun().data;
    const worse = { ...reg.models[1], name: 'worse', metrics: { holdout: { rmse: 100 } } };
    assert.deepEqual(
      orderModels([worse, ...reg.models], 'rmse').map((m) => m.name),
      ['mean', 'boosting', 'worse'],
    );
  });

  it('normalises the confusion matrix by true class and reads the threshold sweep', () => {
    assert.deepEqual(
      normaliseRows([
        [3, 1],
        [0, 0],
      ]),
      [
        [0.75, 0.25],
        [0, 0],
      ],
    );
    const evaluation = classificationEvaluation(['no', 'yes'], 200, 0.6, 3);
    const analysis = evaluation.threshold!;
    const point = thresholdPoint(analysis, 0.504)!;
    assert.equal(point.threshold, 0.5);
    const i = analysis.thresholds.indexOf(0.5);
    assert.deepEqual(
      [point.precision, point.recall, point.f1],
      [analysis.precision[i], analysis.recall[i], analysis.f1[i]],
    );
    assert.ok(Math.abs(point.f1 - (2 * point.precision * point.recall) / (point.precision + point.recall)) < 1e-12);
  });

  it('finds the best of a row with ties, and quartiles like numpy', () => {
    assert.deepEqual(bestIndices([0.9, 0.95, undefined, 0.95], 'accuracy'), [1, 3]);
    assert.deepEqual(bestIndices([3.1, 2.9, 4], 'rmse'), [1]);
    assert.deepEqual(bestIndices([undefined], 'rmse'), []);
    assert.deepEqual(quartiles([1, 2, 3, 4]), { min: 1, q1: 1.75, median: 2.5, q3: 3.25, max: 4 });
  });
});
