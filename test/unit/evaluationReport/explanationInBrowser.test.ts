// The evaluation report's explanation section in headless Chromium, on a real explanation
// (a forest trained and explained on penguins by the CLI): the bar chart, the beeswarm and the
// dependence plot drawn (canvas points really painted), SHAP beside permutation importance, the
// waterfall of the worst row and the pickers redrawing; a 10,000-row beeswarm draws too; with
// no explanation the section's button asks the host to explain the model. No CSP violation.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { buildEvaluationReport } from '../../../src/extension/runs/evaluationPayload';
import { explanationsOfRun } from '../../../src/extension/runs/explanationPayload';
import { readRunRecord } from '../../../src/extension/runs/runRecords';
import type { EvaluationReport, PredictionReport, ReportPayload } from '../../../src/protocol/webview';
import { explain as explainJob } from '../../../src/core/explain/explainJob';
import { buildPredictionReport } from '../../../src/extension/runs/predictionPayload';
import type { tempProject } from '../model/train/trainFixtures';
import { FOREST_SPEC, syntheticPlots, trainedPenguins } from '../explain/explainFixtures';
import { chromiumMissing, REPO_ROOT } from '../panels/browserHarness';
import { setSelect, settle, ReportPageHarness, type ReportPage } from '../panels/reportPage';
import { runMlcycle } from '../support/runCliInProcess';

const NO_PROBLEMS = { consoleErrors: [], pageErrors: [], violations: [] };
const SCREENSHOTS = join(REPO_ROOT, 'test-results/evaluation-report');

/** Pixels of the chart's canvas that are not transparent. */
const paintedPixels = (page: Page, chart: string) =>
  page.locator(`[data-chart="${chart}"] canvas`).evaluate((canvas) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    return painted;
  });

describe('evaluation report: the explanation section in Chromium', { skip: chromiumMissing() }, () => {
  const harness = new ReportPageHarness(['evaluation', 'prediction']);
  let project: ReturnType<typeof tempProject>;
  let explained: EvaluationReport;
  let unexplained: EvaluationReport;
  let prediction: PredictionReport;

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    let runId: string;
    ({ project, runId } = await trainedPenguins(FOREST_SPEC));
    const summary = { name: 'penguins', task: 'classification' as const, target: 'Species', root: project.root };
    const record = await readRunRecord(project.root, runId);
    unexplained = { ...buildEvaluationReport({ record, project: summary }), explanationFor: 'forest' };
    const r = await runMlcycle(project.root, 'explain', `${runId}:forest`, 'data/holdout.csv');
    assert.equal(r.code, 0, r.stderr);
    const { explanation, explainedModels } = await explanationsOfRun(project.root, runId, 'forest');
    explained = { ...unexplained, explanation, explainedModels };
    const single = await explainJob(
      { root: project.root, model: `${runId}/forest`, data: 'data/holdout.csv', rows: [4], record: false },
      { signal: new AbortController().signal, report: () => undefined },
    );
    prediction = buildPredictionReport(single, summary);
    await harness.start();
  });

  after(async () => {
    await harness.stop();
    project.dispose();
  });

  async function rendered(report: ReportPayload): Promise<ReportPage> {
    const opened = await harness.open(report.kind);
    await opened.post({ type: 'render', report });
    await opened.page.waitForSelector('body[data-render-count="1"]', { timeout: 30_000 });
    await settle(opened.page);
    return opened;
  }

  it('draws the bars, the beeswarm, the comparison, the dependence plot and the worst row', async () => {
    const { page, problems } = await rendered(explained);
    for (const chart of ['shap-bar', 'beeswarm', 'dependence', 'waterfall'])
      assert.equal(await page.locator(`[data-chart="${chart}"]`).getAttribute('data-drawn'), 'true', chart);
    assert.ok((await paintedPixels(page, 'beeswarm')) > 1000, 'the beeswarm paints its points');
    assert.ok((await paintedPixels(page, 'dependence')) > 200, 'the dependence plot paints its points');
    const plots = explained.explanation!.plots!;
    assert.equal(await page.locator('[data-chart="shap-bar"] .bars .point').count(), plots.columns.length);
    assert.equal(
      await page.locator('#eval-explanation tr[data-column]').count(),
      plots.columns.length,
      'one comparison row per column',
    );
    assert.match(await page.locator('#eval-explanation').innerText(), /adds up/);
    assert.match(
      await page.locator('#eval-explanation').innerText(),
      new RegExp(`Row ${plots.waterfalls[0].row}.*actual ${plots.waterfalls[0].actual}`),
    );
    await page.locator('#eval-explanation').screenshot({ path: join(SCREENSHOTS, 'explanation.png') });

    // Another class, another column, another row: each redraws.
    await setSelect(page, 'explain-output', '2');
    await settle(page);
    const second = plots.columns[1].name;
    await setSelect(page, 'explain-column', second);
    await settle(page);
    assert.match(
      await page.locator('#eval-explanation').innerText(),
      new RegExp(`Coloured by .* the column ${second}`),
    );
    await setSelect(page, 'explain-row', '1');
    await settle(page);
    assert.match(await page.locator('#eval-explanation').innerText(), new RegExp(`Row ${plots.waterfalls[1].row}`));
    assert.equal(await page.locator('[data-chart="waterfall"]').getAttribute('data-drawn'), 'true');
    assert.deepEqual(problems, NO_PROBLEMS);
  });

  it('a beeswarm of 10,000 rows and 20 columns draws', async () => {
    const plots = syntheticPlots(10_000, 20);
    const report: EvaluationReport = {
      ...explained,
      explanation: { ...explained.explanation!, rows: plots.explainedRows, plots },
    };
    const { page, problems } = await rendered(report);
    assert.equal(await page.locator('[data-chart="beeswarm"]').getAttribute('data-drawn'), 'true');
    assert.ok((await paintedPixels(page, 'beeswarm')) > 20_000);
    assert.deepEqual(problems, NO_PROBLEMS);
  });

  it('with no explanation, its button asks the host to explain the model', async () => {
    const { page, problems, sent } = await rendered(unexplained);
    assert.match(await page.locator('#eval-explanation').innerText(), /forest has not been explained yet/);
    await page.locator('#eval-explanation [data-action="explain"]').click();
    const messages = await sent();
    assert.deepEqual(messages.at(-1), {
      type: 'command',
      command: 'mlcycle.explainModel',
      args: [{ run: unexplained.run.runId, model: 'forest' }],
    });
    assert.deepEqual(problems, NO_PROBLEMS);
  });

  it("Explain Prediction: the row's waterfall, its prediction against the truth, every column with its value", async () => {
    const { page, problems } = await rendered(prediction);
    assert.equal(await page.locator('[data-chart="waterfall"]').getAttribute('data-drawn'), 'true');
    const { row } = prediction;
    assert.match(
      await page.locator('#eval-prediction').innerText(),
      new RegExp(`Predicted ${row.predicted}; actual ${row.actual}`),
    );
    assert.equal(await page.locator('#eval-prediction tr[data-column]').count(), row.columns.length);
    // The predicted class's output is shown first.
    const predictedAt = prediction.outputNames.indexOf(String(row.predicted));
    assert.equal(
      await page.locator('#prediction-output').evaluate((e) => (e as HTMLElement & { value: string }).value),
      String(predictedAt),
    );
    const first = await page.locator('#eval-prediction tr[data-column]').first().getAttribute('data-column');
    const largest = [...row.columns].sort(
      (a, b) => Math.abs(b.contributions[predictedAt]) - Math.abs(a.contributions[predictedAt]),
    )[0].name;
    assert.equal(first, largest, 'the largest contribution first');
    await page.screenshot({ path: join(SCREENSHOTS, 'prediction.png'), fullPage: true });
    assert.deepEqual(problems, NO_PROBLEMS);
  });
});
