// The objective of a tuning study on the project's own models: built once per study, it loads
// and splits the data once, and keeps one PreparedData per distinct preprocessing choice, so
// each fold is preprocessed (and binned, for tree models) once per choice however many trials
// use it. A trial then only fits and scores its model: crossValidate / trainModel, the exact
// calls of a training run, so a trial's numbers are the numbers a run with its parameters gives.
// A trial of an external trainer runs its command the way a training run does (externalTrainer.ts)
// with the trial's params in params.json, in a work folder of its own; its value is the metric
// the evaluator computes from the trainer's holdout predictions, else the one its metrics.json
// reports. An abort (cancel, per-trial timeout) stops the trainer's whole process group.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeMetrics, greaterIsBetter } from '../model/metrics';
import { runExternalTrainer } from '../model/train/externalTrainer';
import type { ModelSpec, PipelineSpec } from '../model/specTypes';
import { runModels } from '../model/train/train';
import { crossValidate, trainModel } from '../model/train/crossValidate';
import { specPositiveClass } from '../model/train/positiveClass';
import { PreparedData } from '../model/train/preparedData';
import { loadTrainingData, type LoadTrainingDataOptions, type TrainingData } from '../model/train/trainingData';
import { applyParams, TrialParamsError } from './applyParams';
import type { TrialContext } from './study';
import { TrialPruned } from './trialPruned';
import type { Direction, Params } from './types';

export interface TuningObjectiveOptions {
  root: string;
  spec: PipelineSpec;
  /** The spec's file, for messages about it. */
  specFile: string;
  /** The metrics the study optimises, first = the one intermediate values and pruning use. */
  metrics: readonly string[];
  /** Cross-validation means (default) or the holdout. */
  on?: 'cv' | 'holdout';
  signal?: AbortSignal;
  missingValues?: LoadTrainingDataOptions['missingValues'];
  /**
   * Measure model_size_kb (the fitted model's saved JSON, in KiB) for a constraint. On the
   * holdout it is the model already trained; on CV it costs one more fit on all the training rows.
   */
  measureSize?: boolean;
  /** Threads a model's fit may use (forests, boosting); 1 when trials already run in parallel threads. */
  modelThreads?: number;
}

export interface TrialOutcome {
  values: number[];
  /** Measured facts constraints can test: predict_ms_per_1k_rows, fit_ms. */
  attributes: Record<string, number>;
}

export interface TuningObjective {
  readonly data: TrainingData;
  readonly directions: Direction[];
  /** The study's objective: the metrics' values for one trial's parameters. */
  evaluate(params: Params, ctx: TrialContext): Promise<number[]>;
  /** The same, with the measured attributes. */
  run(params: Params, ctx: TrialContext): Promise<TrialOutcome>;
  /**
   * The task's baseline (the spec's own baseline model, else the dummy model) judged exactly as a
   * trial is: the study's best trial must beat it.
   */
  baseline(signal?: AbortSignal): Promise<number[]>;
  /** Whether the trial with these parameters trains an external trainer (a subprocess). */
  isExternal(params: Params): boolean;
  /** How many distinct preprocessing choices were prepared (each once per fold; tests, benchmark). */
  readonly stats: { preparedChoices: number };
}

/** The size of a fitted model as it is saved (its JSON), in KiB. */
function sizeKb(model: { toJSON(): unknown }): number {
  return Buffer.byteLength(JSON.stringify(model.toJSON())) / 1024;
}

export async function createTuningObjective(options: TuningObjectiveOptions): Promise<TuningObjective> {
  const { spec, metrics } = options;
  const on = options.on ?? 'cv';
  const data = await loadTrainingData({
    root: options.root,
    spec,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.missingValues ? { missingValues: options.missingValues } : {}),
  });
  if (on === 'holdout' && !data.holdout)
    throw new TrialParamsError(
      'The study is judged on the holdout, but the pipeline spec has none (data.holdout or split.holdoutFraction).',
    );
  const positiveClass = specPositiveClass(data, spec, options.specFile);
  const stats = { preparedChoices: 0 };
  const prepared = new Map<string, PreparedData>();
  const preparedFor = (trialSpec: PipelineSpec): PreparedData => {
    const key = JSON.stringify(trialSpec.preprocess);
    let p = prepared.get(key);
    if (!p) {
      p = new PreparedData(
        { ...data, spec: trialSpec },
        { seed: spec.seed, ...(options.signal ? { signal: options.signal } : {}) },
      );
      prepared.set(key, p);
      stats.preparedChoices++;
    }
    return p;
  };
  const pick = (values: Record<string, number | undefined>, where: string): number[] =>
    metrics.map((m) => {
      const v = values[m];
      if (typeof v !== 'number') throw new Error(`the metric ${m} is not defined on ${where}`);
      return v;
    });

  const run = async (params: Params, ctx: TrialContext): Promise<TrialOutcome> => {
    const trial = applyParams(spec, params);
    if (trial.model.kind === 'external') return runExternal(trial.model, ctx);
    return runTrial(trial.spec, trial.model, ctx);
  };

  const runExternal = async (model: ModelSpec, ctx: TrialContext): Promise<TrialOutcome> => {
    const parentDir = await mkdtemp(join(tmpdir(), `mlcycle-trial-${ctx.number}-`));
    try {
      const ext = await runExternalTrainer(data, model, { parentDir, seed: spec.seed, signal: ctx.signal });
      const values: Record<string, number | undefined> =
        ext.prediction && data.holdout
          ? (computeMetrics(
              data.holdout.target,
              ext.prediction,
              positiveClass !== undefined ? { positiveClass } : {},
            ) as Record<string, number | undefined>)
          : (Object.fromEntries(
              Object.entries(ext.reported).filter(([, v]) => typeof v === 'number' && Number.isFinite(v)),
            ) as Record<string, number>);
      const where = ext.prediction
        ? "the external trainer's holdout predictions"
        : "the external trainer's metrics.json";
      return { values: pick(values, where), attributes: { fit_ms: ext.fitMs } };
    } finally {
      await rm(parentDir, { recursive: true, force: true });
    }
  };

  const runTrial = async (trialSpec: PipelineSpec, model: ModelSpec, ctx: TrialContext): Promise<TrialOutcome> => {
    const p = preparedFor(trialSpec);
    const common = {
      seed: spec.seed,
      signal: ctx.signal,
      ...(positiveClass !== undefined ? { positiveClass } : {}),
      ...(options.modelThreads !== undefined ? { threads: options.modelThreads } : {}),
    };
    if (on === 'holdout') {
      const final = await trainModel(p, model, common);
      const rows = data.holdout!.target.y.length;
      return {
        values: pick(final.holdout!.metrics as Record<string, number>, 'the holdout'),
        attributes: {
          fit_ms: final.fitMs,
          predict_ms_per_1k_rows: (final.predictMs / rows) * 1000,
          model_size_kb: sizeKb(final.model),
        },
      };
    }
    let sum = 0;
    let prunedAt: number | undefined;
    const cv = await crossValidate(p, model, {
      ...common,
      onFold: async (fold, foldMetrics) => {
        const value = (foldMetrics as Record<string, number>)[metrics[0]];
        sum += value;
        if (await ctx.report(fold, sum / (fold + 1))) {
          prunedAt = fold;
          return 'stop';
        }
        return undefined;
      },
    });
    if (prunedAt !== undefined && cv.stopped) throw new TrialPruned(prunedAt);
    const means: Record<string, number> = {};
    for (const [name, m] of Object.entries(cv.metrics)) means[name] = m.mean;
    const tested = cv.oof.index.length;
    const attributes: Record<string, number> = {
      fit_ms: cv.fitMs,
      predict_ms_per_1k_rows: (cv.predictMs / tested) * 1000,
    };
    if (options.measureSize) attributes.model_size_kb = sizeKb((await trainModel(p, model, common)).model);
    return { values: pick(means, 'every fold'), attributes };
  };

  const baseline = async (signal?: AbortSignal): Promise<number[]> => {
    const model = runModels(spec)[0];
    const baseSpec: PipelineSpec = { ...spec, models: [model] };
    const noReports: TrialContext = {
      number: -1,
      params: {},
      report: () => false,
      signal: signal ?? new AbortController().signal,
    };
    return (await runTrial(baseSpec, model, noReports)).values;
  };

  return {
    data,
    baseline,
    directions: metrics.map((m) => (greaterIsBetter(m) ? 'maximize' : 'minimize')),
    evaluate: async (params, ctx) => (await run(params, ctx)).values,
    run,
    isExternal: (params) => applyParams(spec, params).model.kind === 'external',
    stats,
  };
}
