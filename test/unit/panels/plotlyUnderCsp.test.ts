// The Plotly chart types later reports need (distributions, confusion matrices, tuning
// studies), drawn under the exported file's strict policy with the CSP style shim: none may
// cause a violation. And the shim must not open the policy to injected markup.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import type { Browser } from 'playwright-core';
import { contentSecurityPolicy, escapeHtml } from '../../../src/extension/panels/html';
import { inlineScriptText } from '../../../src/extension/panels/exportHtml';
import { chromiumMissing, launchChromium, REPO_ROOT, untilReported, watchProblems } from './browserHarness';

const CHARTS: Record<string, unknown[]> = {
  bar: [{ type: 'bar', x: ['a', 'b'], y: [3, 5] }],
  histogram: [{ type: 'histogram', x: [1, 2, 2, 3, 3, 3, 4] }],
  box: [{ type: 'box', y: [1, 2, 3, 4, 10] }],
  violin: [{ type: 'violin', y: [1, 2, 3, 4, 10] }],
  heatmapWithColorbar: [
    {
      type: 'heatmap',
      z: [
        [50, 2],
        [5, 43],
      ],
      x: ['Adelie', 'Gentoo'],
      y: ['Adelie', 'Gentoo'],
    },
  ],
  contour: [
    {
      type: 'contour',
      z: [
        [1, 2, 3],
        [3, 4, 5],
        [2, 6, 1],
      ],
    },
  ],
  scatterWithColorScale: [
    { type: 'scatter', mode: 'markers', x: [1, 2, 3], y: [3, 1, 2], marker: { color: [1, 2, 3], showscale: true } },
  ],
  scattergl: [{ type: 'scattergl', mode: 'markers', x: [1, 2, 3], y: [3, 1, 2] }],
  parcoords: [
    {
      type: 'parcoords',
      dimensions: [
        { label: 'depth', values: [3, 5, 8] },
        { label: 'loss', values: [0.4, 0.3, 0.35] },
      ],
    },
  ],
  pie: [{ type: 'pie', values: [152, 124, 68], labels: ['Adelie', 'Gentoo', 'Chinstrap'] }],
};

describe('Plotly under the strict policy', { skip: chromiumMissing() }, () => {
  let browser: Browser;
  let html: string;

  before(async () => {
    const shim = await esbuild.build({
      absWorkingDir: REPO_ROOT,
      entryPoints: ['webview/shared/cspStyleShim.ts'],
      bundle: true,
      format: 'iife',
      write: false,
      logLevel: 'silent',
    });
    const plotly = readFileSync(join(REPO_ROOT, 'node_modules/plotly.js-dist/plotly.js'), 'utf8');
    const nonce = 'test-nonce';
    const divs = Object.keys(CHARTS)
      .map((name) => `<div id="${name}"></div>`)
      .join('');
    const draw = `Promise.all(Object.entries(${JSON.stringify(CHARTS)}).map(([id, data]) => Plotly.newPlot(id, data, {}, { displayModeBar: true })))
      .then(() => { window.drawn = true; }, (e) => { window.drawn = String(e); });`;
    html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(nonce))}"></head>
<body>${divs}<div id="injected"></div>
<script nonce="${nonce}">${inlineScriptText(shim.outputFiles[0].text)}</script>
<script nonce="${nonce}">${inlineScriptText(plotly)}</script>
<script nonce="${nonce}">${draw}</script></body></html>`;
    browser = await launchChromium();
  });

  after(() => browser?.close());

  it('draws every chart type with no violation, console error or page error', async () => {
    const page = await browser.newPage();
    const problems = await watchProblems(page);
    await page.setContent(html);
    await page.waitForFunction(() => (window as unknown as { drawn?: unknown }).drawn, null, { timeout: 30_000 });
    assert.equal(await page.evaluate(() => (window as unknown as { drawn: unknown }).drawn), true);
    for (const id of Object.keys(CHARTS)) assert.equal(await page.locator(`#${id}.js-plotly-plot`).count(), 1, id);
    // Colorbars were drawn (their style attributes went through the CSSOM).
    assert.equal(await page.locator('#heatmapWithColorbar .colorbar').count(), 1);
    await page.hover('#heatmapWithColorbar');
    await page.hover('#bar');
    assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], violations: [] });
    await page.close();
  });

  it('still refuses styles in injected markup, while scripts may style through setAttribute', async () => {
    const page = await browser.newPage();
    const problems = await watchProblems(page);
    await page.setContent(html);
    await page.waitForFunction(() => (window as unknown as { drawn?: unknown }).drawn, null, { timeout: 30_000 });
    const colors = await page.evaluate(async () => {
      const host = document.getElementById('injected')!;
      host.innerHTML = '<span id="a" style="color: rgb(255, 0, 0)">a</span>';
      const b = document.createElement('span');
      b.setAttribute('style', 'color: rgb(0, 128, 0)');
      host.append(b);
      return [getComputedStyle(document.getElementById('a')!).color, getComputedStyle(b).color];
    });
    assert.notEqual(colors[0], 'rgb(255, 0, 0)');
    assert.equal(colors[1], 'rgb(0, 128, 0)');
    // Parsed in a detached fragment, the refused attribute raises no event, only this console error
    // (console messages arrive asynchronously: wait for it rather than for a fixed time).
    await untilReported(() => problems.consoleErrors.length > 0, 'the refused inline style');
    assert.equal(problems.consoleErrors.length, 1);
    assert.match(
      problems.consoleErrors[0],
      /^Applying inline style violates the following Content Security Policy directive/,
    );
    await page.close();
  });
});
