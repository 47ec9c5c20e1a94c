// The one tree shape every tree explainer reads: nodes in flat typed arrays (children as node
// numbers, −1 for a leaf), the split (x ≤ threshold goes left, NaN to the learned side), the
// cover of each node (the training weight that reached it; the path-dependent explainer's
// stand-in for the data distribution) and each node's output vector (leaves are read).
// Adapters from the fitted forests and boosting ensembles build these.

export interface ShapTree {
  nodeCount: number;
  /** Split feature, −1 for a leaf. */
  feature: Int32Array;
  threshold: Float64Array;
  /** 1 when NaN goes left. */
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  /** Training weight that reached each node (a split's cover is its children's sum). */
  cover: Float64Array;
  /** Outputs per node, node-major (node n's output k at n·nOutputs + k); leaves are read. */
  values: Float64Array;
  nOutputs: number;
  /** The root's node number (0 unless the tree shares arrays with others). */
  root?: number;
}

/** The child a value goes to at a split node. */
export function childFor(tree: ShapTree, node: number, value: number): number {
  if (Number.isNaN(value)) return tree.missingLeft[node] ? tree.left[node] : tree.right[node];
  return value <= tree.threshold[node] ? tree.left[node] : tree.right[node];
}

/** The leaf a row (its features, indexed by feature number) reaches. */
export function leafOf(tree: ShapTree, row: ArrayLike<number>): number {
  let node = tree.root ?? 0;
  while (tree.feature[node] >= 0) node = childFor(tree, node, row[tree.feature[node]]);
  return node;
}

/** The tree's expected output under its covers (the path-dependent base value), per output. */
export function coverMean(tree: ShapTree): Float64Array {
  const out = new Float64Array(tree.nOutputs);
  const root = tree.root ?? 0;
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (tree.feature[node] >= 0) {
      stack.push(tree.left[node], tree.right[node]);
      continue;
    }
    const share = tree.cover[node] / tree.cover[root];
    for (let k = 0; k < tree.nOutputs; k++) out[k] += share * tree.values[node * tree.nOutputs + k];
  }
  return out;
}

/** The deepest path's number of splits. */
export function treeDepth(tree: ShapTree): number {
  let deepest = 0;
  const stack: Array<[number, number]> = [[tree.root ?? 0, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (tree.feature[node] < 0) deepest = Math.max(deepest, depth);
    else stack.push([tree.left[node], depth + 1], [tree.right[node], depth + 1]);
  }
  return deepest;
}
