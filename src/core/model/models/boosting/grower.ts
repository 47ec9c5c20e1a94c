// Grows one regression tree on gradients, leaf-wise (best-first) like scikit-learn's TreeGrower /
// LightGBM: the splittable leaf with the largest gain is split next, until max_leaf_nodes leaves,
// max_depth, min_samples_leaf or no positive gain stops it. Rows are partitioned in place in one
// index buffer, so every node owns a contiguous range; only the smaller child's histogram is built.
import { MISSING_BIN } from '../../binning';
import { FEATURE_STRIDE, gatherGradients, subtractHistogram, type HistogramInput } from './histogram';
import { emptySplit, findBestSplit, MIN_HESSIAN_TO_SPLIT, type SplitConstraints, type SplitInfo } from './splitter';

/** Local copy: an imported binding is a getter call under tsx, too slow for the partition loop. */
const MISSING: number = MISSING_BIN;

export interface GrowerOptions extends SplitConstraints {
  maxLeafNodes: number | null;
  maxDepth: number | null;
  learningRate: number;
}

/** Builds features [0, cols) of a node's histogram (in-process or on worker threads). */
export interface HistogramBuilder {
  build(
    hist: Float64Array,
    start: number,
    end: number,
    orderedG: Float32Array,
    orderedH: Float32Array,
    identity: boolean,
  ): void;
}

/** One grown tree; node 0 is the root, leaves have feature −1. */
export interface GrownTree {
  feature: Int32Array;
  binThreshold: Uint8Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  /** Leaf values, already multiplied by the learning rate (0 for inner nodes). */
  value: Float64Array;
  /** Split gain of inner nodes (for feature importances). */
  gain: Float64Array;
}

export interface GrowerBuffers {
  indices: Uint32Array;
  orderedG: Float32Array;
  orderedH: Float32Array;
}

export function growerBuffers(rows: number): GrowerBuffers {
  return { indices: new Uint32Array(rows), orderedG: new Float32Array(rows), orderedH: new Float32Array(rows) };
}

interface GrowNode {
  id: number;
  start: number;
  end: number;
  depth: number;
  G: number;
  H: number;
  hist: Float64Array | null;
  split: SplitInfo;
  isLeaf: boolean;
  leftChild: number;
  rightChild: number;
}

export class TreeGrower {
  private readonly histPool: Float64Array[] = [];
  private readonly scratch: Uint32Array;
  private readonly orderedG: Float32Array;
  private readonly orderedH: Float32Array;
  private readonly indices: Uint32Array;
  private readonly goesLeft = new Uint8Array(MISSING + 1);

  /** `buffers`: the row-index and ordered-gradient buffers (shared memory when a histogram thread reads them). */
  constructor(
    private readonly input: Pick<HistogramInput, 'bins' | 'rows'>,
    private readonly options: GrowerOptions,
    private readonly builder: HistogramBuilder,
    buffers: GrowerBuffers = growerBuffers(input.rows),
  ) {
    this.indices = buffers.indices;
    this.orderedG = buffers.orderedG;
    this.orderedH = buffers.orderedH;
    this.scratch = new Uint32Array(input.rows);
  }

  private takeHist(): Float64Array {
    return this.histPool.pop() ?? new Float64Array(this.options.nBins.length * FEATURE_STRIDE);
  }

  private release(node: GrowNode): void {
    if (node.hist) this.histPool.push(node.hist);
    node.hist = null;
  }

  /**
   * Grows a tree on gradients/hessians of the training rows and adds its leaf values to
   * raw[rawOffset + row] for every training row.
   */
  grow(gradients: Float32Array, hessians: Float32Array, raw: Float64Array, rawOffset: number): GrownTree {
    const { rows } = this.input;
    const opts = this.options;
    const indices = this.indices;
    for (let i = 0; i < rows; i++) indices[i] = i;
    const hInput = { gradients, hessians, indices };
    const nodes: GrowNode[] = [];
    const makeNode = (start: number, end: number, depth: number, G: number, H: number): GrowNode => {
      const node: GrowNode = {
        id: nodes.length,
        start,
        end,
        depth,
        G,
        H,
        hist: null,
        split: emptySplit(),
        isLeaf: false,
        leftChild: -1,
        rightChild: -1,
      };
      nodes.push(node);
      return node;
    };
    const leaves: GrowNode[] = [];
    const finalize = (node: GrowNode) => {
      node.isLeaf = true;
      leaves.push(node);
      this.release(node);
    };
    const splittable: GrowNode[] = [];
    const canSplit = (node: GrowNode) =>
      node.end - node.start >= 2 * opts.minSamplesLeaf &&
      node.H >= MIN_HESSIAN_TO_SPLIT &&
      (opts.maxDepth === null || node.depth < opts.maxDepth);
    const evaluate = (node: GrowNode) => {
      findBestSplit(node.hist!, node.G, node.H, node.end - node.start, opts, node.split);
      if (node.split.gain <= 0) finalize(node);
      else splittable.push(node);
    };

    let G = 0;
    let H = 0;
    for (let i = 0; i < rows; i++) {
      G += gradients[i];
      H += hessians[i];
    }
    const root = makeNode(0, rows, 0, G, H);
    if (!canSplit(root)) finalize(root);
    else {
      root.hist = this.takeHist();
      this.builder.build(root.hist, 0, rows, gradients, hessians, true);
      evaluate(root);
    }

    while (splittable.length > 0) {
      let pick = 0;
      for (let k = 1; k < splittable.length; k++) if (splittable[k].split.gain > splittable[pick].split.gain) pick = k;
      const node = splittable.splice(pick, 1)[0];
      const split = node.split;
      const mid = this.partition(node.start, node.end, split);
      const left = makeNode(node.start, mid, node.depth + 1, split.gLeft, split.hLeft);
      const right = makeNode(mid, node.end, node.depth + 1, split.gRight, split.hRight);
      if (!opts.hasMissing[split.feature]) {
        // No missing values in training: unseen missing values follow the larger child.
        split.missingLeft = left.end - left.start > right.end - right.start;
      }
      node.leftChild = left.id;
      node.rightChild = right.id;
      const nLeaves = leaves.length + splittable.length + 2;
      if (opts.maxLeafNodes !== null && nLeaves >= opts.maxLeafNodes) {
        this.release(node);
        finalize(left);
        finalize(right);
        for (const s of splittable.splice(0)) finalize(s);
        break;
      }
      const splitLeft = canSplit(left);
      const splitRight = canSplit(right);
      if (splitLeft || splitRight) {
        const smaller = left.end - left.start <= right.end - right.start ? left : right;
        const larger = smaller === left ? right : left;
        smaller.hist = this.takeHist();
        gatherGradients(hInput, smaller.start, smaller.end, this.orderedG, this.orderedH);
        this.builder.build(smaller.hist, smaller.start, smaller.end, this.orderedG, this.orderedH, false);
        larger.hist = this.takeHist();
        subtractHistogram(node.hist!, smaller.hist, larger.hist);
      }
      this.release(node);
      if (splitLeft) evaluate(left);
      else finalize(left);
      if (splitRight) evaluate(right);
      else finalize(right);
    }
    return this.toTree(nodes, raw, rawOffset);
  }

  /** Stable in-place partition of indices[start, end) by the split; returns the first right position. */
  private partition(start: number, end: number, split: SplitInfo): number {
    const { bins, rows } = this.input;
    const indices = this.indices;
    const scratch = this.scratch;
    const base = split.feature * rows;
    // Per bin code: 1 when its rows go left. With it the loop has no data-dependent branch: each
    // row is written to both sides and only the side it belongs to advances.
    const goesLeft = this.goesLeft;
    for (let b = 0; b < MISSING; b++) goesLeft[b] = b <= split.binThreshold ? 1 : 0;
    goesLeft[MISSING] = split.missingLeft ? 1 : 0;
    let l = start;
    let r = 0;
    for (let i = start; i < end; i++) {
      const row = indices[i];
      const left = goesLeft[bins[base + row]];
      indices[l] = row;
      scratch[r] = row;
      l += left;
      r += 1 - left;
    }
    indices.set(scratch.subarray(0, r), l);
    return l;
  }

  private toTree(nodes: GrowNode[], raw: Float64Array, rawOffset: number): GrownTree {
    const n = nodes.length;
    const tree: GrownTree = {
      feature: new Int32Array(n).fill(-1),
      binThreshold: new Uint8Array(n),
      missingLeft: new Uint8Array(n),
      left: new Int32Array(n).fill(-1),
      right: new Int32Array(n).fill(-1),
      value: new Float64Array(n),
      gain: new Float64Array(n),
    };
    const { l2, learningRate } = this.options;
    for (const node of nodes) {
      if (node.isLeaf) {
        const value = (-node.G / (node.H + l2 + 1e-15)) * learningRate;
        tree.value[node.id] = value;
        for (let i = node.start; i < node.end; i++) raw[rawOffset + this.indices[i]] += value;
      } else {
        tree.feature[node.id] = node.split.feature;
        tree.binThreshold[node.id] = node.split.binThreshold;
        tree.missingLeft[node.id] = node.split.missingLeft ? 1 : 0;
        tree.left[node.id] = node.leftChild;
        tree.right[node.id] = node.rightChild;
        tree.gain[node.id] = node.split.gain;
      }
    }
    return tree;
  }
}
