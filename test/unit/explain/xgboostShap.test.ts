// Our TreeSHAP against xgboost's own (Debian's python3-xgboost 1.7, pred_contribs=True) on the
// same trees: our squared-error boosting model of cars' miles per gallon (missing horsepower
// values kept) handed to xgboost in its JSON model format. Both explain the margin with the
// covers as the data distribution; xgboost works in float32, so the two agree to float32
// precision, not to 1e-9 (seen: margins within 1.5e-5, contributions within 2.6e-6).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { explainTreesPath } from '../../../src/core/explain/treeExplainer';
import { rowMajor, treeSetOf } from '../../../src/core/explain/treeModels';
import { histGradientBoosting } from '../../../src/core/model/models/boosting';
import { cars } from '../model/models/boostingData';
import { sklearn as python } from '../model/sklearnReference';
import { xgboostJson } from '../../../bench/explain/xgboostModel';

describe("TreeSHAP against xgboost's pred_contribs", () => {
  test('cars regression boosting: the same margins and contributions to float32 precision', async () => {
    const { X, y } = cars('train');
    const model = await histGradientBoosting.fit(
      X,
      y,
      histGradientBoosting.params({ max_iter: 60, max_leaf_nodes: 15 }, 'regression'),
      { seed: 2, threads: 1 },
    );
    const set = treeSetOf(model, X)!;
    // Leaf values as float32, as xgboost keeps them, so both sides explain identical trees.
    for (const tree of set.trees)
      for (let i = 0; i < tree.values.length; i++) tree.values[i] = Math.fround(tree.values[i]);
    const rows = rowMajor(X);
    const M = X.cols;
    const ours = explainTreesPath(set, rows, M);
    const dir = mkdtempSync(join(tmpdir(), 'mlcycle-xgb-'));
    try {
      const file = join(dir, 'model.json');
      writeFileSync(file, xgboostJson(set.trees, set.offset[0], M));
      const theirs = python<{ margin: number[]; contribs: number[][]; version: string }>(
        [
          'import xgboost as xgb',
          'b = xgb.Booster()',
          'b.load_model(data["file"])',
          'X = np.array([[np.nan if v is None else v for v in r] for r in data["rows"]], dtype=np.float32)',
          'dm = xgb.DMatrix(X, missing=np.nan)',
          'result = {"margin": b.predict(dm, output_margin=True), "contribs": b.predict(dm, pred_contribs=True), "version": xgb.__version__}',
        ].join('\n'),
        {
          file,
          rows: Array.from({ length: X.rows }, (_, i) =>
            Array.from(rows.subarray(i * M, (i + 1) * M), (v) => (Number.isNaN(v) ? null : v)),
          ),
        },
      );
      assert.match(theirs.version, /^1\./);
      let worstMargin = 0;
      let worstContribution = 0;
      for (let i = 0; i < X.rows; i++) {
        worstMargin = Math.max(worstMargin, Math.abs(theirs.margin[i] - ours.output[i]));
        for (let f = 0; f < M; f++)
          worstContribution = Math.max(worstContribution, Math.abs(theirs.contribs[i][f] - ours.values[i * M + f]));
        worstContribution = Math.max(worstContribution, Math.abs(theirs.contribs[i][M] - ours.base[0]));
      }
      console.log(
        `xgboost ${theirs.version}: worst margin difference ${worstMargin.toExponential(2)}, worst contribution difference ${worstContribution.toExponential(2)} over ${X.rows} rows × ${M} features`,
      );
      assert.ok(worstMargin < 1e-4, `margins differ by ${worstMargin}: a threshold sent a row the other way`);
      assert.ok(worstContribution < 1e-4, `contributions differ by ${worstContribution}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
