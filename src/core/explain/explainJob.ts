// The `explain` job: the contributions of each column to a saved model's output on rows of a
// data file. The method is exact where the model allows it — TreeSHAP for trees, forests and
// boosting (path-dependent over the training rows' covers, or interventional against a
// background sample), Linear SHAP for linear and logistic regression — and the permutation
// estimator (with standard errors) for the others, external models included (through their
// predict command, in the columns their trainer got); KernelSHAP and LIME (lime.ts) when asked.
// Contributions are summed into the user's input columns (inputGroups.ts) unless `expanded`;
// every row's base + Σ contributions is checked against the model's output (LIME, which is not
// additive, reports that gap as its local fit error, never a failure). The per-row CSV is
// written atomically; the record .mlcycle/explanations/<run>--<model>--<data>.json keeps the
// global summary.
import { basename, resolve } from 'node:path';
import { JobError } from '../../protocol/jobError';
import type { JobContext } from '../../protocol/jobs';
import { takeRows, type Frame } from '../model/frame';
import { loadFrame } from '../model/loadFrame';
import type { Matrix } from '../model/matrix';
import { checkInputColumns, findRun, resolveModelReference } from '../model/train/artifacts';
import { checkExternalInputs, findExternalModel } from '../model/train/externalArtifact';
import { insideProject } from '../model/train/loadSpec';
import { inputFingerprints } from '../records';
import { formatCsv, writeTextAtomic } from '../model/train/runFiles';
import { resolveMissingMarkers } from '../project/missingValues';
import { readProjectFile } from '../project/projectFile';
import { writeRecord } from '../records';
import type { ExplainParams, ExplainResult, GlobalContribution } from './explainTypes';
import type { ShapValues } from './treeExplainer';
import { computeContributions } from './contributions';
import { computeExternalContributions } from './externalContributions';
import { featuresOfColumns, interactionCost, interactionSettings, treeInteractions } from './interactions';
import { DEFAULT_BACKGROUND, DEFAULT_PAIRS } from './explainDefaults';
import { buildExplanationPlots, PLOT_LIMITS, waterfallRow, type PlotInput } from './explanationPlots';
import { unseenCategoryNotices } from './unseenCategories';
import { worstExplainedRows } from './worstExplained';
import { limeNotices, limeReport } from './limeReport';

const MAX_RESULT_NUMBERS = 1_000_000;
/** Up to this many rows, the result carries each row whole (values, contributions, actual). */
const DETAILED_ROWS = 20;

function modelReference(reference: string): string {
  return /^[^/:]+:[^/:]+$/.test(reference) ? reference.replace(':', '/') : reference;
}

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++)
    if (Number.isFinite(a[i])) {
      n++;
      sa += a[i];
      sb += b[i];
    }
  if (n < 3) return NaN;
  const ma = sa / n;
  const mb = sb / n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < a.length; i++)
    if (Number.isFinite(a[i])) {
      cov += (a[i] - ma) * (b[i] - mb);
      va += (a[i] - ma) ** 2;
      vb += (b[i] - mb) ** 2;
    }
  return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : NaN;
}

/** Mean |contribution| per column and output, and the direction of the first output's effect. */
function globalSummary(shap: ShapValues, columns: string[], valuesOf: (c: number) => ArrayLike<number> | undefined) {
  const { rows, features, outputs, values } = shap;
  const global: GlobalContribution[] = columns.map((column, c) => {
    const meanAbs = Array.from({ length: outputs }, (_, k) => {
      let s = 0;
      for (let i = 0; i < rows; i++) s += Math.abs(values[(i * features + c) * outputs + k]);
      return rows > 0 ? s / rows : 0;
    });
    const x = valuesOf(c);
    let direction: GlobalContribution['direction'] = 'by category';
    if (x) {
      const contribution = Float64Array.from({ length: rows }, (_, i) => values[(i * features + c) * outputs]);
      const r = correlation(x, contribution);
      direction = r > 0.1 ? 'higher raises' : r < -0.1 ? 'higher lowers' : 'mixed';
    }
    return { column, meanAbs, direction };
  });
  const score = (g: GlobalContribution) => g.meanAbs.reduce((a, b) => a + b, 0);
  return global.sort((a, b) => score(b) - score(a));
}

function nested(values: Float64Array, rows: number, features: number, outputs: number): number[][][] {
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: features }, (_, f) =>
      Array.from(values.subarray((i * features + f) * outputs, (i * features + f + 1) * outputs)),
    ),
  );
}

function stem(path: string): string {
  return (
    basename(path)
      .replace(/\.[^.]*$/, '')
      .replace(/[^A-Za-z0-9_.-]+/g, '_') || 'data'
  );
}

async function loadData(root: string, path: string, missingValues: string[] | undefined, signal: AbortSignal) {
  const file = insideProject(root, path, 'data file');
  const markers = resolveMissingMarkers((await readProjectFile(root))?.project, root, path, missingValues);
  try {
    return { file, frame: (await loadFrame({ root, path, signal, missingMarkers: markers })).frame };
  } catch (error) {
    if (error instanceof JobError || (error as Error).name === 'AbortError') throw error;
    throw new JobError('bad-input', `${path}: ${(error as Error).message}`, { file }, { cause: error });
  }
}

function selectRows(frame: Frame, rows: number[] | undefined, shown: string, file: string): number[] {
  if (!rows) return Array.from({ length: frame.rows }, (_, i) => i);
  for (const r of rows)
    if (!Number.isInteger(r) || r < 0 || r >= frame.rows)
      throw new JobError(
        'bad-input',
        `Row ${r} is not a row of ${shown}: it has ${frame.rows} rows, numbered 0 to ${frame.rows - 1}.`,
        { file },
      );
  if (rows.length === 0) throw new JobError('bad-input', 'No rows to explain: --rows names none.');
  return rows;
}

export async function explain(params: ExplainParams, ctx: JobContext): Promise<ExplainResult> {
  const root = resolve(params.root);
  ctx.report({ message: 'Loading the model', fraction: 0 });
  const reference = modelReference(params.model);
  // An external model is explained through its predict command, in the columns its trainer got.
  const external = await findExternalModel(root, reference);
  const builtIn = external ? undefined : await resolveModelReference(root, reference);
  const loaded = external ?? builtIn!;
  const run = await findRun(root, loaded.runId);
  ctx.report({ message: `Loading ${params.data}`, fraction: 0.05 });
  const { file, frame } = await loadData(root, params.data, params.missingValues, ctx.signal);
  if (builtIn) checkInputColumns(builtIn.artifact, frame, params.data, file);
  else checkExternalInputs(external!.artifact, frame, params.data, file);
  const rows = selectRows(frame, params.rows, params.data, file);
  const chosen = takeRows(frame, rows);
  let X: Matrix | undefined;
  try {
    X = builtIn?.pipeline.transform(chosen);
  } catch (error) {
    throw new JobError('bad-input', `${params.data}: ${(error as Error).message}`, { file }, { cause: error });
  }
  const every = Math.max(1, Math.floor(rows.length / 100));
  const common = {
    root,
    run,
    method: params.method ?? 'auto',
    ...(params.output ? { output: params.output } : {}),
    background: params.background ?? DEFAULT_BACKGROUND,
    seed: params.seed ?? run.data.seed,
    pairs: params.pairs ?? DEFAULT_PAIRS,
    ...(params.coalitions ? { coalitions: params.coalitions } : {}),
    ...(params.samples ? { samples: params.samples } : {}),
    ...(params.kernelWidth ? { kernelWidth: params.kernelWidth } : {}),
    ...(params.limeFeatures ? { limeFeatures: params.limeFeatures } : {}),
    signal: ctx.signal,
    report: (message: string, fraction: number) => ctx.report({ message, fraction: 0.1 + 0.85 * fraction }),
    onRow: (done: number) => {
      if (done % every === 0 || done === rows.length)
        ctx.report({
          message: `Explaining row ${done} of ${rows.length}`,
          fraction: 0.15 + (0.8 * done) / rows.length,
        });
    },
  };
  const computed = builtIn
    ? await computeContributions({ ...common, loaded: builtIn, X: X!, expanded: params.expanded ?? false })
    : await computeExternalContributions({ ...common, loaded: external!, frame: chosen, shown: params.data });
  const { shap, errors, columns, method, note, outputKind, outputNames, evaluations, backgroundRows } = computed;
  const groups = !params.expanded || !X;
  const global = globalSummary(shap, columns, (c) => {
    if (!groups) return X!.data.subarray(c * X!.rows, (c + 1) * X!.rows);
    const column = chosen.columns.find((col) => col.name === columns[c]);
    return column?.type === 'numeric' ? column.values : undefined;
  });

  let interactions: ExplainResult['interactions'];
  if (params.interactions !== undefined) {
    if (method !== 'tree-path' || !computed.trees)
      throw new JobError(
        'bad-input',
        `Interaction values are computed for tree models explained path-dependently; ${loaded.name} is explained by ${method}.`,
      );
    const k = Math.max(2, Math.min(params.interactions, columns.length));
    const chosen = global.slice(0, k).map((g) => columns.indexOf(g.column));
    const chosenFeatures = featuresOfColumns(computed.groups, chosen, X!.cols).length;
    const cost = interactionCost(computed.trees, rows.length, chosenFeatures);
    if (cost > interactionSettings.budget)
      throw new JobError(
        'bad-input',
        `Interaction values for ${rows.length} rows among ${k} columns (${chosenFeatures} encoded features) would take about ${Math.ceil(cost / 1e8 / 60)} minutes (${(cost / 1e9).toFixed(1)} × 10⁹ node steps; the limit is ${interactionSettings.budget / 1e9} × 10⁹): ask for fewer rows (--rows) or fewer columns (--interactions).`,
      );
    ctx.report({ message: `Interaction values among ${k} columns`, fraction: 0.95 });
    const r = treeInteractions(
      computed.trees,
      computed.explained,
      X!.cols,
      computed.groups,
      columns,
      chosen,
      ctx.signal,
    );
    const G = columns.length;
    const size = rows.length * G * k * shap.outputs;
    interactions = {
      columns: r.columns,
      pairs: r.pairs,
      ...(size <= 1_000_000
        ? {
            values: Array.from({ length: rows.length }, (_, i) =>
              Array.from({ length: G }, (_, a) =>
                Array.from({ length: k }, (_, c) =>
                  Array.from(
                    r.values.subarray(((i * G + a) * k + c) * shap.outputs, ((i * G + a) * k + c + 1) * shap.outputs),
                  ),
                ),
              ),
            ),
          }
        : {}),
    };
  }
  // A few rows (Explain Prediction, --rows 7) come back whole, with what the model got wrong on them.
  const detailed = rows.length <= DETAILED_ROWS;
  // An external model's predictions come from its command; its waterfalls are of the first rows.
  const worst =
    builtIn &&
    worstExplainedRows({
      frame: chosen,
      X: X!,
      model: builtIn.model,
      target: run.data.target,
      ...(builtIn.artifact.classes ? { classes: builtIn.artifact.classes } : {}),
      count: detailed ? rows.length : PLOT_LIMITS.waterfalls,
    });
  const plotInput: PlotInput = {
    shap,
    columns,
    global,
    rows,
    valuesOf: (name) =>
      groups
        ? chosen.columns.find((c) => c.name === name)
        : {
            name,
            type: 'numeric',
            values: X!.data.subarray(columns.indexOf(name) * X!.rows, (columns.indexOf(name) + 1) * X!.rows),
          },
    ...(chosen.lineNumbers ? { lineNumbers: chosen.lineNumbers } : {}),
    outputNames,
    outputKind,
    ...(interactions ? { pairs: interactions.pairs } : {}),
    ...(computed.lime ? { rowBase: computed.lime.values.intercepts } : {}),
    ...(worst ? { worst } : {}),
  };
  const plots = buildExplanationPlots(plotInput);
  // A cancel that came with the last progress report still cancels: nothing is written after it.
  ctx.signal.throwIfAborted();
  const notices: string[] = [];
  if (builtIn) notices.push(...unseenCategoryNotices(builtIn.pipeline, chosen, rows));
  if (external && params.expanded)
    notices.push(
      `${loaded.name} is an external model: it is explained in the columns its trainer got, which have no encoded features to expand.`,
    );
  const lime = computed.lime ? limeReport(computed.lime) : undefined;
  if (lime) notices.push(...limeNotices(lime, shap.additivityError));
  else if (shap.additivityError > 1e-9)
    notices.push(
      `The contributions add up to the model's output only to ${shap.additivityError.toExponential(2)} (relative).`,
    );
  // LIME is not additive: its fit error is reported, never a failed check.
  const passed = lime !== undefined || shap.additivityError <= 1e-9;
  const rowBase = computed.lime?.values.intercepts;
  let out: string | undefined;
  if (params.out) {
    out = params.out;
    const target = resolve(root, params.out);
    const lines = shap.rows * shap.outputs;
    const csv: Array<{ name: string; values: ArrayLike<number> | ArrayLike<string | null> }> = [
      { name: 'row', values: Float64Array.from({ length: lines }, (_, j) => rows[Math.floor(j / shap.outputs)]) },
      { name: 'output', values: Array.from({ length: lines }, (_, j) => outputNames[j % shap.outputs]) },
      {
        name: 'base',
        values: Float64Array.from({ length: lines }, (_, j) => (rowBase ?? shap.base)[rowBase ? j : j % shap.outputs]),
      },
      { name: 'model_output', values: Float64Array.from({ length: lines }, (_, j) => shap.output[j]) },
      ...columns.map((name, c) => ({
        name,
        values: Float64Array.from({ length: lines }, (_, j) => {
          const i = Math.floor(j / shap.outputs);
          const k = j % shap.outputs;
          return shap.values[(i * shap.features + c) * shap.outputs + k];
        }),
      })),
    ];
    await writeTextAtomic(target, formatCsv(csv), { createFolder: true, shown: params.out });
  }
  const recordName = `${loaded.runId}--${loaded.name}--${stem(params.data)}`;
  const small = shap.rows * shap.features * shap.outputs <= MAX_RESULT_NUMBERS;
  const result: ExplainResult = {
    runId: loaded.runId,
    model: loaded.name,
    data: params.data,
    method,
    methodNote: note,
    outputKind,
    outputNames,
    columns,
    rows,
    base: Array.from(shap.base),
    output: Array.from({ length: shap.rows }, (_, i) =>
      Array.from(shap.output.subarray(i * shap.outputs, (i + 1) * shap.outputs)),
    ),
    ...(small ? { values: nested(shap.values, shap.rows, shap.features, shap.outputs) } : {}),
    ...(small && errors ? { standardErrors: nested(errors, shap.rows, shap.features, shap.outputs) } : {}),
    additivityError: shap.additivityError,
    evaluations,
    global,
    backgroundRows,
    ...(interactions ? { interactions } : {}),
    ...(lime ? { lime } : {}),
    ...(out ? { out } : {}),
    ...(detailed
      ? {
          details: rows.map((_, i) =>
            waterfallRow(
              plotInput,
              i,
              worst?.find((w) => w.position === i),
            ),
          ),
        }
      : {}),
    ...(params.record === false ? {} : { plots: `.mlcycle/explanations/plots/${recordName}.json` }),
    notices,
  };
  if (params.record === false) {
    ctx.report({ message: 'Done', fraction: 1 });
    return result;
  }
  // The plots first: a record is what says the explanation is finished.
  const plotsPath = result.plots!;
  await writeTextAtomic(resolve(root, plotsPath), JSON.stringify(plots) + '\n', { createFolder: true });
  const top = global
    .slice(0, 3)
    .map((g) => g.column)
    .join(', ');
  await writeRecord(root, {
    schemaVersion: 1,
    kind: 'explanation',
    name: recordName,
    createdAt: new Date().toISOString(),
    inputs: await inputFingerprints(root, [file, loaded.file]),
    outcome: passed ? 'pass' : 'fail',
    summary: `${rows.length} rows of ${params.data} by ${method}; most influential: ${top}.`,
    data: {
      runId: result.runId,
      model: result.model,
      data: result.data,
      method,
      methodNote: note,
      outputKind,
      outputNames,
      columns,
      base: result.base,
      rows: rows.length,
      additivityError: shap.additivityError,
      evaluations,
      global,
      plots: plotsPath,
      ...(lime ? { lime: { samples: lime.samples, kernelWidth: lime.kernelWidth, stability: lime.stability } } : {}),
    },
  });
  ctx.report({ message: 'Done', fraction: 1 });
  return result;
}
