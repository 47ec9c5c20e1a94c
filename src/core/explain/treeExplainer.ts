// TreeSHAP over a model's trees (treeModels.ts) for many rows: path-dependent (the covers stand
// for the data; by quadrature, treeShapFast.ts) or interventional (against background rows). A tree set's explanation is the
// scaled sum of its trees' (Shapley values are linear in the model), with the base value and an
// additivity check on every row: base + Σ φ = the model's output, to 1e-9 relative.
import { withAdditivity } from './additivity';
import type { ShapTree } from './shapTree';
import { coverMean, leafOf, treeDepth } from './shapTree';
import { addInterventionalShap, InterventionalScratch } from './treeShapInterventional';
import { addBatchPathShap, BATCH_ROWS, BatchScratch, hasZeroCover } from './treeShapBatch';
import { addBatchPathShapOne, BatchOneScratch } from './treeShapBatchOne';
import { addFastPathShap, FastScratch } from './treeShapFast';
import type { TreeSet } from './treeModels';

export interface ShapValues {
  rows: number;
  features: number;
  outputs: number;
  /** Row-major: row i, feature f, output k at (i·features + f)·outputs + k. */
  values: Float64Array;
  /** The expected output the contributions start from, per output (interventional: per background mean). */
  base: Float64Array;
  /** The model's output on each row (rows × outputs), what base + Σ φ must equal. */
  output: Float64Array;
  /** The largest |base + Σ φ − output| / max(1, |output|) over rows and outputs. */
  additivityError: number;
}

export interface ExplainOptions {
  signal?: AbortSignal;
  /** Called after each row with the number done. */
  onRow?(done: number): void;
}

/** Adds the trees' scaled outputs on a row to out (outputs). */
function addModelOutput(set: TreeSet, row: ArrayLike<number>, out: Float64Array, at = 0): void {
  set.trees.forEach((tree, t) => {
    const leaf = leafOf(tree, row);
    if (set.target) out[at + set.target[t]] += set.scale * tree.values[leaf];
    else for (let k = 0; k < set.outputs; k++) out[at + k] += set.scale * tree.values[leaf * set.outputs + k];
  });
  for (let k = 0; k < set.outputs; k++) out[at + k] += set.offset[k];
}

/** Per tree, a buffer of features × (its outputs) and where it goes. */
function treeBuffers(set: TreeSet, features: number) {
  const perOutput = set.target ? Array.from({ length: set.outputs }, () => new Float64Array(features)) : undefined;
  const whole = set.target ? undefined : new Float64Array(features * set.outputs);
  const bufferOf = (t: number) => (perOutput ? perOutput[set.target![t]] : whole!);
  const flush = (into: Float64Array, at: number) => {
    for (let f = 0; f < features; f++)
      for (let k = 0; k < set.outputs; k++) {
        const v = perOutput ? perOutput[k][f] : whole![f * set.outputs + k];
        into[at + f * set.outputs + k] = set.scale * v;
      }
    if (perOutput) for (const b of perOutput) b.fill(0);
    else whole!.fill(0);
  };
  return { bufferOf, flush };
}

const maxDepthOf = (trees: readonly ShapTree[]) => trees.reduce((d, t) => Math.max(d, treeDepth(t)), 0);

/** The path-dependent base value: the trees' expected outputs under their covers, per output. */
export function pathBase(set: TreeSet): Float64Array {
  const base = Float64Array.from(set.offset);
  set.trees.forEach((tree, t) => {
    const mean = coverMean(tree);
    if (set.target) base[set.target[t]] += set.scale * mean[0];
    else for (let k = 0; k < set.outputs; k++) base[k] += set.scale * mean[k];
  });
  return base;
}

/**
 * Path-dependent TreeSHAP of the batches of BATCH_ROWS rows that `next` hands out (the first row
 * of each; ≥ the row count to stop), into `values` and `output` (shaped as ShapValues'). Threads
 * sharing one counter share the rows this way.
 */
export function explainPathBatches(
  set: TreeSet,
  rows: Float64Array,
  features: number,
  values: Float64Array,
  output: Float64Array,
  next: () => number,
  options: ExplainOptions = {},
): void {
  const n = rows.length / features;
  const outputs = set.outputs;
  const depth = maxDepthOf(set.trees);
  const treeOutputs = set.trees[0]?.nOutputs ?? 1;
  const scratch = new FastScratch(features, depth, treeOutputs);
  const batchScratch = new BatchScratch(features, depth, treeOutputs, BATCH_ROWS);
  const oneScratch = treeOutputs === 1 ? new BatchOneScratch(features, depth, BATCH_ROWS) : undefined;
  // Per batch: one buffer per output for one-output trees (boosting), else one for all outputs.
  const acc = set.target
    ? Array.from({ length: outputs }, () => new Float64Array(BATCH_ROWS * features))
    : [new Float64Array(BATCH_ROWS * features * outputs)];
  for (let i0 = next(); i0 < n; i0 = next()) {
    options.signal?.throwIfAborted();
    const r = Math.min(BATCH_ROWS, n - i0);
    const batch = rows.subarray(i0 * features, (i0 + r) * features);
    for (const a of acc) a.fill(0);
    set.trees.forEach((tree, t) => {
      const buffer = set.target ? acc[set.target[t]] : acc[0];
      if (!hasZeroCover(tree))
        return oneScratch
          ? addBatchPathShapOne(tree, batch, r, features, buffer, oneScratch)
          : addBatchPathShap(tree, batch, r, features, buffer, batchScratch);
      const width = features * treeOutputs;
      for (let j = 0; j < r; j++)
        addFastPathShap(
          tree,
          batch.subarray(j * features, (j + 1) * features),
          buffer.subarray(j * width, (j + 1) * width),
          scratch,
        );
    });
    for (let j = 0; j < r; j++) {
      const at = (i0 + j) * features * outputs;
      for (let f = 0; f < features; f++)
        for (let k = 0; k < outputs; k++)
          values[at + f * outputs + k] =
            set.scale * (set.target ? acc[k][j * features + f] : acc[0][(j * features + f) * outputs + k]);
      addModelOutput(set, batch.subarray(j * features, (j + 1) * features), output, (i0 + j) * outputs);
    }
    options.onRow?.(i0 + r);
  }
}

/** Path-dependent TreeSHAP of every row (`rows`: row-major, `features` per row). */
export function explainTreesPath(
  set: TreeSet,
  rows: Float64Array,
  features: number,
  options: ExplainOptions = {},
): ShapValues {
  const n = rows.length / features;
  const outputs = set.outputs;
  const values = new Float64Array(n * features * outputs);
  const output = new Float64Array(n * outputs);
  let first = 0;
  const next = () => {
    const i0 = first;
    first += BATCH_ROWS;
    return i0;
  };
  explainPathBatches(set, rows, features, values, output, next, options);
  return withAdditivity({ rows: n, features, outputs, values, base: pathBase(set), output, additivityError: 0 });
}

/** Interventional TreeSHAP of every row against the background rows (both row-major). */
export function explainTreesInterventional(
  set: TreeSet,
  rows: Float64Array,
  features: number,
  background: Float64Array,
  options: ExplainOptions = {},
): ShapValues {
  const n = rows.length / features;
  const b = background.length / features;
  if (b === 0) throw new Error('The interventional explainer needs at least one background row.');
  const outputs = set.outputs;
  const values = new Float64Array(n * features * outputs);
  const output = new Float64Array(n * outputs);
  const base = new Float64Array(outputs);
  for (let j = 0; j < b; j++) addModelOutput(set, background.subarray(j * features, (j + 1) * features), base);
  for (let k = 0; k < outputs; k++) base[k] /= b;
  const scratch = new InterventionalScratch(features, maxDepthOf(set.trees));
  const { bufferOf, flush } = treeBuffers(set, features);
  for (let i = 0; i < n; i++) {
    options.signal?.throwIfAborted();
    const row = rows.subarray(i * features, (i + 1) * features);
    for (let j = 0; j < b; j++) {
      const z = background.subarray(j * features, (j + 1) * features);
      set.trees.forEach((tree, t) => addInterventionalShap(tree, row, z, bufferOf(t), 1 / b, scratch));
    }
    flush(values, i * features * outputs);
    addModelOutput(set, row, output, i * outputs);
    options.onRow?.(i + 1);
  }
  return withAdditivity({ rows: n, features, outputs, values, base, output, additivityError: 0 });
}
