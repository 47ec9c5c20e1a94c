// Random trees for the explainer tests, grown on random data so every node's cover is the count
// of rows that reached it (a split's cover is its children's sum, as in a fitted tree): random
// split features and thresholds taken from the rows' values, NaN in the data with a random
// learned side per split, vector outputs at the leaves.
import type { ShapTree } from '../../../src/core/explain/shapTree';
import { seededRandom } from '../seededRandom';

export interface RandomTreeOptions {
  features: number;
  maxDepth: number;
  rows: number;
  outputs?: number;
  /** Share of NaN values in the data. */
  missing?: number;
}

export function randomData(random: () => number, rows: number, features: number, missing: number): Float64Array[] {
  return Array.from({ length: rows }, () =>
    Float64Array.from({ length: features }, () => (random() < missing ? NaN : Math.round(random() * 20) / 4)),
  );
}

export function randomTree(seed: number, o: RandomTreeOptions): { tree: ShapTree; data: Float64Array[] } {
  const random = seededRandom(seed);
  const outputs = o.outputs ?? 1;
  const data = randomData(random, o.rows, o.features, o.missing ?? 0.1);
  const feature: number[] = [];
  const threshold: number[] = [];
  const missingLeft: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const cover: number[] = [];
  const values: number[] = [];
  const grow = (rows: Float64Array[], depth: number): number => {
    const node = feature.length;
    feature.push(-1);
    threshold.push(0);
    missingLeft.push(0);
    left.push(-1);
    right.push(-1);
    cover.push(rows.length);
    for (let k = 0; k < outputs; k++) values.push(Math.round((random() * 2 - 1) * 1000) / 100);
    if (depth >= o.maxDepth || rows.length < 2 || random() < 0.15) return node;
    for (let attempt = 0; attempt < 5; attempt++) {
      const f = Math.floor(random() * o.features);
      const t = rows[Math.floor(random() * rows.length)][f];
      if (Number.isNaN(t)) continue;
      const nanLeft = random() < 0.5 ? 1 : 0;
      const goesLeft = (r: Float64Array) => (Number.isNaN(r[f]) ? nanLeft === 1 : r[f] <= t);
      const l = rows.filter(goesLeft);
      const r = rows.filter((x) => !goesLeft(x));
      if (l.length === 0 || r.length === 0) continue;
      feature[node] = f;
      threshold[node] = t;
      missingLeft[node] = nanLeft;
      left[node] = grow(l, depth + 1);
      right[node] = grow(r, depth + 1);
      break;
    }
    return node;
  };
  grow(data, 0);
  return {
    tree: {
      nodeCount: feature.length,
      feature: Int32Array.from(feature),
      threshold: Float64Array.from(threshold),
      missingLeft: Uint8Array.from(missingLeft),
      left: Int32Array.from(left),
      right: Int32Array.from(right),
      cover: Float64Array.from(cover),
      values: Float64Array.from(values),
      nOutputs: outputs,
    },
    data,
  };
}
