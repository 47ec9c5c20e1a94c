// The panel's page as VS Code would load it (buildPanelHtml, scripts by URL under the panel
// policy), with a stand-in for acquireVsCodeApi: the handshake, rendering, buttons, saved
// state across a reload, error display and theme changes, with no CSP violation.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { buildPanelHtml, createNonce } from '../../../src/extension/panels/html';
import type { HostToWebview, WebviewToHost } from '../../../src/protocol/webview';
import {
  bundleReport,
  chromiumMissing,
  launchChromium,
  REPO_ROOT,
  watchProblems,
  type PageProblems,
} from './browserHarness';
import { overviewFixture } from './overviewFixture';

const fileUrl = (path: string) => pathToFileURL(path).href;

/**
 * What VS Code gives a webview: postMessage to the host, and state that survives reloads. Plain
 * JavaScript text, because tsx would add helpers to a compiled function that the page lacks.
 */
const FAKE_VSCODE_API = `
  window.__sent = [];
  let acquired = false;
  window.acquireVsCodeApi = function () {
    if (acquired) throw new Error('acquireVsCodeApi called twice');
    acquired = true;
    return {
      postMessage(message) { window.__sent.push(message); },
      getState() { return JSON.parse(sessionStorage.getItem('vscode-state') || 'null'); },
      setState(state) { sessionStorage.setItem('vscode-state', JSON.stringify(state)); },
    };
  };
  // VS Code puts the theme on <html> as variables, and its kind on <body> as a class (done here
  // before the report's own DOMContentLoaded listener: <html> does not exist yet when this runs).
  document.addEventListener('DOMContentLoaded', function () {
    const root = document.documentElement.style;
    root.setProperty('--vscode-foreground', '#cccccc');
    root.setProperty('--vscode-editor-background', '#1f1f1f');
    root.setProperty('--vscode-testing-iconPassed', '#73c991');
    document.body.classList.add('vscode-dark');
  }, { capture: true, once: true });
`;

const sent = (page: Page) => page.evaluate(() => (window as unknown as { __sent: WebviewToHost[] }).__sent);
const hostPosts = (page: Page, message: HostToWebview) => page.evaluate((m) => window.postMessage(m, '*'), message);

describe('overview panel page in Chromium', { skip: chromiumMissing() }, () => {
  let browser: Browser;
  let dir: string;
  let pageUrl: string;

  before(async () => {
    const [script, browserInstance] = await Promise.all([bundleReport('overview'), launchChromium()]);
    browser = browserInstance;
    dir = mkdtempSync(join(tmpdir(), 'mlcycle-panel-'));
    writeFileSync(join(dir, 'overview.js'), script);
    const html = buildPanelHtml({
      kind: 'overview',
      title: 'Project overview',
      nonce: createNonce(),
      cspSource: 'file:',
      reportScriptUri: fileUrl(join(dir, 'overview.js')),
      plotlyScriptUri: fileUrl(join(REPO_ROOT, 'node_modules/plotly.js-dist/plotly.js')),
      styleUris: [fileUrl(join(REPO_ROOT, 'media/report.css'))],
    });
    writeFileSync(join(dir, 'panel.html'), html);
    pageUrl = fileUrl(join(dir, 'panel.html'));
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function openPanel(): Promise<{ page: Page; problems: PageProblems }> {
    const page = await browser.newPage();
    const problems = await watchProblems(page);
    await page.addInitScript({ content: FAKE_VSCODE_API });
    await page.goto(pageUrl);
    await page.waitForFunction(() => (window as unknown as { __sent: unknown[] }).__sent.length > 0, null, {
      timeout: 30_000,
    });
    return { page, problems };
  }

  it('says ready first, renders on render, and posts its buttons as typed messages', async () => {
    const { page, problems } = await openPanel();
    assert.deepEqual(await sent(page), [{ type: 'ready' }]);
    assert.match(await page.locator('#report').innerText(), /Computing the report/);

    const report = overviewFixture();
    await hostPosts(page, { type: 'render', report });
    await page.waitForSelector('body[data-render-count="1"]');
    assert.equal(await page.locator('.js-plotly-plot .barlayer .trace.bars').count(), 5);
    // The theme's colors reached the chart: passing bars use --vscode-testing-iconPassed.
    assert.equal(
      await page
        .locator('.js-plotly-plot .barlayer .trace.bars')
        .first()
        .locator('path')
        .first()
        .evaluate((p) => getComputedStyle(p).fill),
      'rgb(115, 201, 145)',
    );

    await page.locator('vscode-button[data-action="refresh"]').click();
    await page.locator('vscode-button[data-action="export"]').click();
    await page.locator('li[data-item="problem.baseline"] vscode-button.act').click();
    await page.locator('li[data-item="data.inspect"] vscode-button.act').click();
    assert.deepEqual((await sent(page)).slice(1), [
      { type: 'rendered', generatedAt: report.generatedAt, charts: 1 },
      { type: 'refresh' },
      { type: 'export' },
      { type: 'command', command: 'mlcycle.runItemAction', args: ['problem.baseline'] },
      { type: 'command', command: 'mlcycle.inspectDatasets' },
    ]);
    // Items without a command have no button.
    assert.equal(await page.locator('li[data-item="model.card"] vscode-button').count(), 0);
    assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], violations: [] });
    await page.close();
  });

  it('shows its saved report again after a reload, before the host answers', async () => {
    const { page, problems } = await openPanel();
    const report = overviewFixture();
    await hostPosts(page, { type: 'render', report });
    await page.waitForSelector('body[data-render-count="1"]');
    await page.reload();
    await page.waitForSelector('body[data-render-count="1"]', { timeout: 30_000 });
    assert.equal(await page.locator('body').getAttribute('data-rendered-at'), report.generatedAt);
    // `ready` still comes first; the drawing came from the saved state (the host never answered).
    assert.deepEqual(await sent(page), [
      { type: 'ready' },
      { type: 'rendered', generatedAt: report.generatedAt, charts: 1 },
    ]);
    assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], violations: [] });
    await page.close();
  });

  it('keeps the report and says why when the host reports an error; ignores foreign messages', async () => {
    const { page, problems } = await openPanel();
    await hostPosts(page, { type: 'render', report: overviewFixture() });
    await page.waitForSelector('body[data-render-count="1"]');
    await hostPosts(page, {
      type: 'error',
      message: 'mlcycle.yaml line 3, column 7: task must be classification or regression',
    });
    await page.waitForSelector('.report-error');
    assert.match(await page.locator('.report-error').innerText(), /line 3, column 7/);
    assert.equal(await page.locator('.js-plotly-plot').count(), 1);
    await page.evaluate(() => window.postMessage({ type: 'render', report: { kind: 'nonsense' } }, '*'));
    await page.evaluate(() => window.postMessage('hello', '*'));
    await page.waitForTimeout(100);
    assert.equal(await page.locator('body').getAttribute('data-render-count'), '2');
    assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], violations: [] });
    await page.close();
  });

  it('redraws in the new colors when the theme changes to high contrast', async () => {
    const { page, problems } = await openPanel();
    await hostPosts(page, { type: 'render', report: overviewFixture() });
    await page.waitForSelector('body[data-render-count="1"]');
    await page.evaluate(() => {
      document.documentElement.style.setProperty('--vscode-contrastBorder', '#6fc3df');
      document.documentElement.style.setProperty('--vscode-testing-iconPassed', '#00ff00');
      document.body.classList.replace('vscode-dark', 'vscode-high-contrast');
    });
    await page.waitForSelector('body[data-render-count="2"]');
    const bar = page.locator('.js-plotly-plot .barlayer .trace.bars').first().locator('path').first();
    assert.equal(await bar.evaluate((p) => getComputedStyle(p).fill), 'rgb(0, 255, 0)');
    assert.equal(await bar.evaluate((p) => getComputedStyle(p).stroke), 'rgb(111, 195, 223)');
    assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], violations: [] });
    await page.close();
  });
});
