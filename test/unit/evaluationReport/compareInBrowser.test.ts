// The evaluation report of a regression run, the run comparison and the exported evaluation
// report, in headless Chromium as VS Code loads them, on run records built from the run types:
// the regression plots, the comparison with its best values highlighted and its curves per
// run, the exported file with no host, and not one CSP violation, console error or page error.
// (The classification report is evaluationInBrowser.test.ts.)
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { exportReportHtml } from '../../../src/extension/panels/exportHtml';
import { buildCompareReport } from '../../../src/extension/runs/comparePayload';
import { buildEvaluationReport } from '../../../src/extension/runs/evaluationPayload';
import type { CompareReport, EvaluationReport, ReportPayload } from '../../../src/protocol/webview';
import { bundleReport, chromiumMissing, REPO_ROOT } from '../panels/browserHarness';
import { drawnCharts, setSelect, settle, ReportPageHarness, type ReportPage } from '../panels/reportPage';
import { classificationRun, PROJECT, regressionRun } from './runFixtures';

const NO_PROBLEMS = { consoleErrors: [], pageErrors: [], violations: [] };
const SCREENSHOTS = join(REPO_ROOT, 'test-results/evaluation-report');

describe('evaluation report (regression, export) and run comparison in Chromium', { skip: chromiumMissing() }, () => {
  const harness = new ReportPageHarness(['evaluation', 'compare']);
  let classification: EvaluationReport;
  let regression: EvaluationReport;
  let compare: CompareReport;

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await harness.start();
    classification = buildEvaluationReport({ record: classificationRun(), project: PROJECT });
    regression = buildEvaluationReport({ record: regressionRun(), project: { ...PROJECT, task: 'regression' } });
    compare = buildCompareReport(
      [
        classificationRun({ runId: 'run-a', createdAt: '2026-01-01T00:00:00.000Z', skill: 0.4 }),
        classificationRun({ runId: 'run-b', createdAt: '2026-02-01T00:00:00.000Z' }),
      ],
      PROJECT,
    );
  });

  after(() => harness.stop());

  async function rendered(report: ReportPayload): Promise<ReportPage> {
    const opened = await harness.open(report.kind);
    await opened.post({ type: 'render', report });
    await opened.page.waitForSelector('body[data-render-count="1"]', { timeout: 30_000 });
    return opened;
  }

  it('draws the regression plots', async () => {
    const { page, problems } = await rendered(regression);
    const charts = await drawnCharts(page);
    for (const kind of ['folds', 'predicted-vs-actual', 'residuals', 'residual-histogram', 'importance', 'fairness'])
      assert.ok(charts.includes(`${kind}:true`), `${kind} in ${charts}`);
    assert.equal(await page.locator('[data-chart="predicted-vs-actual"] .scatterlayer .point').count(), 120);
    assert.match(
      await page.locator('tr[data-model="boosting"]').innerText(),
      /−\d/,
      'the RMSE went down against the baseline',
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'regression.png'), fullPage: true });
    assert.deepEqual(problems, NO_PROBLEMS);
  });

  it('compares runs: best values highlighted, curves overlaid per run, every model on demand', async () => {
    const { page, problems } = await rendered(compare);
    const rows = page.locator('#eval-metrics tbody tr');
    assert.equal(await rows.count(), 2, 'the best model of each run');
    const best = await page.locator('#eval-metrics tr[data-run="run-b"] td.best').count();
    assert.ok(best >= 3, `run-b has the best of ${best} metrics`);
    assert.ok((await drawnCharts(page)).includes('compare-roc:true'));
    assert.equal(await page.locator('[data-chart="compare-roc"] .legend .traces').count(), 2, 'one curve per run');
    await setSelect(page, 'curve-class', 'Gentoo');
    await settle(page);
    assert.match(
      await page.locator('[data-chart="compare-roc"] .legend').evaluate((l) => l.textContent ?? ''),
      /run-a/,
    );
    await setSelect(page, 'compare-scope', 'all');
    await page.waitForFunction(() => document.querySelectorAll('#eval-metrics tbody tr').length === 8);
    await page.screenshot({ path: join(SCREENSHOTS, 'compare.png'), fullPage: true });
    assert.deepEqual(problems, NO_PROBLEMS);
  });

  it('exports as one file that draws with no host and no violation', async () => {
    const dir = harness['dir'] as string;
    const reportScript = await bundleReport('evaluation');
    const html = exportReportHtml(classification, {
      reportScript,
      plotlyScript: readFileSync(join(REPO_ROOT, 'node_modules/plotly.js-dist/plotly.js'), 'utf8'),
      styles: [
        readFileSync(join(REPO_ROOT, 'media/standalone-theme.css'), 'utf8'),
        readFileSync(join(REPO_ROOT, 'media/report.css'), 'utf8'),
      ],
    });
    const file = join(dir, 'exported.html');
    writeFileSync(file, html);
    const page = await harness.browser.newPage({ viewport: { width: 1100, height: 800 } });
    const { watchProblems } = await import('../panels/browserHarness');
    const problems = await watchProblems(page);
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-render-count="1"]', { timeout: 30_000 });
    assert.equal(await page.locator('vscode-button').count(), 0, 'no Refresh or Export outside VS Code');
    assert.ok((await drawnCharts(page)).every((c) => c.endsWith(':true')));
    assert.deepEqual(problems, NO_PROBLEMS);
  });
});
