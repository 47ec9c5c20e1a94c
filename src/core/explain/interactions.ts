// Interaction values of a tree model in the user's columns, for the chosen columns only: each
// row's Φ over encoded features (treeShapInteractions.ts) summed into input columns the way the
// contributions are (a column's features and shares from inputGroups.ts), then the strongest
// pairs overall. The cost is two conditioned walks of every tree per chosen feature and row, so
// a request is refused before it starts when its estimate is too large.
import type { InputGroups } from './inputGroups';
import { treeDepth } from './shapTree';
import type { TreeSet } from './treeModels';
import { addInteractions, diagonal } from './treeShapInteractions';
import { addPathShap, PathScratch } from './treeShapPath';

/** Node visits × path length² above which an interaction request is refused (about a minute here; tests lower it). */
export const interactionSettings = { budget: 6e9 };

export interface InteractionResult {
  /** The chosen input columns. */
  columns: string[];
  /** rows × all columns × chosen columns × outputs: Φ_ab at ((i·G + a)·C + c)·K + k. */
  values: Float64Array;
  /** The strongest pairs (a ≠ b) by mean |Φ_ab + Φ_ba| of the first output, strongest first. */
  pairs: Array<{ a: string; b: string; meanAbs: number }>;
}

/** The estimated work of an interaction request (for the refusal message). */
export function interactionCost(set: TreeSet, rows: number, chosenFeatures: number): number {
  const nodes =
    set.trees[0]?.root !== undefined ? set.trees[0].nodeCount : set.trees.reduce((s, t) => s + t.nodeCount, 0);
  const depth = set.trees.reduce((d, t) => Math.max(d, treeDepth(t)), 1);
  return rows * (2 * chosenFeatures + 1) * nodes * depth * depth;
}

export function featuresOfColumns(groups: InputGroups | undefined, columns: number[], features: number): number[] {
  if (!groups) return columns;
  const wanted = new Set(columns);
  return Array.from({ length: features }, (_, f) => f).filter((f) =>
    groups.shares[f].some((s) => wanted.has(s.column)),
  );
}

export function treeInteractions(
  set: TreeSet,
  rows: Float64Array,
  features: number,
  groups: InputGroups | undefined,
  columnNames: string[],
  chosenColumns: number[],
  signal?: AbortSignal,
): InteractionResult {
  const n = rows.length / features;
  const K = set.outputs;
  const chosenFeatures = featuresOfColumns(groups, chosenColumns, features);
  const F = chosenFeatures.length;
  const G = columnNames.length;
  const C = chosenColumns.length;
  const values = new Float64Array(n * G * C * K);
  const scratch = new PathScratch(set.trees.reduce((d, t) => Math.max(d, treeDepth(t)), 0));
  const treeK = set.trees[0]?.nOutputs ?? 1;
  const raw = new Float64Array(features * F * treeK);
  const phi = new Float64Array(features * treeK);
  // Per output: Φ over encoded features (features × F) of the row, scaled and mapped.
  const rowPhi = new Float64Array(features * F * K);
  const shareOf = (f: number) => (groups ? groups.shares[f] : [{ column: f, share: 1 }]);
  const chosenIndex = new Map(chosenColumns.map((c, i) => [c, i]));
  for (let i = 0; i < n; i++) {
    signal?.throwIfAborted();
    const row = rows.subarray(i * features, (i + 1) * features);
    rowPhi.fill(0);
    set.trees.forEach((tree, t) => {
      raw.fill(0);
      phi.fill(0);
      addInteractions(tree, row, chosenFeatures, features, raw, scratch);
      addPathShap(tree, row, phi, scratch);
      diagonal(raw, phi, chosenFeatures, features, treeK);
      for (let f = 0; f < features; f++)
        for (let c = 0; c < F; c++)
          for (let k = 0; k < treeK; k++) {
            const out = set.target ? set.target[t] : k;
            rowPhi[(f * F + c) * K + out] += set.scale * raw[(f * F + c) * treeK + k];
          }
    });
    for (let f = 0; f < features; f++)
      for (let c = 0; c < F; c++) {
        const g = chosenFeatures[c];
        for (const a of shareOf(f))
          for (const b of shareOf(g)) {
            const cb = chosenIndex.get(b.column);
            if (cb === undefined) continue;
            for (let k = 0; k < K; k++)
              values[((i * G + a.column) * C + cb) * K + k] += a.share * b.share * rowPhi[(f * F + c) * K + k];
          }
      }
  }
  const pairs: InteractionResult['pairs'] = [];
  for (let c1 = 0; c1 < C; c1++)
    for (let c2 = c1 + 1; c2 < C; c2++) {
      const a = chosenColumns[c1];
      const b = chosenColumns[c2];
      let s = 0;
      for (let i = 0; i < n; i++)
        s += Math.abs(values[((i * G + a) * C + c2) * K] + values[((i * G + b) * C + c1) * K]);
      pairs.push({ a: columnNames[a], b: columnNames[b], meanAbs: n > 0 ? s / n : 0 });
    }
  pairs.sort((x, y) => y.meanAbs - x.meanAbs);
  return { columns: chosenColumns.map((c) => columnNames[c]), values, pairs };
}
