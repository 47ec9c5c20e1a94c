// The profile report exported as one self-contained HTML file, opened from disk in a plain
// Chromium (no VS Code): every chart draws under the file's own strict policy, there are no
// host buttons, and values from the data that look like markup stay text everywhere (the
// sample, the frequent values, the chart labels).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { exportReportHtml } from '../../../src/extension/panels/exportHtml';
import { buildProfileReport } from '../../../src/extension/panels/profilePayload';
import type { ProfileReport } from '../../../src/protocol/webview';
import { bundleReport, chromiumMissing, launchChromium, REPO_ROOT, watchProblems } from '../panels/browserHarness';
import { HOSTILE_TEXT } from '../panels/overviewFixture';
import { profileOf } from './profileFixtures';

describe('exported profile report in Chromium', { skip: chromiumMissing() }, () => {
  let browser: Browser;
  let dir: string;
  let file: string;
  let report: ProfileReport;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mlcycle-profile-export-'));
    // A real file whose values include markup, profiled by the engine.
    const quoted = `"${HOSTILE_TEXT.replace(/"/g, '""')}"`;
    const lines = ['label,amount,kind'];
    for (let i = 0; i < 60; i += 1)
      lines.push(`${i % 3 === 0 ? quoted : `plain ${i % 4}`},${(i * 7.5) % 40},${i % 2 ? 'a' : 'b'}`);
    writeFileSync(join(dir, 'hostile.csv'), `${lines.join('\n')}\n`);
    const profile = await profileOf({ path: 'hostile.csv', root: dir });
    report = buildProfileReport({
      profile,
      project: { name: 'hostile', task: 'classification', target: '', root: dir },
    });
    const [reportScript, browserInstance] = await Promise.all([bundleReport('profile'), launchChromium()]);
    browser = browserInstance;
    const html = exportReportHtml(report, {
      reportScript,
      plotlyScript: readFileSync(join(REPO_ROOT, 'node_modules/plotly.js-dist/plotly.js'), 'utf8'),
      styles: [
        readFileSync(join(REPO_ROOT, 'media/standalone-theme.css'), 'utf8'),
        readFileSync(join(REPO_ROOT, 'media/report.css'), 'utf8'),
      ],
    });
    file = join(dir, 'hostile-profile.html');
    writeFileSync(file, html);
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`draws every section and chart with no host and no violation (${colorScheme})`, async () => {
      const page = await browser.newPage({ colorScheme, viewport: { width: 1100, height: 800 } });
      const problems = await watchProblems(page);
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('body[data-render-count="1"]', { timeout: 30_000 });
      assert.equal(await page.locator('vscode-button').count(), 0, 'no Refresh or Export outside VS Code');
      assert.match(await page.locator('.report-meta').first().innerText(), /^Exported report/);
      for (const y of [0, 800, 1600, 2400, 3200, 4000, 4800]) await page.evaluate((top) => window.scrollTo(0, top), y);
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForFunction(() => !document.querySelector('[data-lazy="waiting"], [data-lazy="drawing"]'), null, {
        timeout: 30_000,
      });
      assert.equal(await page.locator('[data-lazy="failed"]').count(), 0);
      assert.ok((await page.locator('.js-plotly-plot').count()) >= 3);

      // The hostile value is text in the sample, in the column's figures and in the chart's ticks.
      assert.equal(await page.locator('.sample-table td', { hasText: '</script>' }).first().innerText(), HOSTILE_TEXT);
      const ticks = await page.locator('section.column[data-column="label"] .ytick text').allTextContents();
      assert.ok(
        ticks.some((t) => t.includes('‹/script›')),
        ticks.join(' | '),
      );
      assert.equal(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected), undefined);
      assert.equal(await page.locator('img').count(), 0);
      assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], violations: [] });
      await page.close();
    });
  }
});
