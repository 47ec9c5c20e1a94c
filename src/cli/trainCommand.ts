// `mlcycle train [spec]`: the train job from the command line, for CI. Exit 0 when the run
// passes, 1 when it completed but failed (the best model does not beat the baseline, or a
// charter KPI is missed: reasons printed and in --json `failures`), 2 on bad input or an error.
import { resolve } from 'node:path';
import type { TrainParams, TrainResult } from '../core/model/train/trainTypes';
import { train } from '../core/model/train/train';
import type { CliCommand } from './command';
import { EXIT, UsageError } from './io';
import { runWithProgressLine, writeResult } from './jobOutput';
import { formatTrainReport, projectPath, projectRootFor, trainJson } from './modelOutput';
import { MISSING_VALUES_OPTION, missingValuesOption } from './missingValuesOption';

export const trainCommand: CliCommand = {
  name: 'train',
  summary:
    "Train the pipeline's models, baseline first, with CV and holdout metrics; exit 1 when the baseline is not beaten or a KPI is missed.",
  usage:
    'mlcycle train [spec.yaml] [--models a,b] [--json <out.json|->] [--missing-values <a,b,...>] [--root <dir>]\n       mlcycle train --reproduce <runId> [--root <dir>]',
  options: {
    'missing-values': MISSING_VALUES_OPTION,
    models: {
      type: 'string',
      description: 'train only these models of the spec, comma-separated (the baseline always trains)',
    },
    json: {
      type: 'string',
      description:
        'also write the run as JSON ({runId, models: [{name, kind, baseline, metrics: {cv, holdout}}]}) to this file ("-" for stdout only)',
    },
    reproduce: {
      type: 'string',
      description:
        "train again from this recorded run's own spec and seed and compare every metric with it (exit 1 when they differ)",
    },
    root: {
      type: 'string',
      description:
        'the project folder (default: the folder above the spec, or the working directory, holding mlcycle.yaml)',
    },
  },
  async run({ positionals, values, io, signal }) {
    if (positionals.length > 1) throw new UsageError('Give at most one pipeline spec.');
    const root = await projectRootFor(values, io, positionals[0]);
    const params: TrainParams = { root };
    if (positionals[0] !== undefined) params.spec = projectPath(root, io, positionals[0]);
    if (typeof values.reproduce === 'string') {
      if (params.spec !== undefined)
        throw new UsageError('Give either a pipeline spec or --reproduce <runId>, not both.');
      params.reproduce = values.reproduce;
    }
    const missingValues = missingValuesOption(values);
    if (missingValues) {
      if (params.reproduce !== undefined)
        throw new UsageError('--reproduce reads the data with the markers the run recorded: drop --missing-values.');
      params.missingValues = missingValues;
    }
    if (typeof values.models === 'string') {
      const names = values.models
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (names.length === 0) throw new UsageError('--models takes model names separated by commas.');
      params.models = names;
    }
    const result: TrainResult = await runWithProgressLine(io, 'train', signal, (ctx) => train(params, ctx));
    const inputs = [
      ...positionals,
      ...Object.values(result.run.spec.data)
        .filter((p): p is string => typeof p === 'string')
        .map((p) => resolve(root, p)),
    ];
    await writeResult(io, values.json, trainJson(result), () => formatTrainReport(result), inputs);
    return result.outcome === 'fail' ? EXIT.checkFailed : EXIT.ok;
  },
};
