// `mlcycle explain --method lime` end to end on penguins (kNN, three class probabilities): the
// per-row intercepts as bases (in the JSON and the CSV), base + Σ contributions = the local
// model's prediction (never a failed check: exit 0, record 'pass'), the grouped columns the sums
// of the encoded features', the instability notice with its measured agreement, the evaluations
// counted, lime-only options refused elsewhere, and a cancel from the job's own progress report.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { explain as explainJob } from '../../../src/core/explain/explainJob';
import type { tempProject } from '../model/train/trainFixtures';
import { explainCli, trainedPenguins } from './explainFixtures';

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
  - name: knn
    kind: k_neighbors
evaluation:
  permutationRepeats: 0
`;

describe('mlcycle explain --method lime', () => {
  let project: ReturnType<typeof tempProject>;
  let runId: string;
  before(async () => {
    ({ project, runId } = await trainedPenguins(SPEC));
  });
  after(() => project.dispose());

  const explain = (...args: string[]) => explainCli(project.root, ...args);

  it('explains with local models: each row its intercept as base, its R², and the notices; exit 0 and a passing record', async () => {
    const args = [`${runId}:knn`, 'data/holdout.csv', '--rows', '0-5', '--method', 'lime', '--samples', '400'];
    const { code, stdout, stderr, json } = await explain(...args, '--out', 'lime.csv');
    assert.equal(code, 0, stderr);
    const r = json!;
    assert.equal(r.method, 'lime');
    assert.match(r.methodNote, /LIME with lime's tabular defaults/);
    assert.deepEqual(r.outputNames, ['Adelie', 'Chinstrap', 'Gentoo']);
    assert.match(stdout, /Local fit \(LIME\)/);
    const lime = r.lime!;
    assert.equal(lime.samples, 400);
    const width = (
      await explain(
        `${runId}:knn`,
        'data/holdout.csv',
        '--rows',
        '0',
        '--method',
        'lime',
        '--samples',
        '50',
        '--expanded',
      )
    ).json!.columns.length;
    assert.ok(Math.abs(lime.kernelWidth - Math.sqrt(width) * 0.75) < 1e-12);
    assert.equal(lime.numFeatures, width);
    // 6 rows × 400, and the stability check: 5 rows spread over the 6, 2 more seeds.
    assert.deepEqual(lime.stability.rows, [0, 1, 3, 4, 5]);
    assert.equal(r.evaluations, 6 * 400 + 5 * 2 * 400);
    assert.equal(r.backgroundRows > 100, true, 'the discretiser sees every training row');
    let worst = 0;
    for (let i = 0; i < 6; i++)
      for (let k = 0; k < 3; k++) {
        const sum = lime.intercept[i][k] + r.values![i].reduce((s, c) => s + c[k], 0);
        assert.ok(Math.abs(sum - lime.localPrediction[i][k]) < 1e-9, `row ${i} class ${k}`);
        assert.ok(lime.score[i][k] <= 1);
        worst = Math.max(
          worst,
          Math.abs(lime.localPrediction[i][k] - r.output[i][k]) / Math.max(1, Math.abs(r.output[i][k])),
        );
      }
    assert.ok(Math.abs(worst - r.additivityError) < 1e-12, 'additivityError is the local fit error, honestly');
    assert.ok(r.notices.some((n) => /LIME is not additive/.test(n)));
    const unstable = r.notices.find((n) => /changes with the seed/.test(n));
    assert.ok(unstable && unstable.includes(lime.stability.jaccard.toFixed(2)), unstable);
    assert.ok(lime.stability.jaccard >= 0 && lime.stability.jaccard <= 1);
    // The CSV's base is each row's own intercept.
    const lines = readFileSync(join(project.root, 'lime.csv'), 'utf8').trim().split('\n').slice(1);
    assert.equal(lines.length, 18);
    lines.forEach((line, j) => {
      const base = Number(line.split(',')[2]);
      assert.ok(Math.abs(base - lime.intercept[Math.floor(j / 3)][j % 3]) < 1e-9);
    });
    const record = JSON.parse(
      readFileSync(join(project.root, '.mlcycle/explanations', `${runId}--knn--holdout.json`), 'utf8'),
    );
    assert.equal(record.outcome, 'pass');
    assert.equal(record.data.method, 'lime');
    assert.equal(record.data.lime.stability.seeds.length, 2);
    // The same seed, the same explanation.
    const again = (await explain(...args)).json!;
    assert.deepEqual(again.values, r.values);
  });

  it('grouped columns are the sums of the encoded features (one-hot groups, the ratio split evenly)', async () => {
    const base = [`${runId}:knn`, 'data/holdout.csv', '--rows', '2,7', '--method', 'lime', '--samples', '300'];
    const grouped = (await explain(...base)).json!;
    const expanded = (await explain(...base, '--expanded')).json!;
    for (let i = 0; i < 2; i++)
      for (let k = 0; k < 3; k++) {
        const island = expanded.columns.filter((c) => c.startsWith('Island'));
        const sum = island.reduce((s, n) => s + expanded.values![i][expanded.columns.indexOf(n)][k], 0);
        assert.ok(Math.abs(grouped.values![i][grouped.columns.indexOf('Island')][k] - sum) < 1e-12);
        assert.ok(Math.abs(grouped.lime!.intercept[i][k] - expanded.lime!.intercept[i][k]) < 1e-15);
      }
  });

  it('lime-only options are refused with another method, and a bad kernel width', async () => {
    const other = await explain(`${runId}:knn`, 'data/holdout.csv', '--samples', '100');
    assert.equal(other.code, 2);
    assert.match(other.stderr, /--samples is an option of --method lime/);
    const width = await explain(`${runId}:knn`, 'data/holdout.csv', '--method', 'lime', '--kernel-width', '0');
    assert.equal(width.code, 2);
    assert.match(width.stderr, /--kernel-width takes a positive number/);
  });

  it('a cancel mid-explanation (from its own progress report) ends the job cancelled, with no CSV and no record', async () => {
    const controller = new AbortController();
    const messages: string[] = [];
    const ctx = {
      signal: controller.signal,
      report: (p: { message?: string }) => {
        messages.push(p.message ?? '');
        if (/Explaining row 1 of/.test(p.message ?? '')) controller.abort();
      },
    };
    await assert.rejects(
      explainJob(
        {
          root: project.root,
          model: `${runId}/knn`,
          data: 'data/current.csv',
          rows: [0, 1, 2, 3],
          method: 'lime',
          samples: 200,
          out: 'cancelled.csv',
        },
        ctx,
      ),
      { name: 'AbortError' },
    );
    assert.ok(!messages.some((m) => /Explaining row 2 of/.test(m)), 'no row after the cancel');
    assert.ok(!existsSync(join(project.root, 'cancelled.csv')));
    assert.ok(!existsSync(join(project.root, '.mlcycle/explanations', `${runId}--knn--current.json`)));
  });
});
