// The plots' summary an explanation writes beside its record (explanationPlots.ts): the
// interaction partner the dependence plot colours by, found on data where the truth is known;
// and end to end on penguins, the summary's contributions equal the per-row CSV, each waterfall
// adds up to the model's output, its rows are the rows of highest log loss computed here from
// the probabilities `mlcycle predict` writes, and the evaluation report reads it (or says why not).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { approximateInteraction, evenSample } from '../../../src/core/explain/explanationPlots';
import type { ExplainResult } from '../../../src/core/explain/explainTypes';
import type { ExplanationPlots } from '../../../src/core/explain/plotTypes';
import { seededRandom } from '../../../src/core/seededRandom';
import { explain as explainJob } from '../../../src/core/explain/explainJob';
import { explanationsOfRun } from '../../../src/extension/runs/explanationPayload';
import { buildPredictionReport } from '../../../src/extension/runs/predictionPayload';
import type { tempProject } from '../model/train/trainFixtures';
import { csv, explainCli, FOREST_SPEC, predictedCsv, trainedPenguins } from './explainFixtures';
import { runMlcycle } from '../support/runCliInProcess';

describe('explanation plots: the interaction partner', () => {
  it('picks the column whose values change the slope of the contributions', () => {
    const random = seededRandom(7);
    const n = 2000;
    const x0 = Float64Array.from({ length: n }, () => random() * 2 - 1);
    const x1 = Float64Array.from({ length: n }, () => random());
    const x2 = Float64Array.from({ length: n }, () => (random() < 0.5 ? 0 : 1));
    const x3 = Float64Array.from({ length: n }, () => random() * 10);
    // x0's effect flips with x2; x1 and x3 are noise.
    const contribution = Float64Array.from(x0, (v, i) => v * (x2[i] ? 2 : -1) + 0.01 * x1[i]);
    assert.equal(approximateInteraction(x0, contribution, [x0, x1, x2, x3]), 2);
    // Without an interacting column there is still a best guess, but never the column itself.
    assert.notEqual(approximateInteraction(x0, Float64Array.from(x0), [x0, x1, x3]), 0);
  });

  it('an even sample keeps the first and the last row', () => {
    assert.deepEqual(evenSample(5, 10), [0, 1, 2, 3, 4]);
    const s = evenSample(100_000, 10_000);
    assert.equal(s.length, 10_000);
    assert.equal(s[0], 0);
    assert.equal(s.at(-1), 99_999);
  });
});

describe('explanation plots on penguins', () => {
  let project: ReturnType<typeof tempProject>;
  let runId: string;
  let result: ExplainResult;
  let plots: ExplanationPlots;
  before(async () => {
    ({ project, runId } = await trainedPenguins(FOREST_SPEC));
    const r = await explainCli(project.root, `${runId}:forest`, 'data/holdout.csv', '--out', 'forest.csv');
    assert.equal(r.code, 0, r.stderr);
    result = r.json!;
    plots = JSON.parse(readFileSync(join(project.root, result.plots!), 'utf8')) as ExplanationPlots;
  });
  after(() => project.dispose());

  it('holds every explained row of the most influential columns, as the CSV has them', () => {
    assert.equal(plots.explainedRows, result.rows.length);
    assert.equal(plots.sampledRows, result.rows.length);
    assert.deepEqual(
      plots.columns.map((c) => c.name),
      result.global.slice(0, 20).map((g) => g.column),
    );
    const table = csv(readFileSync(join(project.root, 'forest.csv'), 'utf8'));
    const outputs = plots.outputNames.length;
    for (const column of plots.columns) {
      const at = table.header.indexOf(column.name);
      for (let k = 0; k < outputs; k++)
        for (let i = 0; i < plots.sampledRows; i++) {
          const expected = Number(table.rows[i * outputs + k][at]);
          assert.ok(Math.abs(column.contributions[k][i] - expected) <= 1e-5 * Math.max(1, Math.abs(expected)));
        }
    }
    const island = plots.columns.find((c) => c.name === 'Island')!;
    assert.equal(island.kind, 'categorical');
    assert.deepEqual([...island.categories!].sort(), ['Biscoe', 'Dream', 'Torgersen']);
    for (const column of plots.columns) assert.ok(column.interaction, `${column.name} has an interaction partner`);
  });

  it('the waterfalls are the rows of highest log loss, and each adds up to the model output', async () => {
    const p = await predictedCsv(project.root, `${runId}/forest`, 'data/holdout.csv');
    const holdout = csv(readFileSync(join(project.root, 'data/holdout.csv'), 'utf8'));
    const loss = holdout.rows.map((row, i) => {
      const proba = Number(p.rows[i][p.header.indexOf(`proba_${row[0]}`)]);
      return -Math.log(Math.min(1 - 1e-15, Math.max(1e-15, proba)));
    });
    const worst = loss
      .map((l, i) => ({ l, i }))
      .sort((a, b) => b.l - a.l || a.i - b.i)
      .slice(0, 5);
    assert.equal(plots.waterfallsAre, 'worst rows');
    assert.deepEqual(
      plots.waterfalls.map((w) => w.row),
      worst.map((w) => w.i),
    );
    for (const [j, w] of plots.waterfalls.entries()) {
      assert.ok(Math.abs(w.loss! - worst[j].l) < 1e-4, `loss ${w.loss} vs ${worst[j].l}`);
      assert.equal(w.actual, holdout.rows[w.row][0]);
      for (let k = 0; k < plots.outputNames.length; k++) {
        const sum = plots.base[k] + w.columns.reduce((s, c) => s + c.contributions[k], 0);
        assert.ok(Math.abs(sum - w.output[k]) < 1e-4, `row ${w.row} output ${k}: ${sum} vs ${w.output[k]}`);
      }
    }
  });

  it('one row explained with record: false (Explain Prediction) writes nothing and comes back whole', async () => {
    const before = readdirSync(join(project.root, '.mlcycle/explanations/plots'));
    const stamp = statSync(join(project.root, result.plots!)).mtimeMs;
    const single = await explainJob(
      { root: project.root, model: `${runId}/forest`, data: 'data/holdout.csv', rows: [4], record: false },
      { signal: new AbortController().signal, report: () => undefined },
    );
    assert.equal(single.plots, undefined);
    assert.deepEqual(readdirSync(join(project.root, '.mlcycle/explanations/plots')), before);
    assert.equal(statSync(join(project.root, result.plots!)).mtimeMs, stamp, 'the whole-file explanation is kept');
    const report = buildPredictionReport(single, {
      name: 'penguins',
      task: 'classification',
      target: 'Species',
      root: project.root,
    });
    const holdout = csv(readFileSync(join(project.root, 'data/holdout.csv'), 'utf8'));
    assert.equal(report.row.row, 4);
    assert.equal(report.row.line, 6);
    assert.equal(report.row.actual, holdout.rows[4][0]);
    const island = report.row.columns.find((c) => c.name === 'Island');
    assert.equal(island?.value, holdout.rows[4][1]);
    // The same row explained within the whole file: the same contributions.
    const table = csv(readFileSync(join(project.root, 'forest.csv'), 'utf8'));
    const outputs = report.outputNames.length;
    for (const c of report.row.columns)
      for (let k = 0; k < outputs; k++)
        assert.ok(
          Math.abs(c.contributions[k] - Number(table.rows[4 * outputs + k][table.header.indexOf(c.name)])) < 1e-5,
        );
  });

  it('bad rows: a category never seen is named with its line (the spec accepts it); a missing column is refused', async () => {
    const lines = readFileSync(join(project.root, 'data/holdout.csv'), 'utf8').trim().split('\n');
    const unseen = [...lines.slice(0, 3), lines[3].replace(/^([^,]*),[^,]*,/, '$1,Atlantis,')];
    writeFileSync(join(project.root, 'data/unseen.csv'), unseen.join('\n') + '\n');
    const a = await runMlcycle(project.root, 'explain', `${runId}:forest`, 'data/unseen.csv', '--json', 'u.json');
    assert.equal(a.code, 0, a.stderr);
    const notices = (JSON.parse(readFileSync(join(project.root, 'u.json'), 'utf8')) as ExplainResult).notices;
    assert.ok(
      notices.some((n) => /^Island has 1 value never seen in training: "Atlantis" \(row 2, line 4\)/.test(n)),
      notices.join('\n'),
    );
    rmSync(join(project.root, '.mlcycle/explanations', `${runId}--forest--unseen.json`));
    const header = lines[0].split(',');
    const without = lines.slice(0, 4).map((l) =>
      l
        .split(',')
        .filter((_, i) => header[i] !== 'Body Mass (g)')
        .join(','),
    );
    writeFileSync(join(project.root, 'data/without.csv'), without.join('\n') + '\n');
    const b = await runMlcycle(project.root, 'explain', `${runId}:forest`, 'data/without.csv');
    assert.equal(b.code, 2);
    assert.match(b.stderr, /Body Mass \(g\)/);
    assert.ok(!existsSync(join(project.root, '.mlcycle/explanations', `${runId}--forest--without.json`)));
  });

  it('the evaluation report reads the newest explanation of the model, and says so when its plots are gone', async () => {
    const found = await explanationsOfRun(project.root, runId, 'forest');
    assert.deepEqual(found.explainedModels, ['forest']);
    assert.equal(found.explanation?.plots?.explainedRows, plots.explainedRows);
    assert.equal((await explanationsOfRun(project.root, runId, 'logistic')).explanation, undefined);
    writeFileSync(join(project.root, result.plots!), '{ torn');
    const torn = await explanationsOfRun(project.root, runId, 'forest');
    assert.equal(torn.explanation?.plots, undefined);
    assert.match(torn.explanation?.problem ?? '', /cannot be read.*Explain again/);
  });
});
