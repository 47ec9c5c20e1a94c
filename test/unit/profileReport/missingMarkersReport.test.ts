// The report shows which texts were read as missing: a column whose "None" cells were read as
// missing says "890 × 'None'" in its detail, and the overview lists the missing_marker alert.
// The exported report (one HTML file) in a plain Chromium, as exportedProfile.test.ts opens it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { exportReportHtml } from '../../../src/extension/panels/exportHtml';
import { buildProfileReport } from '../../../src/extension/panels/profilePayload';
import { bundleReport, chromiumMissing, launchChromium, REPO_ROOT, watchProblems } from '../panels/browserHarness';
import { profileOf } from './profileFixtures';

describe('missing-value markers in the profile report', { skip: chromiumMissing() }, () => {
  let browser: Browser;
  let dir: string;
  let file: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mlcycle-markers-report-'));
    const lines = ['damage,height'];
    for (let i = 0; i < 1000; i += 1)
      lines.push(`${i % 100 < 89 ? 'None' : 'Minor'},${i % 10 === 0 ? '' : i % 25 === 1 ? 'NA' : i}`);
    writeFileSync(join(dir, 'strikes.csv'), `${lines.join('\n')}\n`);
    const profile = await profileOf({ path: 'strikes.csv', root: dir });
    const report = buildProfileReport({
      profile,
      project: { name: 'strikes', task: 'classification', target: '', root: dir },
    });
    const [reportScript, browserInstance] = await Promise.all([bundleReport('profile'), launchChromium()]);
    browser = browserInstance;
    file = join(dir, 'strikes-profile.html');
    writeFileSync(
      file,
      exportReportHtml(report, {
        reportScript,
        plotlyScript: readFileSync(join(REPO_ROOT, 'node_modules/plotly.js-dist/plotly.js'), 'utf8'),
        styles: [
          readFileSync(join(REPO_ROOT, 'media/standalone-theme.css'), 'utf8'),
          readFileSync(join(REPO_ROOT, 'media/report.css'), 'utf8'),
        ],
      }),
    );
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("shows each column's markers and counts in its detail, and the alert in the overview", async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    const problems = await watchProblems(page);
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-render-count="1"]', { timeout: 30_000 });
    const damage = await page.locator('section.column[data-column="damage"]').innerText();
    assert.match(damage, /Read as missing\s+890 × 'None'/);
    const height = await page.locator('section.column[data-column="height"]').innerText();
    assert.match(height, /Read as missing\s+100 × empty cell, 40 × 'NA'/);
    const alert = page.locator('li.alert[data-column="damage"]', { hasText: 'may be a real value' });
    assert.equal(await alert.count(), 1);
    assert.match(await alert.innerText(), /Missing marker/);
    assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], violations: [] });
    await page.close();
  });
});
