// Our boosting trees in xgboost's JSON model format (1.7), so xgboost's own TreeSHAP
// (pred_contribs) can explain exactly the trees we explain. xgboost sends x < split_condition
// left, in float32; ours sends x ≤ threshold left, in float64: each threshold becomes the next
// float32 above its float32 rounding, which keeps every data value on its side as long as no
// value lies within a float32 step of a threshold (the test checks the margins agree). Leaves
// keep float32 values, covers go to sum_hessian (squared error: one per row).
import type { ShapTree } from '../../src/core/explain/shapTree';

const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);
const FLOAT32_MAX = 3.4028234663852886e38;

/** The smallest float32 above fround(x). */
export function nextFloat32Above(x: number): number {
  if (!Number.isFinite(x)) return FLOAT32_MAX;
  f32[0] = x;
  if (f32[0] === 0) return 1.401298464324817e-45;
  i32[0] += f32[0] > 0 ? 1 : -1;
  return f32[0];
}

/** A float array as xgboost's JSON reader wants it: every number with a fraction or exponent. */
const floats = (xs: number[]) =>
  `__FLOATS__[${xs.map((x) => (Number.isInteger(x) && Math.abs(x) < 1e21 ? `${x}.0` : String(x))).join(',')}]`;

export function xgboostJson(trees: ShapTree[], baseScore: number, features: number): string {
  const out = trees.map((tree, id) => {
    // The nodes of this tree breadth first: xgboost's predictor finds a right child next to its
    // left one (right = left + 1), which preorder numbering breaks.
    const order: number[] = [tree.root ?? 0];
    for (let i = 0; i < order.length; i++) {
      const n = order[i];
      if (tree.feature[n] >= 0) order.push(tree.left[n], tree.right[n]);
    }
    const local = new Map(order.map((n, i) => [n, i]));
    const parents = new Array<number>(order.length).fill(2147483647);
    order.forEach((n) => {
      if (tree.feature[n] >= 0) {
        parents[local.get(tree.left[n])!] = local.get(n)!;
        parents[local.get(tree.right[n])!] = local.get(n)!;
      }
    });
    const leaf = (n: number) => tree.feature[n] < 0;
    return {
      base_weights: floats(order.map((n) => (leaf(n) ? Math.fround(tree.values[n]) : 0))),
      categories: [],
      categories_nodes: [],
      categories_segments: [],
      categories_sizes: [],
      default_left: order.map((n) => (leaf(n) ? 0 : tree.missingLeft[n])),
      id,
      left_children: order.map((n) => (leaf(n) ? -1 : local.get(tree.left[n])!)),
      loss_changes: floats(order.map(() => 0)),
      parents,
      right_children: order.map((n) => (leaf(n) ? -1 : local.get(tree.right[n])!)),
      split_conditions: floats(
        order.map((n) => (leaf(n) ? Math.fround(tree.values[n]) : nextFloat32Above(tree.threshold[n]))),
      ),
      split_indices: order.map((n) => (leaf(n) ? 0 : tree.feature[n])),
      split_type: order.map(() => 0),
      sum_hessian: floats(order.map((n) => tree.cover[n])),
      tree_param: {
        num_deleted: '0',
        num_feature: String(features),
        num_nodes: String(order.length),
        size_leaf_vector: '0',
      },
    };
  });
  const text = JSON.stringify({
    learner: {
      attributes: {},
      feature_names: [],
      feature_types: [],
      gradient_booster: {
        model: {
          gbtree_model_param: { num_parallel_tree: '1', num_trees: String(trees.length), size_leaf_vector: '0' },
          tree_info: trees.map(() => 0),
          trees: out,
        },
        name: 'gbtree',
      },
      learner_model_param: {
        // Its reader takes a float32's digits, no more (longer strings fall back to 0.5).
        base_score: Math.fround(baseScore).toExponential(8).toUpperCase().replace('E+', 'E'),
        boost_from_average: '0',
        num_class: '0',
        num_feature: String(features),
        num_target: '1',
      },
      objective: { name: 'reg:squarederror', reg_loss_param: { scale_pos_weight: '1' } },
    },
    version: [1, 7, 4],
  });
  return text.replace(/"__FLOATS__(\[[^"]*\])"/g, '$1');
}
