// `mlcycle predict <run-or-model> <file> --out <csv>`: applies a saved pipeline and model to a
// data file. <run-or-model> is a run id (its best model), "runId/model" or "runId:model", a
// .model.json file, or an external model's .external.json (predicted through its predict command).
// Exit 0, 2 on bad input (missing columns, a model file from a newer version ...).
import { resolve } from 'node:path';
import { predict } from '../core/model/train/predict';
import type { CliCommand } from './command';
import { EXIT, UsageError, wholeNumberOption } from './io';
import { checkOutputFolder } from '../core/atomicWrite';
import { refuseInputAsOutput, runWithProgressLine } from './jobOutput';
import { projectPath, projectRootFor } from './modelOutput';
import { MISSING_VALUES_OPTION, missingValuesOption } from './missingValuesOption';

export const predictCommand: CliCommand = {
  name: 'predict',
  summary: 'Predict with a trained model: writes a CSV with the prediction (and class probabilities) of every row.',
  usage:
    'mlcycle predict <run-id | runId:model | runId/model | file.model.json | file.external.json> <data-file> --out <predictions.csv> [--explain K] [--missing-values <a,b,...>] [--root <dir>]',
  options: {
    out: { type: 'string', short: 'o', description: 'the CSV to write' },
    explain: {
      type: 'string',
      description:
        'add the K columns contributing most to each prediction (SHAP values toward the predicted class or value, as mlcycle explain computes them)',
    },
    'missing-values': MISSING_VALUES_OPTION,
    root: {
      type: 'string',
      description:
        'the project folder (default: the one holding mlcycle.yaml above the data file or the working directory)',
    },
  },
  async run({ positionals, values, io, signal }) {
    if (positionals.length !== 2)
      throw new UsageError('Give the model (a run id, runId/model, or a .model.json file) and the data file.');
    if (typeof values.out !== 'string') throw new UsageError('Where to? Give --out <predictions.csv>.');
    const [reference, data] = positionals;
    const explain = wholeNumberOption(values, 'explain');
    const isFile = /\.(model|external)\.json$/.test(reference);
    const root = await projectRootFor(values, io, isFile ? reference : data);
    refuseInputAsOutput(io, values.out, isFile ? [data, reference] : [data], '--out');
    await checkOutputFolder(resolve(io.cwd, values.out), values.out);
    const result = await runWithProgressLine(io, 'predict', signal, (ctx) =>
      predict(
        {
          root,
          model: isFile ? projectPath(root, io, reference) : reference,
          data: projectPath(root, io, data),
          out: resolve(io.cwd, values.out as string),
          ...(missingValuesOption(values) ? { missingValues: missingValuesOption(values) } : {}),
          ...(explain ? { explain } : {}),
        },
        ctx,
      ),
    );
    io.stdout.write(
      `${result.rows} predictions of ${result.model} (run ${result.runId}) written to ${values.out} (${result.columns.join(', ')}).\n`,
    );
    if (result.explained)
      io.stdout.write(`The ${result.explained.top} largest contributions of each row: ${result.explained.note}.\n`);
    return EXIT.ok;
  },
};
