// Run records built from the run types for the report's tests, before (and independently of)
// the training job: predictions drawn from a seeded generator, and every curve, matrix and
// metric in them computed here from those predictions (ROC / PR by sorting scores, a confusion
// matrix by counting), so the numbers the report shows are consistent with each other.
import type {
  ClassificationEvaluation,
  Curve,
  ErrorAnalysis,
  FairnessReport,
  FeatureImportance,
  RegressionEvaluation,
} from '../../../src/core/model/evaluation/evaluationTypes';
import type { RunData, RunModelResult } from '../../../src/core/model/runTypes';
import type { PipelineSpec } from '../../../src/core/model/specTypes';
import type { RunRecord } from '../../../src/extension/runs/runRecords';
import type { ProjectSummary } from '../../../src/protocol/webview';
import { seededRandom } from '../seededRandom';

export const PROJECT: ProjectSummary = {
  name: 'penguins',
  task: 'classification',
  target: 'Species',
  root: '/tmp/penguins',
};

/** ROC and PR of scores against 0/1 labels, exactly (every distinct score a threshold). */
export function curvesOf(cls: string, scores: number[], positive: boolean[]): { roc: Curve; pr: Curve } {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const P = positive.filter(Boolean).length;
  const N = positive.length - P;
  const fpr = [0];
  const tpr = [0];
  const rocT = [Infinity];
  const recall: number[] = [];
  const precision: number[] = [];
  const prT: number[] = [];
  let tp = 0;
  let fp = 0;
  let auc = 0;
  let ap = 0;
  let lastRecall = 0;
  for (let k = 0; k < order.length; k += 1) {
    const i = order[k];
    if (positive[i]) tp += 1;
    else fp += 1;
    if (k + 1 < order.length && scores[order[k + 1]] === scores[i]) continue;
    const x = N ? fp / N : 0;
    const y = P ? tp / P : 0;
    auc += ((x - fpr[fpr.length - 1]) * (y + tpr[tpr.length - 1])) / 2;
    fpr.push(x);
    tpr.push(y);
    rocT.push(scores[i]);
    const r = y;
    const p = tp / (tp + fp);
    ap += (r - lastRecall) * p;
    lastRecall = r;
    recall.push(r);
    precision.push(p);
    prT.push(scores[i]);
  }
  return {
    roc: { class: cls, x: fpr, y: tpr, thresholds: rocT.map((t) => (Number.isFinite(t) ? t : 1)), area: auc },
    pr: { class: cls, x: recall, y: precision, thresholds: prT, area: ap },
  };
}

function spec(task: 'classification' | 'regression', target: string): PipelineSpec {
  return {
    version: 1,
    task,
    target,
    data: { train: 'data/train.csv', holdout: 'data/holdout.csv' },
    split: {
      holdoutFraction: 0,
      kind: task === 'classification' ? 'stratified' : 'kfold',
      folds: 5,
      shuffle: true,
      seed: 7,
    },
    preprocess: {} as PipelineSpec['preprocess'],
    featureSelection: { method: 'none', folds: 5 },
    models: [],
    evaluation: {
      primaryMetric: task === 'classification' ? 'balanced_accuracy' : 'rmse',
      sensitiveColumns: ['Island'],
      permutationRepeats: 5,
      slices: 10,
      worstRows: 20,
    },
    seed: 7,
  };
}

function folds(random: () => number, mean: number, spread: number): { mean: number; std: number; folds: number[] } {
  const values = Array.from({ length: 5 }, () => mean + (random() - 0.5) * 2 * spread);
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  const std = Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / values.length);
  return { mean: m, std, folds: values };
}

/** A classification evaluation of `rows` predictions whose accuracy is about `skill`. */
export function classificationEvaluation(
  classes: string[],
  rows: number,
  skill: number,
  seed: number,
): ClassificationEvaluation {
  const random = seededRandom(seed);
  const truth: number[] = [];
  const probs: number[][] = [];
  for (let i = 0; i < rows; i += 1) {
    const t = i % classes.length;
    truth.push(t);
    const raw = classes.map((_, c) => (c === t ? skill * 2 : 0) + random());
    const total = raw.reduce((a, b) => a + b, 0);
    probs.push(raw.map((v) => v / total));
  }
  const predicted = probs.map((p) => p.indexOf(Math.max(...p)));
  const confusion = classes.map(() => classes.map(() => 0));
  truth.forEach((t, i) => (confusion[t][predicted[i]] += 1));
  const correct = truth.filter((t, i) => t === predicted[i]).length;
  const perClass = classes.map((cls, c) => {
    const tp = confusion[c][c];
    const support = confusion[c].reduce((a, b) => a + b, 0);
    const predictedC = confusion.reduce((a, row) => a + row[c], 0);
    const precision = predictedC ? tp / predictedC : 0;
    const recall = support ? tp / support : 0;
    return {
      class: cls,
      precision,
      recall,
      f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
      support,
    };
  });
  const oneVsRest = (classes.length === 2 ? [1] : classes.map((_, c) => c)).map((c) =>
    curvesOf(
      classes[c],
      probs.map((p) => p[c]),
      truth.map((t) => t === c),
    ),
  );
  const binary = classes.length === 2;
  const metrics: Record<string, number> = {
    accuracy: correct / rows,
    balanced_accuracy: perClass.reduce((a, c) => a + c.recall, 0) / classes.length,
    f1_macro: perClass.reduce((a, c) => a + c.f1, 0) / classes.length,
    roc_auc: oneVsRest.reduce((a, c) => a + c.roc.area, 0) / oneVsRest.length,
    average_precision: oneVsRest.reduce((a, c) => a + c.pr.area, 0) / oneVsRest.length,
    log_loss: -truth.reduce((a, t, i) => a + Math.log(Math.max(probs[i][t], 1e-15)), 0) / rows,
  };
  const calibration = oneVsRest.map(({ roc }, k) => {
    const c = binary ? 1 : k;
    const bins = Array.from({ length: 10 }, () => ({ p: 0, pos: 0, n: 0 }));
    probs.forEach((p, i) => {
      const b = Math.min(9, Math.floor(p[c] * 10));
      bins[b].p += p[c];
      bins[b].pos += truth[i] === c ? 1 : 0;
      bins[b].n += 1;
    });
    const kept = bins.filter((b) => b.n > 0);
    return {
      class: roc.class,
      meanPredicted: kept.map((b) => b.p / b.n),
      fractionPositive: kept.map((b) => b.pos / b.n),
      count: kept.map((b) => b.n),
    };
  });
  const evaluation: ClassificationEvaluation = {
    task: 'classification',
    on: 'holdout',
    rows,
    classes,
    metrics,
    perClass,
    confusion,
    roc: oneVsRest.map((c) => c.roc),
    pr: oneVsRest.map((c) => c.pr),
    calibration,
  };
  if (binary) {
    const thresholds = Array.from({ length: 101 }, (_, i) => i / 100);
    const at = thresholds.map((t) => {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      let tn = 0;
      probs.forEach((p, i) => {
        const yes = p[1] >= t;
        if (yes && truth[i] === 1) tp += 1;
        else if (yes) fp += 1;
        else if (truth[i] === 1) fn += 1;
        else tn += 1;
      });
      const precision = tp + fp ? tp / (tp + fp) : 1;
      const recall = tp / (tp + fn);
      return {
        precision,
        recall,
        f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
        accuracy: (tp + tn) / rows,
        positiveRate: (tp + fp) / rows,
      };
    });
    const bestIndex = at.reduce((b, x, i) => (x.f1 > at[b].f1 ? i : b), 0);
    evaluation.positiveClass = classes[1];
    evaluation.threshold = {
      thresholds,
      precision: at.map((x) => x.precision),
      recall: at.map((x) => x.recall),
      f1: at.map((x) => x.f1),
      accuracy: at.map((x) => x.accuracy),
      positiveRate: at.map((x) => x.positiveRate),
      bestF1Threshold: thresholds[bestIndex],
    };
  }
  return evaluation;
}

export function regressionEvaluation(rows: number, noise: number, seed: number): RegressionEvaluation {
  const random = seededRandom(seed);
  const actual: number[] = [];
  const predicted: number[] = [];
  for (let i = 0; i < rows; i += 1) {
    const a = 10 + 30 * random();
    actual.push(a);
    predicted.push(a + (random() - 0.5) * 2 * noise);
  }
  const residuals = actual.map((a, i) => a - predicted[i]);
  const edges = Array.from({ length: 21 }, (_, i) => -noise + (2 * noise * i) / 20);
  const counts = Array.from({ length: 20 }, () => 0);
  for (const r of residuals) counts[Math.min(19, Math.max(0, Math.floor(((r + noise) / (2 * noise)) * 20)))] += 1;
  const mse = residuals.reduce((a, r) => a + r * r, 0) / rows;
  const mean = actual.reduce((a, b) => a + b, 0) / rows;
  const variance = actual.reduce((a, b) => a + (b - mean) ** 2, 0) / rows;
  return {
    task: 'regression',
    on: 'holdout',
    rows,
    metrics: {
      rmse: Math.sqrt(mse),
      mse,
      mae: residuals.reduce((a, r) => a + Math.abs(r), 0) / rows,
      r2: 1 - mse / variance,
    },
    points: { actual, predicted },
    residualHistogram: { edges, counts },
  };
}

function model(
  name: string,
  kind: string,
  baseline: boolean,
  evaluation: ClassificationEvaluation | RegressionEvaluation | undefined,
  primary: string,
  seed: number,
  baselineModel?: RunModelResult,
): RunModelResult {
  const random = seededRandom(seed);
  const holdout = evaluation?.metrics ?? {};
  const cv = Object.fromEntries(
    Object.entries(holdout).map(([m, v]) => [m, folds(random, v, Math.abs(v) * 0.04 + 0.005)]),
  );
  const result: RunModelResult = {
    name,
    kind,
    baseline,
    params: {},
    metrics: { cv, holdout },
    evaluation,
    artifact: `.mlcycle/runs/run/${name}.model.json`,
    timings: { fitMs: 10 + seed, cvMs: 50 + seed, predictMs: 2 },
    info: {},
  };
  if (baselineModel && !baseline) {
    const value = holdout[primary];
    const baselineValue = baselineModel.metrics.holdout?.[primary] ?? 0;
    const lower = /rmse|mae|loss/.test(primary);
    const delta = value - baselineValue;
    result.vsBaseline = {
      metric: primary,
      baseline: baselineModel.name,
      baselineValue,
      value,
      delta,
      beats: lower ? delta < 0 : delta > 0,
    };
  }
  return result;
}

function analyses(
  modelName: string,
  classification: boolean,
): { errorAnalysis: ErrorAnalysis; fairness: FairnessReport; featureImportance: FeatureImportance } {
  const errorAnalysis: ErrorAnalysis = {
    model: modelName,
    on: 'holdout',
    measure: classification ? 'error_rate' : 'absolute_error',
    overallError: classification ? 0.05 : 2.1,
    slices: [
      {
        feature: 'Island',
        description: 'Island = Dream',
        kind: 'category',
        count: 31,
        error: classification ? 0.13 : 4.2,
        overallError: classification ? 0.05 : 2.1,
      },
      {
        feature: 'bill_depth_mm',
        description: 'bill_depth_mm in [16.1, 17.4)',
        kind: 'range',
        count: 18,
        error: classification ? 0.11 : 3.3,
        overallError: classification ? 0.05 : 2.1,
      },
      {
        feature: 'Sex',
        description: 'Sex missing',
        kind: 'missing',
        count: 4,
        error: classification ? 0.25 : 5,
        overallError: classification ? 0.05 : 2.1,
      },
    ],
    worstRows: Array.from({ length: 60 }, (_, i) => ({
      index: i,
      line: i + 2,
      actual: classification ? 'Chinstrap' : 20 + i,
      predicted: classification ? 'Adelie' : 25 + i,
      loss: 3 - i * 0.04,
      values: { Island: i % 2 ? 'Dream' : 'Biscoe', bill_length_mm: 40 + i / 10, Sex: i % 5 ? 'MALE' : null },
    })),
  };
  const fairness: FairnessReport = {
    model: modelName,
    on: 'holdout',
    columns: [
      {
        column: 'Island',
        groups: [
          {
            group: 'Biscoe',
            count: 40,
            metrics: classification ? { accuracy: 0.97, balanced_accuracy: 0.95 } : { rmse: 2, mae: 1.5 },
            selectionRate: classification ? 0.6 : undefined,
          },
          {
            group: 'Dream',
            count: 31,
            metrics: classification ? { accuracy: 0.87, balanced_accuracy: 0.86 } : { rmse: 3, mae: 2.2 },
            selectionRate: classification ? 0.3 : undefined,
          },
          {
            group: 'Torgersen',
            count: 12,
            metrics: classification ? { accuracy: 1, balanced_accuracy: 1 } : { rmse: 1.5, mae: 1 },
            selectionRate: classification ? 0.1 : undefined,
          },
        ],
        difference: classification ? { accuracy: 0.13, balanced_accuracy: 0.14 } : { rmse: 1.5, mae: 1.2 },
        ratio: classification ? { accuracy: 0.87, balanced_accuracy: 0.86 } : { rmse: 0.5, mae: 0.45 },
        ...(classification ? { demographicParityDifference: 0.5, equalizedOddsDifference: 0.2 } : {}),
      },
    ],
  };
  const featureImportance: FeatureImportance = {
    model: modelName,
    method: 'permutation',
    metric: classification ? 'balanced_accuracy' : 'rmse',
    repeats: 5,
    features: [
      { feature: 'flipper_length_mm', mean: 0.31, std: 0.03 },
      { feature: 'bill_length_mm', mean: 0.22, std: 0.02 },
      { feature: 'bill_depth_mm', mean: 0.08, std: 0.01 },
      { feature: 'Island', mean: 0.01, std: 0.005 },
    ],
  };
  return { errorAnalysis, fairness, featureImportance };
}

export interface FixtureOptions {
  runId?: string;
  createdAt?: string;
  classes?: string[];
  /** Holdout rows. */
  rows?: number;
  /** The best model's skill; a skill below the baseline's makes every model fail to beat it. */
  skill?: number;
}

export function classificationRun(options: FixtureOptions = {}): RunRecord {
  const classes = options.classes ?? ['Adelie', 'Chinstrap', 'Gentoo'];
  const rows = options.rows ?? 90;
  const primary = 'balanced_accuracy';
  const baseline = model('majority', 'dummy', true, classificationEvaluation(classes, rows, 0, 1), primary, 1);
  const models = [
    baseline,
    model(
      'logistic',
      'logistic_regression',
      false,
      classificationEvaluation(classes, rows, options.skill ?? 0.9, 2),
      primary,
      2,
      baseline,
    ),
    model(
      'forest',
      'random_forest',
      false,
      classificationEvaluation(classes, rows, (options.skill ?? 0.9) * 0.8, 3),
      primary,
      3,
      baseline,
    ),
    {
      ...model('knn', 'knn', false, undefined, primary, 4),
      metrics: {},
      error: 'k = 500 is more than the 241 training rows (models.3.params.k)',
    },
  ];
  const best = models
    .filter((m) => !m.baseline && !m.error)
    .sort((a, b) => (b.metrics.holdout?.[primary] ?? 0) - (a.metrics.holdout?.[primary] ?? 0))[0];
  return record(
    options,
    {
      task: 'classification',
      target: 'Species',
      classes,
      primaryMetric: primary,
      models,
      bestModel: best.name,
      kpis: [
        {
          metric: 'balanced_accuracy',
          threshold: 0.9,
          value: best.metrics.holdout?.[primary],
          pass: (best.metrics.holdout?.[primary] ?? 0) >= 0.9,
          name: 'Correct species for 9 in 10 sightings',
        },
        {
          metric: 'log_loss',
          threshold: 0.05,
          value: best.metrics.holdout?.log_loss,
          pass: (best.metrics.holdout?.log_loss ?? 1) <= 0.05,
        },
      ],
      ...analyses(best.name, true),
    },
    rows,
  );
}

export function regressionRun(options: FixtureOptions = {}): RunRecord {
  const rows = options.rows ?? 120;
  const primary = 'rmse';
  const baseline = model('mean', 'dummy', true, regressionEvaluation(rows, 12, 5), primary, 5);
  const models = [
    baseline,
    model(
      'boosting',
      'gradient_boosting',
      false,
      regressionEvaluation(rows, options.skill ? 12 / options.skill : 3, 6),
      primary,
      6,
      baseline,
    ),
  ];
  return record(
    options,
    {
      task: 'regression',
      target: 'Miles_per_Gallon',
      primaryMetric: primary,
      models,
      bestModel: 'boosting',
      ...analyses('boosting', false),
    },
    rows,
  );
}

function record(
  options: FixtureOptions,
  data: Pick<RunData, 'task' | 'target' | 'primaryMetric' | 'models' | 'bestModel'> & Partial<RunData>,
  rows: number,
): RunRecord {
  const runId = options.runId ?? '2026-11-26T09-30-00-000Z';
  const full: RunData = {
    formatVersion: 1,
    runId,
    specPath: 'pipeline.yaml',
    spec: spec(data.task, data.target),
    seed: 7,
    rows: { train: 241, holdout: rows },
    holdoutSource: 'file',
    selectedFeatures: ['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'Island'],
    featureRationale: [
      { feature: 'bill_length_mm', included: true, reason: 'mutual information 0.61 (rank 1 of 6)', score: 0.61 },
      { feature: 'flipper_length_mm', included: true, reason: 'mutual information 0.58 (rank 2 of 6)', score: 0.58 },
      { feature: 'rowid', included: false, reason: 'dropped in the spec: identifier' },
    ],
    timings: { totalMs: 1234, loadMs: 40 },
    environment: { mlcycle: '0.4.0', node: 'v20', platform: 'linux', arch: 'x64', cpus: 2 },
    ...data,
  };
  return {
    schemaVersion: 1,
    kind: 'run',
    name: runId,
    createdAt: options.createdAt ?? '2026-11-26T09:30:00.000Z',
    inputs: [{ path: 'data/train.csv', sizeBytes: 1, mtimeMs: 1, sha256: 'ab' }],
    summary: `best ${data.bestModel}`,
    data: full,
  };
}
