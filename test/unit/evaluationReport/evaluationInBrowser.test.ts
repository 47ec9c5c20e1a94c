// The evaluation and compare reports' pages as VS Code loads them, in headless Chromium, on
// run records built from the run types: the handshake, the models table (baseline first,
// failures and models that do not beat the baseline flagged), the KPI chips, every chart
// drawn, the model picker, the normalised confusion matrix, the threshold slider, and
// not one CSP violation, console error or page error. (Regression, comparison and export:
// compareInBrowser.test.ts.)
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildEvaluationReport } from '../../../src/extension/runs/evaluationPayload';
import type { EvaluationReport, ReportPayload } from '../../../src/protocol/webview';
import { chromiumMissing, REPO_ROOT } from '../panels/browserHarness';
import { drawnCharts, setSelect, settle, ReportPageHarness, type ReportPage } from '../panels/reportPage';
import { classificationRun, PROJECT } from './runFixtures';

const NO_PROBLEMS = { consoleErrors: [], pageErrors: [], violations: [] };
const SCREENSHOTS = join(REPO_ROOT, 'test-results/evaluation-report');

describe('evaluation report page in Chromium', { skip: chromiumMissing() }, () => {
  const harness = new ReportPageHarness(['evaluation']);
  let classification: EvaluationReport;
  let binary: EvaluationReport;

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await harness.start();
    classification = buildEvaluationReport({ record: classificationRun(), project: PROJECT });
    binary = buildEvaluationReport({
      record: classificationRun({ classes: ['no', 'yes'], runId: 'binary' }),
      project: PROJECT,
    });
  });

  after(() => harness.stop());

  async function rendered(report: ReportPayload): Promise<ReportPage> {
    const opened = await harness.open(report.kind);
    await opened.post({ type: 'render', report });
    await opened.page.waitForSelector('body[data-render-count="1"]', { timeout: 30_000 });
    return opened;
  }

  it('draws the run: header, KPIs, models baseline first with flags, and every chart', async () => {
    const { page, problems, sent } = await rendered(classification);
    const messages = await sent();
    assert.deepEqual(messages[0], { type: 'ready' });
    const done = messages.find((m) => m.type === 'rendered') as { charts: number } | undefined;
    assert.ok(done && done.charts >= 7, `rendered with ${done?.charts} charts`);

    assert.equal(await page.locator('[data-fact="run"]').innerText(), classification.run.runId);
    const kpis = page.locator('[data-kpi]');
    assert.equal(await kpis.count(), 2);
    assert.equal(
      await page.locator('[data-kpi="balanced_accuracy"]').getAttribute('data-pass'),
      String(classification.run.kpis![0].pass),
    );
    assert.equal(await page.locator('[data-kpi="log_loss"]').getAttribute('data-pass'), 'false');

    const rows = await page
      .locator('#eval-summary tbody tr')
      .evaluateAll((list) => list.map((r) => (r as HTMLElement).dataset.model));
    assert.deepEqual(rows, ['majority', 'logistic', 'forest', 'knn']);
    assert.match(await page.locator('tr[data-model="knn"]').innerText(), /k = 500 is more than the 241 training rows/);
    assert.equal(await page.locator('tr[data-model="knn"] [data-flag="failed"]').count(), 1);
    assert.equal(
      await page.locator('tr[data-model="logistic"]').getAttribute('class'),
      'selected-row',
      'the best model is shown in detail',
    );

    const charts = await drawnCharts(page);
    for (const kind of ['folds', 'confusion', 'roc', 'pr', 'calibration', 'fairness', 'importance'])
      assert.ok(charts.includes(`${kind}:true`), `${kind} in ${charts}`);
    assert.equal(await page.locator('[data-chart="roc"] .legend .traces').count(), 3, 'one ROC curve per class');
    assert.equal(await page.locator('#eval-errors tbody tr[data-line]').count(), 50);
    assert.equal(await page.locator('#eval-errors tr[data-line="2"]').count(), 1, 'rows carry their line numbers');
    assert.equal(await page.locator('#eval-features tr[data-feature="rowid"]').getAttribute('class'), 'dropped');
    assert.match(await page.locator('#eval-fairness').innerText(), /Demographic parity difference 0\.5000/);
    await page.screenshot({ path: join(SCREENSHOTS, 'classification.png'), fullPage: true });
    assert.deepEqual(problems, NO_PROBLEMS);
  });

  it('switches the model, normalises the confusion matrix, and keeps the choice on redraw', async () => {
    const { page, problems } = await rendered(classification);
    const cellTexts = () =>
      page
        .locator('[data-chart="confusion"] .annotation-text')
        .evaluateAll((list) => list.map((t) => t.textContent ?? ''));
    assert.ok(
      (await cellTexts()).every((t) => /^\d+$/.test(t)),
      'counts first',
    );
    await page.locator('#confusion-normalised').getByText('Normalise by true class').click();
    await settle(page);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-chart="confusion"] .annotation-text')].every((t) =>
        t.textContent?.endsWith('%'),
      ),
    );

    await setSelect(page, 'model-picker', 'forest');
    await page.waitForSelector('[data-model-details="forest"]');
    await settle(page);
    assert.equal(await page.locator('tr[data-model="forest"]').getAttribute('class'), 'selected-row');
    assert.ok(
      (await cellTexts()).every((t) => t.endsWith('%')),
      'the toggle holds for the next model',
    );
    // A failed model has no evaluation: the details say why instead of drawing nothing.
    await page.locator('tr[data-model="majority"] .link-button').click();
    await page.waitForSelector('[data-model-details="majority"]');
    await setSelect(page, 'model-picker', 'knn');
    await page.waitForSelector('[data-model-details="knn"]');
    assert.match(await page.locator('[data-model-details="knn"]').innerText(), /knn failed: k = 500/);
    assert.deepEqual(problems, NO_PROBLEMS);
  });

  it('moves the threshold of a binary model and reads precision, recall and F1 there', async () => {
    const { page, problems } = await rendered(binary);
    assert.ok((await drawnCharts(page)).includes('threshold:true'));
    const readout = page.locator('[data-readout="threshold"]');
    assert.match(await readout.innerText(), /^At 0\.5000: precision/);
    await page.locator('#threshold-slider').fill('0.8');
    await page.waitForFunction(() =>
      document.querySelector('[data-readout="threshold"]')?.textContent?.startsWith('At 0.8000'),
    );
    const analysis = (
      binary.run.models.find((m) => m.name === binary.run.bestModel)!.evaluation as {
        threshold: { thresholds: number[]; precision: number[]; recall: number[]; f1: number[] };
      }
    ).threshold;
    const i = analysis.thresholds.indexOf(0.8);
    const text = await readout.innerText();
    assert.ok(text.includes(`precision ${analysis.precision[i].toFixed(4)}`), text);
    assert.ok(text.includes(`recall ${analysis.recall[i].toFixed(4)}`), text);
    assert.ok(text.includes(`F1 ${analysis.f1[i].toFixed(4)}`), text);
    await page.locator('#eval-model .link-button', { hasText: 'best F1' }).click();
    await page.waitForFunction(
      (t) => document.querySelector('[data-readout="threshold"]')?.textContent?.startsWith(`At ${t}`),
      analysis.thresholds[analysis.f1.indexOf(Math.max(...analysis.f1))].toFixed(4),
    );
    await settle(page);
    assert.equal(
      await page.locator('[data-chart="roc"] .legend .traces').count(),
      1,
      'binary: the positive class only',
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'binary.png'), fullPage: true });
    assert.deepEqual(problems, NO_PROBLEMS);
  });
});
