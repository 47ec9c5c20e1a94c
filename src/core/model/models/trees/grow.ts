// Grows one CART tree on binned features (the split finder of the decision tree and of every tree
// of a forest). At each node the candidate features' histograms (bin → weighted class counts or
// sums of y) are built in one pass over the node's rows, then each is scanned left to right for
// the best threshold, trying missing values on both sides (kept where they reduce impurity most,
// as in scikit-learn ≥ 1.3). Rows live in one index array; a node owns a contiguous range of it
// and a split partitions the range (stably, so reads stay in row order): nothing is allocated
// per row.
import { MISSING_BIN } from '../../binning';
import { classHistograms, clearHistogram, regressionHistograms, rowMajor, sortBins } from './histogram';
import type { Rng } from './random';
import { BestSplit, scanFeature } from './splitScan';

export type Criterion = 'gini' | 'entropy' | 'squared_error';

export interface GrowOptions {
  criterion: Criterion;
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  /** Features drawn (without replacement) per split. */
  maxFeatures: number;
  minImpurityDecrease: number;
}

/** Binned training data as a tree sees it (shared read-only between threads). */
export interface TreeData {
  rows: number;
  cols: number;
  /** Column-major bin codes, MISSING_BIN for NaN. */
  bins: Uint8Array;
  /** The same codes row-major (built on demand when absent; a forest builds it once). */
  rowBins?: Uint8Array;
  /** Classification: number of classes (≥ 1); regression: 0. */
  nClasses: number;
  yClass?: Int32Array;
  yValue?: Float64Array;
}

/** A grown tree in preorder; for a leaf, feature = -1 and left = its leaf index. */
export interface GrownTree {
  nodeCount: number;
  feature: Int32Array;
  /** Split: rows with bin ≤ thresholdBin go left. */
  thresholdBin: Uint8Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  nLeaves: number;
  /** Per leaf: class fractions (classification) or the mean (regression). */
  leafValues: Float64Array;
  nOutputs: number;
  /** Unnormalised impurity decrease per feature (sum of w·imp − wL·impL − wR·impR). */
  importance: Float64Array;
  depth: number;
}

const EPSILON = 2.220446049250313e-15 * 10;

interface PendingNode {
  start: number;
  end: number;
  depth: number;
  parent: number;
  isLeft: boolean;
  /** Stats layout: [w, n, ...] (see statsSize). */
  stats: Float64Array;
  impurity: number;
  /** Features known to be constant in this node (from its ancestors), or null. */
  constants: Uint8Array | null;
}

/** Growable preorder node storage. */
class NodeStore {
  count = 0;
  feature = new Int32Array(64);
  thresholdBin = new Uint8Array(64);
  missingLeft = new Uint8Array(64);
  left = new Int32Array(64);
  right = new Int32Array(64);
  leafCount = 0;
  leafValues: Float64Array;

  constructor(readonly nOutputs: number) {
    this.leafValues = new Float64Array(64 * nOutputs);
  }

  add(): number {
    if (this.count === this.feature.length) {
      const size = this.count * 2;
      this.feature = grow(this.feature, new Int32Array(size));
      this.thresholdBin = grow(this.thresholdBin, new Uint8Array(size));
      this.missingLeft = grow(this.missingLeft, new Uint8Array(size));
      this.left = grow(this.left, new Int32Array(size));
      this.right = grow(this.right, new Int32Array(size));
    }
    return this.count++;
  }

  addLeaf(node: number): number {
    if ((this.leafCount + 1) * this.nOutputs > this.leafValues.length)
      this.leafValues = grow(this.leafValues, new Float64Array(this.leafValues.length * 2));
    this.feature[node] = -1;
    this.left[node] = this.leafCount;
    this.right[node] = -1;
    return this.leafCount++;
  }
}

function grow<T extends Int32Array | Uint8Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** Node impurity from its stats: Gini, entropy (bits) or variance. */
function impurityOf(criterion: Criterion, s: Float64Array, nClasses: number): number {
  const w = s[0];
  if (w <= 0) return 0;
  if (criterion === 'squared_error') {
    const mean = s[2] / w;
    return Math.max(0, s[3] / w - mean * mean);
  }
  let sum = 0;
  for (let k = 0; k < nClasses; k++) {
    const p = s[2 + k] / w;
    if (criterion === 'gini') sum += p * p;
    else if (p > 0) sum -= p * Math.log2(p);
  }
  return criterion === 'gini' ? 1 - sum : sum;
}

/**
 * Grows a tree on the rows whose weight is > 0 (`sampleWeight` null = every row, weight 1).
 * Bootstrap counts arrive as weights, as in scikit-learn's forests.
 */
export function growTree(data: TreeData, sampleWeight: Float64Array | null, opt: GrowOptions, rng: Rng): GrownTree {
  const { rows, cols, bins, nClasses } = data;
  const regression = nClasses === 0;
  const K = nClasses;
  const S = regression ? 4 : K + 2;
  const nOutputs = regression ? 1 : K;
  const criterion = opt.criterion;
  const yClass = data.yClass ?? new Int32Array(0);
  const yValue = data.yValue ?? new Float64Array(0);

  const weight = sampleWeight ?? new Float64Array(rows).fill(1);
  let used = 0;
  const index = new Int32Array(rows);
  for (let r = 0; r < rows; r++) if (weight[r] > 0) index[used++] = r;
  // Weight and target per position, moved along with `index` so histograms read them in order.
  const posWeight = new Float64Array(used);
  const posClass = new Int32Array(regression ? 0 : used);
  const posValue = new Float64Array(regression ? used : 0);
  for (let i = 0; i < used; i++) {
    const r = index[i];
    posWeight[i] = weight[r];
    if (regression) posValue[i] = yValue[r];
    else posClass[i] = yClass[r];
  }
  const tmpIndex = new Int32Array(used);
  const tmpWeight = new Float64Array(used);
  const tmpClass = new Int32Array(posClass.length);
  const tmpValue = new Float64Array(posValue.length);

  // Root statistics.
  const rootStats = new Float64Array(S);
  for (let i = 0; i < used; i++) {
    const r = index[i];
    const w = weight[r];
    rootStats[0] += w;
    rootStats[1] += 1;
    if (regression) {
      rootStats[2] += w * yValue[r];
      rootStats[3] += w * yValue[r] * yValue[r];
    } else rootStats[2 + yClass[r]] += w;
  }
  const rootWeight = rootStats[0];

  const store = new NodeStore(nOutputs);
  const importance = new Float64Array(cols);
  // One histogram (and list of non-empty bins) per feature of a batch.
  const slots = Math.max(1, Math.min(cols, opt.maxFeatures));
  const histMemory = new Float64Array(slots * 256 * S);
  const hists = Array.from({ length: slots }, (_, k) => histMemory.subarray(k * 256 * S, (k + 1) * 256 * S));
  const binLists = Array.from({ length: slots }, () => new Int32Array(256));
  const binCounts = new Int32Array(slots);
  const batch = new Int32Array(slots);
  const rowBins = data.rowBins ?? rowMajor(bins, rows, cols);
  const cum = new Float64Array(S);
  const best = new BestSplit(S);
  const missOffset = MISSING_BIN * S;
  const features = new Int32Array(cols);
  for (let j = 0; j < cols; j++) features[j] = j;
  let maxDepthSeen = 0;

  const stack: PendingNode[] = [
    {
      start: 0,
      end: used,
      depth: 0,
      parent: -1,
      isLeft: false,
      stats: rootStats,
      impurity: impurityOf(criterion, rootStats, K),
      constants: null,
    },
  ];

  while (stack.length > 0) {
    const node = stack.pop()!;
    const id = store.add();
    if (node.parent >= 0) {
      if (node.isLeft) store.left[node.parent] = id;
      else store.right[node.parent] = id;
    }
    if (node.depth > maxDepthSeen) maxDepthSeen = node.depth;
    const { start, end, stats } = node;
    const n = end - start;
    const isLeaf = node.depth >= opt.maxDepth || n < opt.minSamplesSplit || node.impurity <= EPSILON;

    best.reset();
    let childConstants = node.constants;

    if (!isLeaf) {
      // scikit-learn's feature sampling: draw max_features features without replacement (all
      // of them, constant ones included, count), and keep drawing one at a time while every
      // feature drawn so far is constant in this node. Each batch is histogrammed in one pass.
      let visited = 0;
      let constantsSeen = 0;
      let drawn = 0;
      while (drawn < cols && (visited < opt.maxFeatures || visited <= constantsSeen)) {
        const want = visited < opt.maxFeatures ? opt.maxFeatures - visited : 1;
        let F = 0;
        for (let d = 0; d < want && drawn < cols; d++) {
          const pick = drawn + rng.int(cols - drawn);
          const f = features[pick];
          features[pick] = features[drawn];
          features[drawn] = f;
          drawn++;
          visited++;
          if (node.constants !== null && node.constants[f] === 1) constantsSeen++;
          else batch[F++] = f;
        }
        if (F === 0) continue;
        if (regression)
          regressionHistograms(
            hists,
            binLists,
            binCounts,
            S,
            rowBins,
            cols,
            batch,
            F,
            index,
            start,
            end,
            posWeight,
            posValue,
          );
        else
          classHistograms(
            hists,
            binLists,
            binCounts,
            S,
            rowBins,
            cols,
            batch,
            F,
            index,
            start,
            end,
            posWeight,
            posClass,
          );
        for (let k = 0; k < F; k++) {
          const f = batch[k];
          const hist = hists[k];
          const list = binLists[k];
          const u = binCounts[k];
          const nMissing = hist[missOffset + 1];
          const nonMissingBins = nMissing > 0 ? u - 1 : u;
          if (nonMissingBins === 0 || (nMissing === 0 && nonMissingBins === 1)) {
            // Constant in this node, hence in every node below it.
            constantsSeen++;
            if (childConstants === node.constants)
              childConstants = node.constants ? node.constants.slice() : new Uint8Array(cols);
            childConstants![f] = 1;
          } else {
            // Non-empty bins in increasing order (the missing bin, 255, sorts last and is left out).
            sortBins(list, u);
            scanFeature(
              f,
              criterion,
              S,
              hist,
              list,
              nonMissingBins,
              missOffset,
              stats,
              n,
              opt.minSamplesLeaf,
              cum,
              best,
            );
          }
          clearHistogram(hist, list, u, S);
        }
      }
    }

    let split = false;
    let leftStats: Float64Array | null = null;
    let rightStats: Float64Array | null = null;
    let impL = 0;
    let impR = 0;
    if (best.feature >= 0) {
      leftStats = best.left.slice();
      rightStats = new Float64Array(S);
      for (let k = 0; k < S; k++) rightStats[k] = stats[k] - leftStats[k];
      impL = impurityOf(criterion, leftStats, K);
      impR = impurityOf(criterion, rightStats, K);
      const w = stats[0];
      const improvement = (w / rootWeight) * (node.impurity - (leftStats[0] / w) * impL - (rightStats[0] / w) * impR);
      split = improvement + EPSILON >= opt.minImpurityDecrease;
    }

    if (!split) {
      const leaf = store.addLeaf(id);
      const out = store.leafValues;
      const w = stats[0];
      if (regression) out[leaf] = w > 0 ? stats[2] / w : 0;
      else for (let k = 0; k < K; k++) out[leaf * K + k] = w > 0 ? stats[2 + k] / w : 1 / K;
      continue;
    }

    // Partition the node's rows: left = bin ≤ threshold (missing by the learned side).
    const nLeft = leftStats![1];
    const missingLeft = best.hasMissing ? best.missingLeft : nLeft >= n - nLeft;
    const base = best.feature * rows;
    // Stable, so each node's rows stay in increasing order (feature columns are read forwards).
    let i = start;
    let t = 0;
    for (let p = start; p < end; p++) {
      const r = index[p];
      const b = bins[base + r];
      const goLeft = b === MISSING_BIN ? missingLeft : b <= best.bin;
      if (goLeft) {
        index[i] = r;
        posWeight[i] = posWeight[p];
        if (regression) posValue[i] = posValue[p];
        else posClass[i] = posClass[p];
        i++;
      } else {
        tmpIndex[t] = r;
        tmpWeight[t] = posWeight[p];
        if (regression) tmpValue[t] = posValue[p];
        else tmpClass[t] = posClass[p];
        t++;
      }
    }
    index.set(tmpIndex.subarray(0, t), i);
    posWeight.set(tmpWeight.subarray(0, t), i);
    if (regression) posValue.set(tmpValue.subarray(0, t), i);
    else posClass.set(tmpClass.subarray(0, t), i);
    store.feature[id] = best.feature;
    store.thresholdBin[id] = best.bin;
    store.missingLeft[id] = missingLeft ? 1 : 0;
    importance[best.feature] += stats[0] * node.impurity - leftStats![0] * impL - rightStats![0] * impR;
    const depth = node.depth + 1;
    stack.push({
      start: i,
      end,
      depth,
      parent: id,
      isLeft: false,
      stats: rightStats!,
      impurity: impR,
      constants: childConstants,
    });
    stack.push({
      start,
      end: i,
      depth,
      parent: id,
      isLeft: true,
      stats: leftStats!,
      impurity: impL,
      constants: childConstants,
    });
  }

  const count = store.count;
  return {
    nodeCount: count,
    feature: store.feature.slice(0, count),
    thresholdBin: store.thresholdBin.slice(0, count),
    missingLeft: store.missingLeft.slice(0, count),
    left: store.left.slice(0, count),
    right: store.right.slice(0, count),
    nLeaves: store.leafCount,
    leafValues: store.leafValues.slice(0, store.leafCount * nOutputs),
    nOutputs,
    importance,
    depth: maxDepthSeen,
  };
}
