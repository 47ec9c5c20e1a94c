// `mlcycle explain` end to end on penguins: a run of four models, each explained on the holdout
// file with the method its kind allows (TreeSHAP, Linear SHAP, the permutation estimator for
// kNN), contributions summed into the input columns (Island's one-hot columns, beak_ratio split
// over the two beak columns), every row additive against the probabilities `mlcycle predict`
// writes, the record written, and bad input refused with exit 2.
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { explain as explainJob } from '../../../src/core/explain/explainJob';
import type { ExplainResult } from '../../../src/core/explain/explainTypes';
import { interactionSettings } from '../../../src/core/explain/interactions';
import { deriveChecklist } from '../../../src/core/lifecycle/checklist';
import { parseYaml } from '../../../src/core/yaml/yamlDocument';
import { collectProjectState } from '../../../src/core/lifecycle/projectState';
import type { tempProject } from '../model/train/trainFixtures';
import { csv, explainCli, predictedCsv, trainedPenguins } from './explainFixtures';
import { runMlcycle } from '../support/runCliInProcess';

const SPEC = `version: 1
split: { folds: 3 }
preprocess:
  derive:
    - name: beak_ratio
      expression: "\`Beak Length (mm)\` / \`Beak Depth (mm)\`"
  impute: { numeric: median, categorical: most_frequent, addIndicators: true }
  encode: { categorical: onehot }
  scale: standard
models:
  - name: logistic
    kind: logistic_regression
  - name: forest
    kind: random_forest
    params: { n_estimators: 40, max_depth: 6 }
  - name: boosting
    kind: hist_gradient_boosting
    params: { max_iter: 30 }
  - name: knn
    kind: k_neighbors
evaluation:
  permutationRepeats: 0
`;

describe('mlcycle explain', () => {
  let project: ReturnType<typeof tempProject>;
  let runId: string;
  let proba: { header: string[]; rows: string[][] };
  before(async () => {
    ({ project, runId } = await trainedPenguins(SPEC));
    proba = await predictedCsv(project.root, `${runId}/forest`, 'data/holdout.csv');
  });
  after(() => project.dispose());

  const explain = (...args: string[]) => explainCli(project.root, ...args);

  it('a forest: exact TreeSHAP in input columns, every row adding up to the probabilities predict writes', async () => {
    const { code, stdout, stderr, json } = await explain(`${runId}:forest`, 'data/holdout.csv', '--out', 'forest.csv');
    assert.equal(code, 0, stderr);
    assert.equal(json!.method, 'tree-path');
    assert.match(stdout, /Most influential columns/);
    assert.deepEqual(json!.columns.slice().sort(), [
      'Beak Depth (mm)',
      'Beak Length (mm)',
      'Body Mass (g)',
      'Flipper Length (mm)',
      'Island',
      'Sex',
    ]);
    assert.deepEqual(json!.outputNames, ['Adelie', 'Chinstrap', 'Gentoo']);
    assert.ok(json!.additivityError <= 1e-9);
    const out = csv(readFileSync(join(project.root, 'forest.csv'), 'utf8'));
    assert.deepEqual(out.header.slice(0, 4), ['row', 'output', 'base', 'model_output']);
    assert.equal(out.rows.length, proba.rows.length * 3);
    for (const line of out.rows) {
      const [row, cls, base, modelOutput, ...contributions] = line;
      const sum = Number(base) + contributions.reduce((a, b) => a + Number(b), 0);
      const expected = Number(proba.rows[Number(row)][proba.header.indexOf(`proba_${cls}`)]);
      assert.ok(Math.abs(Number(modelOutput) - expected) < 1e-9, `row ${row} ${cls}`);
      assert.ok(Math.abs(sum - expected) < 1e-9, `row ${row} ${cls}: ${sum} vs ${expected}`);
    }
    const record = JSON.parse(
      readFileSync(join(project.root, '.mlcycle/explanations', `${runId}--forest--holdout.json`), 'utf8'),
    );
    assert.equal(record.outcome, 'pass');
    assert.equal(record.data.global[0].column, json!.global[0].column);
  });

  it('grouped columns are the sums of the expanded features (one-hot, indicators, the derived ratio split evenly)', async () => {
    const grouped = (await explain(`${runId}:boosting`, 'data/holdout.csv', '--rows', '0-9')).json!;
    const expanded = (await explain(`${runId}:boosting`, 'data/holdout.csv', '--rows', '0-9', '--expanded')).json!;
    assert.ok(expanded.columns.some((c) => c.startsWith('Island=')));
    assert.ok(expanded.columns.includes('beak_ratio'));
    const K = grouped.outputNames.length;
    for (let i = 0; i < 10; i++)
      for (let k = 0; k < K; k++) {
        const sumOf = (names: string[], r: ExplainResult) =>
          names.reduce((s, n) => s + r.values![i][r.columns.indexOf(n)][k], 0);
        const island = expanded.columns.filter((c) => c.startsWith('Island'));
        assert.ok(Math.abs(sumOf(['Island'], grouped) - sumOf(island, expanded)) < 1e-12);
        const ratio = expanded.values![i][expanded.columns.indexOf('beak_ratio')][k];
        const length = expanded.columns.filter((c) => c.startsWith('Beak Length'));
        assert.ok(Math.abs(sumOf(['Beak Length (mm)'], grouped) - (sumOf(length, expanded) + ratio / 2)) < 1e-12);
      }
  });

  it('logistic regression is Linear SHAP in log-odds; kNN falls back to sampling and says so, with standard errors', async () => {
    const logistic = (await explain(`${runId}:logistic`, 'data/holdout.csv', '--rows', '0-19')).json!;
    assert.equal(logistic.method, 'linear');
    assert.equal(logistic.outputKind, 'softmax-score');
    assert.ok(logistic.additivityError <= 1e-9);
    const knn = await explain(`${runId}:knn`, 'data/holdout.csv', '--rows', '0-4', '--pairs', '50');
    assert.equal(knn.code, 0, knn.stderr);
    assert.equal(knn.json!.method, 'sampling');
    assert.match(knn.json!.methodNote, /k_neighbors has no exact explainer/);
    const width = (await explain(`${runId}:logistic`, 'data/holdout.csv', '--rows', '0', '--expanded')).json!.columns
      .length;
    assert.equal(knn.json!.evaluations, knn.json!.backgroundRows + 5 * 50 * 2 * (width + 1));
    assert.ok(knn.json!.standardErrors!.flat(2).every((e) => e >= 0));
    assert.ok(knn.json!.additivityError <= 1e-9);
  });

  it('--method kernel: KernelSHAP against k-means centres of the training rows, additive, with standard errors', async () => {
    const r = await explain(
      `${runId}:knn`,
      'data/holdout.csv',
      '--rows',
      '0-2',
      '--method',
      'kernel',
      '--coalitions',
      '200',
    );
    assert.equal(r.code, 0, r.stderr);
    const x = r.json!;
    assert.equal(x.method, 'kernel');
    assert.match(x.methodNote, /KernelSHAP against a k-means summary/);
    assert.equal(x.evaluations, 10 + 3 * (1 + 200 * 10));
    assert.ok(x.additivityError <= 1e-9);
    assert.ok(x.standardErrors!.flat(2).some((e) => e > 0));
  });

  it('a cancel mid-explanation (from its own progress report) leaves no CSV and no record', async () => {
    const controller = new AbortController();
    const ctx = {
      signal: controller.signal,
      report: (p: { message?: string }) => {
        if (/Explaining row/.test(p.message ?? '')) controller.abort();
      },
    };
    await assert.rejects(
      explainJob(
        { root: project.root, model: `${runId}/boosting`, data: 'data/current.csv', out: 'cancelled.csv' },
        ctx,
      ),
    );
    assert.ok(!existsSync(join(project.root, 'cancelled.csv')));
    assert.ok(!existsSync(join(project.root, '.mlcycle/explanations', `${runId}--boosting--current.json`)));
    assert.ok(!existsSync(join(project.root, '.mlcycle/explanations/plots', `${runId}--boosting--current.json`)));
  });

  it('--output probability: boosting in probability space (interventional), adding up to the predicted probabilities', async () => {
    const pb = await predictedCsv(project.root, `${runId}/boosting`, 'data/holdout.csv', 'pb.csv');
    const r = await explain(`${runId}:boosting`, 'data/holdout.csv', '--rows', '0-14', '--output', 'probability');
    assert.equal(r.code, 0, r.stderr);
    const x = r.json!;
    assert.equal(x.method, 'tree-interventional');
    assert.equal(x.outputKind, 'probability');
    assert.match(x.methodNote, /probability space/);
    assert.deepEqual(x.outputNames, ['Adelie', 'Chinstrap', 'Gentoo']);
    assert.ok(x.additivityError <= 1e-9);
    x.rows.forEach((row, i) =>
      x.outputNames.forEach((cls, k) => {
        const expected = Number(pb.rows[row][pb.header.indexOf(`proba_${cls}`)]);
        const sum = x.base[k] + x.values![i].reduce((a, v) => a + v[k], 0);
        assert.ok(Math.abs(sum - expected) < 1e-9, `row ${row} ${cls}: ${sum} vs ${expected}`);
      }),
    );
    const path = await explain(
      `${runId}:boosting`,
      'data/holdout.csv',
      '--method',
      'tree-path',
      '--output',
      'probability',
    );
    assert.equal(path.code, 2);
    assert.match(path.stderr, /Path-dependent TreeSHAP explains the raw output only/);
    const forest = await explain(`${runId}:forest`, 'data/holdout.csv', '--rows', '0-4', '--output', 'probability');
    assert.equal(forest.code, 0, forest.stderr);
    assert.equal(forest.json!.method, 'tree-path');
    assert.match(forest.json!.methodNote, /changes nothing/);
    const bad = await explain(`${runId}:forest`, 'data/holdout.csv', '--output', 'odds');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--output is one of raw, probability/);
  });

  it('bad input: a row beyond the file, an explainer the model does not have, an unknown model', async () => {
    const far = await explain(`${runId}:forest`, 'data/holdout.csv', '--rows', '5000');
    assert.equal(far.code, 2);
    assert.match(far.stderr, /Row 5000 is not a row of data\/holdout\.csv: it has \d+ rows/);
    const wrong = await explain(`${runId}:knn`, 'data/holdout.csv', '--method', 'tree-path');
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /tree-path explains tree models; knn is k_neighbors/);
    const none = await explain(`${runId}:nope`, 'data/holdout.csv');
    assert.equal(none.code, 2);
    assert.ok(!existsSync(join(project.root, '.mlcycle/explanations', `${runId}--nope--holdout.json`)));
  });

  it('predict --explain 2 adds the two largest contributions toward each predicted class, as explain computes them', async () => {
    const r = await runMlcycle(
      project.root,
      'predict',
      `${runId}/forest`,
      'data/holdout.csv',
      '--out',
      'pe.csv',
      '--explain',
      '2',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /The 2 largest contributions of each row: exact path-dependent TreeSHAP/);
    const out = csv(readFileSync(join(project.root, 'pe.csv'), 'utf8'));
    assert.deepEqual(out.header.slice(-4), [
      'explain_1_column',
      'explain_1_contribution',
      'explain_2_column',
      'explain_2_contribution',
    ]);
    const full = (await explain(`${runId}:forest`, 'data/holdout.csv')).json!;
    out.rows.forEach((line, i) => {
      const k = full.outputNames.indexOf(line[0]);
      const ranked = full.columns
        .map((c, f) => ({ c, v: full.values![i][f][k] }))
        .sort((a, b) => Math.abs(b.v) - Math.abs(a.v));
      const [c1, v1, c2, v2] = line.slice(-4);
      assert.equal(c1, ranked[0].c, `row ${i}`);
      assert.ok(Math.abs(Number(v1) - ranked[0].v) < 1e-12);
      assert.equal(c2, ranked[1].c);
      assert.ok(Math.abs(Number(v2) - ranked[1].v) < 1e-12);
    });
  });

  it('--interactions 3: Φ symmetric among the chosen columns, each chosen column summing to its contribution; a too costly request refused', async () => {
    const r = await explain(`${runId}:forest`, 'data/holdout.csv', '--rows', '0-5', '--interactions', '3');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Strongest interactions among/);
    const x = r.json!;
    const inter = x.interactions!;
    assert.equal(inter.columns.length, 3);
    assert.deepEqual(
      inter.columns,
      x.global.slice(0, 3).map((g) => g.column),
    );
    const K = x.outputNames.length;
    for (let i = 0; i < 6; i++)
      inter.columns.forEach((b, c) => {
        const B = x.columns.indexOf(b);
        for (let k = 0; k < K; k++) {
          const sum = x.columns.reduce((s, _, A) => s + inter.values![i][A][c][k], 0);
          assert.ok(Math.abs(sum - x.values![i][B][k]) < 1e-9, `row ${i} ${b}: ${sum} vs ${x.values![i][B][k]}`);
          inter.columns.forEach((a, c2) => {
            const A = x.columns.indexOf(a);
            assert.ok(Math.abs(inter.values![i][A][c][k] - inter.values![i][B][c2][k]) < 1e-9, 'symmetric');
          });
        }
      });
    const saved = interactionSettings.budget;
    interactionSettings.budget = 1e5;
    try {
      const refused = await explain(`${runId}:forest`, 'data/holdout.csv', '--interactions', '6');
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /would take about \d+ minutes .* ask for fewer rows \(--rows\) or fewer columns/);
    } finally {
      interactionSettings.budget = saved;
    }
    const linear = await explain(`${runId}:logistic`, 'data/holdout.csv', '--interactions', '2');
    assert.equal(linear.code, 2);
    assert.match(linear.stderr, /Interaction values are computed for tree models/);
  });

  it("the model card's explainability section: the newest explanation of the run's best model, your notes kept", async () => {
    const best = JSON.parse(readFileSync(join(project.root, 'run.json'), 'utf8')).bestModel as string;
    const explained = (await explain(`${runId}:${best}`, 'data/holdout.csv')).json!;
    // A fresh card (the example's own has a feature list of its own making, which regeneration keeps).
    rmSync(join(project.root, 'docs/model-card.yaml'));
    const card = await runMlcycle(project.root, 'model-card', '--run', runId, '--markdown', 'card.md');
    assert.equal(card.code, 0, card.stderr);
    const read = () =>
      parseYaml(readFileSync(join(project.root, 'docs/model-card.yaml'), 'utf8')).value as {
        explainability: Record<string, unknown> & { topFeatures: Array<{ name: string; direction: string }> };
      };
    const section = read().explainability;
    assert.equal(section.data, 'data/holdout.csv');
    assert.match(String(section.method), new RegExp(`\\(${best}\\)$`));
    assert.deepEqual(
      section.topFeatures.map((f) => [f.name, f.direction]),
      explained.global.slice(0, 10).map((g) => [g.column, g.direction]),
    );
    assert.equal(section.record, `.mlcycle/explanations/${runId}--${best}--holdout.json`);
    // The feature rationale links each used column to its contribution in that section.
    const features = (
      parseYaml(readFileSync(join(project.root, 'docs/model-card.yaml'), 'utf8')).value as {
        modelParameters: { features: Array<{ name: string; contribution?: { rank: number; see: string } }> };
      }
    ).modelParameters.features;
    for (const [i, g] of explained.global.entries()) {
      const f = features.find((x) => x.name === g.column);
      if (f) assert.deepEqual([f.contribution?.rank, f.contribution?.see], [i + 1, 'explainability'], g.column);
    }
    assert.ok(features.some((f) => f.contribution));
    assert.match(
      readFileSync(join(project.root, 'card.md'), 'utf8'),
      /mean \\?\|SHAP\\?\|, .* \(rank 1; see Explainability\)/,
    );
    assert.match(
      readFileSync(join(project.root, 'card.md'), 'utf8'),
      /## Explainability[\s\S]*Most influential columns/,
    );
    // The user's reading stays through a regeneration.
    const path = join(project.root, 'docs/model-card.yaml');
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace(
        /^explainability:\n/m,
        'explainability:\n  notes: Flipper length separating Gentoo is expected.\n',
      ),
    );
    assert.equal((await runMlcycle(project.root, 'model-card', '--run', runId)).code, 0);
    assert.equal(read().explainability.notes, 'Flipper length separating Gentoo is expected.');
    assert.equal(read().explainability.topFeatures.length, section.topFeatures.length);
  });

  it("the sidebar's 'Model explained' item: passing from the newest run's explanation, stale once the data change", async () => {
    const item = async () =>
      deriveChecklist(await collectProjectState(project.root))
        .flatMap((p) => p.items)
        .find((i) => i.id === 'model.explainability')!;
    const now = await item();
    assert.equal(now.status, 'passing', now.detail);
    assert.match(now.detail, new RegExp(`of run ${runId}`));
    assert.equal(now.action.command, 'mlcycle.explainModel');
    appendFileSync(join(project.root, 'data/holdout.csv'), 'Adelie,Torgersen,39.1,18.7,181,3750,MALE\n');
    assert.equal((await item()).status, 'stale');
  });
});
