// The contributions of each column to a loaded model's output on a design matrix of rows: the
// method chosen (exact TreeSHAP or Linear SHAP where the model allows, else the permutation
// estimator), the training rows the model was fitted on read again for the covers and the
// background, and the result summed into input columns unless `expanded`. Shared by the explain
// job and `predict --explain`.
import { JobError } from '../../protocol/jobError';
import type { Matrix } from '../model/matrix';
import { createMatrix } from '../model/matrix';
import type { FittedModel } from '../model/models/estimator';
import type { RunData } from '../model/runTypes';
import type { LoadedArtifact } from '../model/train/artifacts';
import { loadTrainingData } from '../model/train/trainingData';
import type { RecordEnvelope } from '../records';
import { seededRandom } from '../seededRandom';
import { explainTreesPathThreaded } from './explainThreads';
import { chooseOutput } from './explainOutput';
import type { ExplainMethod, ExplainOutput, ExplainResult, ResolvedMethod } from './explainTypes';
import { groupByInput, groupErrors, inputGroupsOf, type InputGroups } from './inputGroups';
import { columnMeans, explainLinear, linearSetOf } from './linearShap';
import { explainKernel, kmeansSummary } from './kernelShap';
import { DEFAULT_LIME_SAMPLES, explainLimeRows, type LimeRun } from './lime';
import { explainSampling, type SampledShapValues } from './samplingShap';

/** KernelSHAP summarises the training rows into at most this many k-means centres. */
export const KERNEL_CENTRES = 10;
import { explainTreesInterventional, type ShapValues } from './treeExplainer';
import { rowMajor, treeSetOf, type TreeSet } from './treeModels';
import { explainTreesProbability, probabilityNames } from './treeShapProbability';

export interface ContributionRequest {
  root: string;
  loaded: LoadedArtifact & { runId: string; name: string };
  run: RecordEnvelope<RunData>;
  /** The rows to explain, through the model's pipeline. */
  X: Matrix;
  method: ExplainMethod;
  /** Default raw; probability: boosting classifiers explained in probability space (explainOutput.ts). */
  output?: ExplainOutput;
  background: number;
  seed: number;
  pairs: number;
  /** KernelSHAP: coalitions per row (default 2·features + 2,048, as shap's). */
  coalitions?: number;
  /** LIME: perturbations per row, kernel width, features per local model. */
  samples?: number;
  kernelWidth?: number;
  limeFeatures?: number;
  expanded: boolean;
  signal?: AbortSignal;
  report?(message: string, fraction: number): void;
  onRow?(done: number): void;
}

export interface Contributions {
  shap: ShapValues;
  errors?: Float64Array;
  columns: string[];
  method: ResolvedMethod;
  note: string;
  outputKind: ExplainResult['outputKind'];
  outputNames: string[];
  evaluations: number;
  backgroundRows: number;
  /** The model's trees (with covers) when it is a tree model, the rows as explained, the column groups. */
  trees?: TreeSet;
  explained: Float64Array;
  groups?: InputGroups;
  /** LIME's local models and stability (its intercepts are the rows' bases). */
  lime?: LimeRun;
}

/** `count` of the row-major rows, drawn without replacement (seeded), in their order; all of them when fewer. */
export function sampleRows(rows: Float64Array, features: number, count: number, seed: number): Float64Array {
  const n = rows.length / features;
  if (count >= n) return rows;
  const random = seededRandom(seed);
  const index = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (n - i));
    [index[i], index[j]] = [index[j], index[i]];
  }
  const chosen = Array.from(index.subarray(0, count)).sort((a, b) => a - b);
  const out = new Float64Array(count * features);
  chosen.forEach((r, i) => out.set(rows.subarray(r * features, (r + 1) * features), i * features));
  return out;
}

function batchModel(model: FittedModel, names: string[]) {
  const features = names.length;
  return (rows: Float64Array, n: number) => {
    const X = createMatrix(n, names);
    for (let i = 0; i < n; i++) for (let f = 0; f < features; f++) X.data[f * n + i] = rows[i * features + f];
    return model.task === 'classification' ? model.predictProba!(X) : model.predict(X);
  };
}

export async function computeContributions(request: ContributionRequest): Promise<Contributions> {
  const { root, loaded, run, X, signal, onRow } = request;
  const { artifact, pipeline, model } = loaded;
  request.report?.('Reading the training rows the model was fitted on', 0);
  const training = await loadTrainingData({
    root,
    spec: run.data.spec,
    ...(signal ? { signal } : {}),
    ...(run.data.missingValues ? { missingValues: { train: run.data.missingValues.train } } : {}),
  });
  const T = pipeline.transform(training.frame);
  const M = X.cols;
  const seed = request.seed;
  const backgroundRows = Math.max(1, Math.floor(request.background));
  const trainingRows = rowMajor(T);
  const background = sampleRows(trainingRows, M, backgroundRows, seed);
  const explained = rowMajor(X);
  const trees = treeSetOf(model, T);
  const linear = linearSetOf(model);
  const asked = request.method;
  let method: ResolvedMethod;
  let note: string;
  if (asked === 'auto') {
    method = trees ? 'tree-path' : linear ? 'linear' : 'sampling';
    note = trees
      ? 'exact path-dependent TreeSHAP (the training rows follow each tree by its node covers)'
      : linear
        ? 'exact Linear SHAP against the background mean'
        : `${model.kind} has no exact explainer: the permutation estimator (standard errors reported)`;
  } else {
    method = asked;
    note =
      asked === 'kernel'
        ? `KernelSHAP against a k-means summary of the training rows (at most ${KERNEL_CENTRES} centres), as asked`
        : asked === 'lime'
          ? `LIME with lime's tabular defaults (quartile bins of the ${T.rows} training rows, ${request.samples ?? DEFAULT_LIME_SAMPLES} samples per row, Ridge(alpha=1) on the same-bin indicators), as asked`
          : `${asked}, as asked`;
    if ((asked === 'tree-path' || asked === 'tree-interventional') && !trees)
      throw new JobError(
        'bad-input',
        `${asked} explains tree models; ${loaded.name} is ${model.kind}: use auto or sampling.`,
      );
    if (asked === 'linear' && !linear)
      throw new JobError(
        'bad-input',
        `linear explains linear and logistic regression; ${loaded.name} is ${model.kind}.`,
      );
  }
  const choice = chooseOutput(request.output ?? 'raw', asked, {
    name: loaded.name,
    classification: model.task === 'classification',
    ...(trees ? { trees } : {}),
    isLinear: linear !== undefined,
  });
  if (choice.method && choice.method !== method) {
    method = choice.method;
    note =
      method === 'tree-interventional'
        ? 'exact interventional TreeSHAP against the background rows'
        : `${model.kind}: the permutation estimator (standard errors reported)`;
  }
  if (choice.note) note = `${note}, ${choice.note}`;
  let shap: ShapValues;
  let errors: Float64Array | undefined;
  let evaluations = 0;
  let outputKind: ExplainResult['outputKind'];
  let outputNames: string[];
  let lime: LimeRun | undefined;
  if (method === 'lime') {
    const groups = request.expanded ? undefined : inputGroupsOf(pipeline);
    lime = await explainLimeRows(
      batchModel(model, X.names),
      model.task === 'classification' ? (artifact.classes?.length ?? 0) : 1,
      explained,
      trainingRows,
      M,
      {
        samples: request.samples ?? DEFAULT_LIME_SAMPLES,
        ...(request.kernelWidth !== undefined ? { kernelWidth: request.kernelWidth } : {}),
        ...(request.limeFeatures !== undefined ? { numFeatures: request.limeFeatures } : {}),
        seed,
        ...(signal ? { signal } : {}),
        ...(onRow ? { onRow } : {}),
        onStability: () => request.report?.("Measuring LIME's stability: a few rows again with 2 more seeds", 1),
      },
      (v) => (groups ? groupByInput(v, groups) : v),
    );
    shap = lime.values;
    evaluations = lime.values.evaluations + lime.stability.evaluations;
    outputKind = model.task === 'classification' ? 'probability' : 'value';
    outputNames = model.task === 'classification' ? [...(artifact.classes ?? [])] : ['value'];
  } else if (method === 'tree-path' || method === 'tree-interventional') {
    shap =
      method === 'tree-path'
        ? await explainTreesPathThreaded(trees!, explained, M, {
            ...(signal ? { signal } : {}),
            ...(onRow ? { onRow } : {}),
          })
        : (choice.probability ? explainTreesProbability : explainTreesInterventional)(
            trees!,
            explained,
            M,
            background,
            { ...(signal ? { signal } : {}), ...(onRow ? { onRow } : {}) },
          );
    outputKind = choice.probability ? 'probability' : trees!.outputKind;
    outputNames = choice.probability ? probabilityNames(trees!) : trees!.outputNames;
  } else if (method === 'linear') {
    shap = explainLinear(linear!, explained, M, columnMeans(background, M));
    outputKind = linear!.outputKind;
    outputNames = linear!.outputNames;
  } else {
    const outputs = model.task === 'classification' ? (artifact.classes?.length ?? 0) : 1;
    const progress = { ...(signal ? { signal } : {}), ...(onRow ? { onRow } : {}) };
    const sampled: SampledShapValues =
      method === 'kernel'
        ? await explainKernel(
            batchModel(model, X.names),
            outputs,
            explained,
            M,
            kmeansSummary(trainingRows, M, Math.min(KERNEL_CENTRES, backgroundRows), seed),
            { coalitions: request.coalitions ?? 2 * M + 2048, seed, ...progress },
          )
        : await explainSampling(batchModel(model, X.names), outputs, explained, M, background, {
            pairs: request.pairs,
            seed,
            ...progress,
          });
    shap = sampled;
    errors = sampled.standardErrors;
    evaluations = sampled.evaluations;
    outputKind = model.task === 'classification' ? 'probability' : 'value';
    outputNames = model.task === 'classification' ? [...(artifact.classes ?? [])] : ['value'];
  }
  const groups = request.expanded ? undefined : inputGroupsOf(pipeline);
  const columns = groups ? groups.columns : [...pipeline.featureNames];
  if (groups) {
    if (errors) errors = groupErrors(errors, shap.rows, shap.features, shap.outputs, groups);
    shap = groupByInput(shap, groups);
  }
  return {
    shap,
    ...(errors ? { errors } : {}),
    columns,
    method,
    note,
    outputKind,
    outputNames,
    evaluations,
    backgroundRows: method === 'lime' ? T.rows : Math.min(backgroundRows, T.rows),
    ...(trees ? { trees } : {}),
    explained,
    ...(groups ? { groups } : {}),
    ...(lime ? { lime } : {}),
  };
}
