// The exported report, opened from disk in a plain Chromium with its own strict policy: the
// Plotly chart must render with no CSP violation, no console error, and no injected markup.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { exportReportHtml } from '../../../src/extension/panels/exportHtml';
import {
  bundleReport,
  chromiumMissing,
  launchChromium,
  REPO_ROOT,
  untilReported,
  watchProblems,
} from './browserHarness';
import { HOSTILE_TEXT, overviewFixture, penguinsFacts } from './overviewFixture';

describe('exported overview report in Chromium', { skip: chromiumMissing() }, () => {
  let browser: Browser;
  let dir: string;
  let file: string;

  before(async () => {
    const [reportScript, browserInstance] = await Promise.all([bundleReport('overview'), launchChromium()]);
    browser = browserInstance;
    const html = exportReportHtml(overviewFixture(), {
      reportScript,
      plotlyScript: readFileSync(join(REPO_ROOT, 'node_modules/plotly.js-dist/plotly.js'), 'utf8'),
      styles: [
        readFileSync(join(REPO_ROOT, 'media/standalone-theme.css'), 'utf8'),
        readFileSync(join(REPO_ROOT, 'media/report.css'), 'utf8'),
      ],
    });
    dir = mkdtempSync(join(tmpdir(), 'mlcycle-export-'));
    file = join(dir, 'penguins-overview.html');
    writeFileSync(file, html);
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`renders the chart and the lists under its CSP (${colorScheme})`, async () => {
      const page = await browser.newPage({ colorScheme });
      const problems = await watchProblems(page);
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('body[data-render-count="1"]', { timeout: 30_000 });

      // One stacked bar per phase and status present: 5 phases, 5 statuses in the fixture.
      assert.equal(await page.locator('.js-plotly-plot .barlayer .trace.bars').count(), 5);
      assert.equal(await page.locator('.js-plotly-plot .barlayer .point path').count(), 5 * 5);
      // Phases read top to bottom in lifecycle order.
      const ticksTopDown = await page.locator('.js-plotly-plot .ytick text').evaluateAll((ticks) =>
        ticks
          .map((t) => ({ text: (t.textContent ?? '').trim(), top: t.getBoundingClientRect().top }))
          .sort((a, b) => a.top - b.top)
          .map((t) => t.text),
      );
      assert.deepEqual(ticksTopDown, [
        'Problem definition',
        'Data collection and preparation',
        'Model development and evaluation',
        'Deployment',
        'Monitoring and maintenance',
      ]);
      // Plotly's own style rules got in (the hover layer is styled by them).
      assert.ok(
        await page.evaluate(() =>
          [...document.styleSheets].some(
            (s) =>
              s.ownerNode instanceof HTMLStyleElement &&
              s.ownerNode.id.startsWith('plotly.js-style') &&
              s.cssRules.length > 0,
          ),
        ),
      );

      const facts = penguinsFacts();
      const train = page.locator('tr[data-role="train"]');
      assert.match(await train.innerText(), new RegExp(`${facts.rows}\\s+${facts.columns}\\s`));
      assert.match(await train.innerText(), new RegExp(facts.sha256.slice(0, 12)));
      assert.match(await page.locator('tr[data-role="holdout"]').innerText(), /not inspected/);
      assert.match(await page.locator('tr[data-role="current"]').innerText(), /File not found/);
      assert.equal(await page.locator('li.item').count(), 11);
      assert.equal(await page.locator('li[data-item="data.dictionary"] .item-detail').innerText(), HOSTILE_TEXT);
      assert.equal(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected), undefined);
      // No host outside VS Code: no Refresh, Export or act buttons.
      assert.equal(await page.locator('vscode-button').count(), 0);
      // The theme variables came from the standalone theme: chart text has the theme's foreground.
      const expected = colorScheme === 'dark' ? 'rgb(204, 204, 204)' : 'rgb(59, 59, 59)';
      assert.equal(
        await page
          .locator('.js-plotly-plot .ytick text')
          .first()
          .evaluate((t) => getComputedStyle(t).fill),
        expected,
      );

      assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], violations: [] });
      await page.close();
    });
  }

  it('enforces its policy (so the clean run above means something)', async () => {
    const page = await browser.newPage();
    const problems = await watchProblems(page);
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-render-count="1"]', { timeout: 30_000 });
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      const style = document.createElement('link');
      style.rel = 'stylesheet';
      style.href = 'https://example.invalid/x.css';
      document.head.append(style);
    });
    // The browser reports each refusal as an event: wait for those, not for a fixed time.
    const scriptRefused = () => problems.violations.some((v) => v.startsWith('script-src'));
    const styleRefused = () =>
      problems.violations.some((v) => v.startsWith('style-src') && v.includes('example.invalid'));
    await untilReported(
      () => scriptRefused() && styleRefused(),
      `both refusals (so far: ${problems.violations.join('; ')})`,
    );
    // An inserted inline script runs as it is inserted, if it runs at all; it has been refused by now.
    const ran = await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan ?? false);
    assert.equal(ran, false);
    await page.close();
  });
});
