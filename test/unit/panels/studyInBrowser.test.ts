// The tuning study view in headless Chromium, as VS Code loads it, on studies written to disk
// the way a running study writes them and read by the panel's own feed: every chart drawn,
// the table sorted and filtered (checked against the trials themselves), only the visible rows
// in the DOM at 10,000 trials, the buttons posting their commands, a live update merging new
// rows, the exported file drawing with no host, and not one CSP violation or page error.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { StudyFeed } from '../../../src/core/tuning/studyFeed';
import { exportFileName, exportReportHtml } from '../../../src/extension/panels/exportHtml';
import type { StudyReport } from '../../../src/protocol/webview';
import { fixtureTrial } from '../tuning/studyFixture';
import { logTrial, projectOf, tempRoot, writeStudy } from '../tuning/studyOnDisk';
import { bundleReport, chromiumMissing, REPO_ROOT, watchProblems } from './browserHarness';
import { ReportPageHarness, type ReportPage } from './reportPage';

const NO_PROBLEMS = { consoleErrors: [], pageErrors: [], violations: [] };
const CHARTS = ['history', 'importance', 'parallel', 'slices', 'contour', 'edf', 'intermediate', 'pareto'];

const drawnCharts = (page: Page) =>
  page
    .locator('[data-chart]')
    .evaluateAll((list) => list.map((c) => `${(c as HTMLElement).dataset.chart}:${(c as HTMLElement).dataset.drawn}`));

async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[data-chart]:not([hidden]):not([data-drawn])'), null, {
    timeout: 30_000,
  });
}

const tableData = (page: Page) => page.locator('.trial-scroll').evaluate((el) => ({ ...(el as HTMLElement).dataset }));
const drawnTrials = (page: Page) =>
  page
    .locator('.trial-table tr[data-trial]')
    .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-trial'))));

async function setValue(page: Page, id: string, value: string, event: 'change' | 'input'): Promise<void> {
  await page.evaluate(
    ([selector, v, e]) => {
      const element = document.getElementById(selector) as HTMLElement & { value: string };
      element.value = v;
      element.dispatchEvent(new Event(e));
    },
    [id, value, event],
  );
}

describe('tuning study view in Chromium', { skip: chromiumMissing() }, () => {
  const harness = new ReportPageHarness(['study']);
  const roots: string[] = [];

  before(() => harness.start());
  after(async () => {
    await harness.stop();
    for (const r of roots) rmSync(r, { recursive: true, force: true });
  });

  async function study(n: number, running = 0) {
    const root = tempRoot();
    roots.push(root);
    const written = await writeStudy(root, n, { running });
    const feed = new StudyFeed(root, written.loaded.study.id, projectOf(root));
    return { root, ...written, feed, report: await feed.full() };
  }

  async function rendered(report: StudyReport): Promise<ReportPage> {
    const opened = await harness.open('study');
    await opened.post({ type: 'render', report });
    await opened.page.waitForSelector('body[data-render-count="1"]', { timeout: 60_000 });
    await settle(opened.page);
    return opened;
  }

  it('draws every chart, and sorts and filters the table as the trials say', async () => {
    const { report, trials } = await study(120, 2);
    const { page, problems, sent } = await rendered(report);
    const charts = await drawnCharts(page);
    for (const kind of CHARTS) assert.ok(charts.includes(`${kind}:true`), `${kind} in ${charts}`);
    assert.equal(await page.locator('.js-plotly-plot').count(), CHARTS.length);
    assert.match(await page.locator('[data-chart="importance"]').innerText(), /PED-ANOVA/);
    assert.match(await page.locator('#eval-params').innerText(), /PED-ANOVA/);
    // Stage 2 starts at trial 60: its boundary is drawn on the history.
    assert.match(await page.locator('[data-chart="history"]').innerText(), /stage 2/);
    assert.equal((await tableData(page)).rowsTotal, '122');

    // Sort by roc_auc, descending: the best trials by the values on disk come first.
    await page.locator('button[data-sort="value:0"]').click();
    await page.locator('button[data-sort="value:0"]').click();
    const byAuc = trials
      .filter((t) => t.values)
      .sort((a, b) => b.values![0] - a.values![0] || a.number - b.number)
      .map((t) => t.number);
    assert.deepEqual((await drawnTrials(page)).slice(0, 10), byAuc.slice(0, 10));
    assert.equal(await page.locator('th[aria-sort="descending"]').count(), 1);

    // Filter by state, then by a comparison on a parameter.
    await setValue(page, 'trial-state', 'failed', 'change');
    const failed = trials.filter((t) => t.state === 'failed').length;
    assert.equal((await tableData(page)).rowsMatching, String(failed));
    assert.ok(failed > 0);
    await setValue(page, 'trial-state', 'all', 'change');
    await setValue(page, 'trial-filter', 'x>1 forest', 'input');
    const matching = trials.filter((t) => (t.params.x as number) > 1 && t.params.model === 'forest');
    assert.equal((await tableData(page)).rowsMatching, String(matching.length));
    const expected = matching
      .sort((a, b) => (b.values?.[0] ?? -Infinity) - (a.values?.[0] ?? -Infinity) || a.number - b.number)
      .map((t) => t.number);
    const drawn = await drawnTrials(page);
    assert.ok(drawn.length > 0);
    assert.deepEqual(drawn, expected.slice(0, drawn.length));
    await setValue(page, 'trial-filter', '', 'input');

    // Select a complete trial and promote it; extend the study by 5 trials; stop is off (idle).
    const pick = trials.find((t) => t.state === 'complete' && t.number > 3)!.number;
    await page.locator('button[data-sort="number"]').click();
    await page.locator(`tr[data-trial="${pick}"]`).click();
    assert.match(await page.locator('vscode-button[data-action="promote"]').innerText(), new RegExp(`trial ${pick}`));
    await page.locator('vscode-button[data-action="promote"]').click();
    await setValue(page, 'extend-by', '5', 'input');
    await page.locator('vscode-button[data-action="extend"]').click();
    await page.locator('vscode-button[data-action="stop"]').click({ force: true });
    const commands = (await sent()).filter((m) => m.type === 'command');
    const id = report.summary.studyId;
    assert.deepEqual(commands, [
      { type: 'command', command: 'mlcycle.promoteTrial', args: [id, pick] },
      { type: 'command', command: 'mlcycle.tuneHyperparameters', args: [{ resume: id, trials: 5 }] },
    ]);
    assert.deepEqual(problems, NO_PROBLEMS);
    await page.close();
  });

  it('merges a live update: new rows in place, the charts redrawn, the sort kept', async () => {
    const { report, feed, loaded } = await study(40, 1);
    const { page, problems } = await rendered(report);
    await page.locator('button[data-sort="number"]').click(); // descending: the newest first
    assert.equal((await drawnTrials(page))[0], 40);
    // The running trial 40 finishes and trial 41 runs; the feed sends only those two rows.
    logTrial(loaded.dir, fixtureTrial(40, 20));
    const t41 = fixtureTrial(41, 20);
    logTrial(loaded.dir, t41);
    const update = await feed.next();
    assert.ok(update);
    assert.deepEqual(
      update.rows.map((r) => r.number),
      [40, 41],
    );
    await page.evaluate(() => window.scrollTo(0, 0)); // the history on screen, the rest below
    await page.evaluate((m) => window.postMessage(m, '*'), update);
    await page.waitForSelector('body[data-update-count="1"]');
    await settle(page);
    assert.equal((await tableData(page)).rowsTotal, '42');
    assert.deepEqual((await drawnTrials(page)).slice(0, 2), [41, 40]);
    assert.equal(await page.locator('body').getAttribute('data-render-count'), '1', 'updated in place, not redrawn');
    assert.match(await page.locator('.study-facts').innerText(), /42 trials/);
    // Charts off screen were not redrawn by the update; scrolled to, they are.
    assert.ok((await page.locator('[data-chart][data-stale="true"]').count()) > 0, 'off-screen charts wait');
    assert.equal(await page.locator('[data-chart="history"][data-stale]').count(), 0, 'the history is on screen');
    await page.locator('[data-chart="pareto"]').scrollIntoViewIfNeeded();
    await page.waitForSelector('[data-chart="pareto"]:not([data-stale])');
    // What the page saved (at most every 3 s, the last update always) is the merged report: a
    // reload shows all 42 rows.
    await page.waitForSelector(`body[data-saved-at="${update.generatedAt}"]`);
    await page.reload();
    await page.waitForSelector('body[data-render-count="1"]', { timeout: 30_000 });
    assert.equal((await tableData(page)).rowsTotal, '42');
    assert.deepEqual(problems, NO_PROBLEMS);
    await page.close();
  });

  it('keeps only the visible rows in the DOM at 10,000 trials and scrolls to the last', async () => {
    const { report } = await study(10_000);
    const started = performance.now();
    const { page, problems } = await rendered(report);
    const ms = performance.now() - started;
    const data = await tableData(page);
    assert.equal(data.rowsTotal, '10000');
    assert.ok(Number(data.rowsDrawn) < 80, `${data.rowsDrawn} rows in the DOM`);
    await page.locator('.trial-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.waitForSelector('tr[data-trial="9999"]');
    assert.ok(Number((await tableData(page)).rowsDrawn) < 80);
    console.log(
      `[study view] 10,000 trials: payload ${(JSON.stringify(report).length / 1024).toFixed(0)} KiB, ` +
        `drawn in ${ms.toFixed(0)} ms (from the test posting the render, Playwright serialisation of the payload included, to every chart drawn), ${data.rowsDrawn} table rows in the DOM`,
    );
    assert.deepEqual(problems, NO_PROBLEMS);
    await page.close();
  });

  it('exports as one file that draws with no host, no buttons and no violation', async () => {
    const { report, root } = await study(80);
    const html = exportReportHtml(report, {
      reportScript: await bundleReport('study'),
      plotlyScript: readFileSync(join(REPO_ROOT, 'node_modules/plotly.js-dist/plotly.js'), 'utf8'),
      styles: [
        readFileSync(join(REPO_ROOT, 'media/standalone-theme.css'), 'utf8'),
        readFileSync(join(REPO_ROOT, 'media/report.css'), 'utf8'),
      ],
    });
    assert.equal(exportFileName(report), `Penguin-species-study-${report.summary.studyId}.html`);
    assert.match(html, /script-src &#39;nonce-/);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
    const file = join(root, 'study.html');
    writeFileSync(file, html);
    const page = await harness.browser.newPage({ viewport: { width: 1100, height: 800 } });
    const problems = await watchProblems(page);
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-render-count="1"]', { timeout: 60_000 });
    await settle(page);
    assert.equal(await page.locator('vscode-button').count(), 0, 'no actions outside VS Code');
    const charts = await drawnCharts(page);
    for (const kind of CHARTS) assert.ok(charts.includes(`${kind}:true`), `${kind} in ${charts}`);
    assert.equal((await tableData(page)).rowsTotal, '80');
    await page.locator('button[data-sort="value:1"]').click();
    assert.equal(await page.locator('th[aria-sort="ascending"]').count(), 1);
    assert.deepEqual(problems, NO_PROBLEMS);
    await page.close();
  });
});
