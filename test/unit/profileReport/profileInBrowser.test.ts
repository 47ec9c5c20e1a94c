// The EDA report's page as VS Code loads it, in headless Chromium, on real profiles computed
// here by the engine (penguins with its target, seattle-weather with dates, cars with nulls and
// correlated columns): the handshake, the overview with its alerts, the jump from an alert to
// its column, the column search and sort, every chart drawn as it scrolls into view, the
// correlation method switch, and not one CSP violation, console error or page error.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { ProfileReport } from '../../../src/protocol/webview';
import { chromiumMissing, REPO_ROOT } from '../panels/browserHarness';
import { penguinsTrainReport, vegaReport } from './profileFixtures';
import { ProfilePageHarness, type ProfilePage } from './profilePage';

const NO_PROBLEMS = { consoleErrors: [], pageErrors: [], violations: [] };

/** Section names in the order they are on screen, hidden ones left out. */
const visibleColumns = (page: Page) =>
  page
    .locator('section.column:not([hidden])')
    .evaluateAll((sections) => sections.map((s) => (s as HTMLElement).dataset.column));

/** Scrolls through the whole page so every lazy chart comes into view, and waits for them. */
async function scrollThrough(page: Page): Promise<void> {
  const height = await page.evaluate(() => document.body.scrollHeight);
  for (let y = 0; y <= height; y += 500) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(30);
  }
  await page.waitForFunction(() => !document.querySelector('[data-lazy="waiting"], [data-lazy="drawing"]'), null, {
    timeout: 30_000,
  });
  assert.equal(await page.locator('[data-lazy="failed"]').count(), 0);
}

/** The charts a profile should have: one per column with values to chart, and the dataset-level ones. */
function expectedCharts(report: ProfileReport): number {
  const { profile } = report;
  const columnCharts = profile.columns.filter(
    (c) =>
      c.count > 0 &&
      ((c.numeric?.histogram.length ?? 0) > 0 ||
        (c.datetime?.histogram.length ?? 0) > 0 ||
        (c.text?.top[0]?.count ?? 0) > 1),
  ).length;
  const correlations = Object.keys(profile.correlations).length > 0 ? 1 : 0;
  const missing =
    profile.missing.byColumn.length > 0 ? 1 + ((profile.missing.nullity?.columns.length ?? 0) >= 2 ? 1 : 0) : 0;
  const target = profile.target;
  const targetColumn = profile.columns.find((c) => c.name === target?.column);
  const distribution =
    target?.task === 'classification'
      ? (target.classes?.length ?? 0) > 0
      : (targetColumn?.numeric?.histogram.length ?? 0) > 0;
  const targetCharts = target ? (distribution ? 1 : 0) + (target.associations.length > 0 ? 1 : 0) : 0;
  return columnCharts + correlations + missing + targetCharts;
}

describe('profile report page in Chromium', { skip: chromiumMissing() }, () => {
  const harness = new ProfilePageHarness();
  let penguins: ProfileReport;
  let seattle: ProfileReport;
  let cars: ProfileReport;

  before(async () => {
    [penguins, seattle, cars] = await Promise.all([
      penguinsTrainReport(),
      vegaReport('seattle-weather.csv'),
      vegaReport('cars.json'),
      harness.start(),
    ]);
  });

  after(() => harness.stop());

  async function rendered(report: ProfileReport): Promise<ProfilePage> {
    const opened = await harness.open('profile');
    await opened.post({ type: 'render', report });
    await opened.page.waitForSelector('body[data-render-count="1"]', { timeout: 30_000 });
    return opened;
  }

  it('says ready, then draws the overview with its alerts first and one section per column', async () => {
    const { page, problems, sent } = await rendered(penguins);
    const messages = await sent();
    assert.deepEqual(messages[0], { type: 'ready' });
    assert.equal(messages[1].type, 'rendered');
    assert.equal((messages[1] as { generatedAt: string }).generatedAt, penguins.generatedAt);

    const { profile } = penguins;
    assert.equal(profile.rows, 241);
    assert.equal(await page.locator('[data-figure="rows"] .figure-value').innerText(), '241');
    assert.equal(
      await page.locator('[data-figure="columns"] .figure-value').innerText(),
      String(profile.columns.length),
    );
    // The alerts are the first thing in the overview, every one of them, each naming its figure.
    const overview = page.locator('#profile-overview');
    assert.equal(await overview.locator('h3').first().innerText(), `Alerts (${profile.alerts.length})`);
    assert.ok(profile.alerts.length > 0, 'the penguins training data has alerts (missing values of Sex)');
    assert.equal(await overview.locator('li.alert').count(), profile.alerts.length);
    for (const alert of profile.alerts) {
      assert.equal(await overview.locator('li.alert', { hasText: alert.message }).count(), 1, alert.message);
    }
    assert.deepEqual(
      await visibleColumns(page),
      profile.columns.map((c) => c.name),
    );
    assert.equal(await page.locator('section.column[data-column="Species"] .target-badge').count(), 1);
    assert.match(await page.locator('#profile-target h2').innerText(), /Target: Species/);
    assert.equal(
      await page.locator('#profile-target .associations-table tbody tr').count(),
      profile.target?.associations.length,
    );

    mkdirSync(join(REPO_ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(REPO_ROOT, 'test-results/profile-report.png') });
    assert.deepEqual(problems, NO_PROBLEMS);
    await page.close();
  });

  it('jumps from an alert to its column and draws the chart it lands on', async () => {
    const { page, problems } = await rendered(penguins);
    const alert = penguins.profile.alerts.find((a) => a.column !== null)!;
    const section = page.locator(`section.column[data-column="${alert.column}"]`);
    // The highlight lasts 1.6 s: record that it was put on (a class change, seen as it happens)
    // rather than look for it after the scroll, which a loaded machine may make take longer.
    await section.evaluate((element) => {
      const seen = window as unknown as { __flashed?: boolean };
      new MutationObserver(() => {
        if (element.classList.contains('flash')) seen.__flashed = true;
      }).observe(element, { attributes: true, attributeFilter: ['class'] });
    });
    await page.locator(`li.alert[data-column="${alert.column}"] .alert-message`).first().click();
    await page.waitForFunction(
      (name) => {
        const target = [...document.querySelectorAll<HTMLElement>('section.column')].find(
          (s) => s.dataset.column === name,
        );
        const top = target?.getBoundingClientRect().top ?? -1;
        return top >= 0 && top < 80;
      },
      alert.column,
      { timeout: 30_000 },
    );
    assert.equal(await page.evaluate(() => (window as unknown as { __flashed?: boolean }).__flashed), true, 'flashed');
    assert.equal(
      await page.evaluate(() => document.activeElement?.closest('section.column')?.getAttribute('data-column')),
      alert.column,
    );
    await section.locator('.chart.js-plotly-plot').waitFor({ timeout: 15_000 });
    assert.deepEqual(problems, NO_PROBLEMS);
    await page.close();
  });

  it('filters columns by name or type, sorts them, and clears a search that hides a jump target', async () => {
    const { page, problems } = await rendered(penguins);
    const names = penguins.profile.columns.map((c) => c.name);
    await page.locator('#column-search input').fill('beak');
    assert.deepEqual(
      await visibleColumns(page),
      names.filter((n) => /beak/i.test(n)),
    );
    assert.equal(await page.locator('.columns-count').innerText(), `2 of ${names.length} columns`);

    await page.locator('#column-search input').fill('categorical');
    const categorical = penguins.profile.columns.filter((c) => c.type === 'categorical').map((c) => c.name);
    assert.deepEqual(await visibleColumns(page), categorical);

    await page.locator('#column-search input').fill('');
    await page.locator('#column-sort').evaluate((select) => {
      (select as HTMLElement & { value: string }).value = 'missing';
      select.dispatchEvent(new Event('change'));
    });
    const byMissing = [...penguins.profile.columns]
      .map((c, i) => ({ c, i }))
      .sort((a, b) => b.c.missing - a.c.missing || a.i - b.i)
      .map(({ c }) => c.name);
    assert.deepEqual(await visibleColumns(page), byMissing);

    // A search that hides the column an alert points to is cleared by the jump.
    const alert = penguins.profile.alerts.find((a) => a.column !== null)!;
    await page.locator('#column-search input').fill('Island');
    assert.deepEqual(await visibleColumns(page), ['Island']);
    await page.locator(`li.alert[data-column="${alert.column}"] .alert-message`).first().click();
    assert.equal(await page.locator(`section.column[data-column="${alert.column}"]`).isVisible(), true);
    assert.equal((await visibleColumns(page)).length, names.length);
    assert.equal(
      await page.locator('#column-search').evaluate((field) => (field as HTMLElement & { value: string }).value),
      '',
    );
    assert.deepEqual(problems, NO_PROBLEMS);
    await page.close();
  });

  for (const [name, report] of [
    ['penguins', () => penguins],
    ['seattle-weather', () => seattle],
    ['cars', () => cars],
  ] as const) {
    it(`draws every chart of ${name} under the strict policy as the reader scrolls`, async () => {
      const { page, problems } = await rendered(report());
      const initially = await page.locator('.js-plotly-plot').count();
      await scrollThrough(page);
      const expected = expectedCharts(report());
      assert.equal(await page.locator('.js-plotly-plot').count(), expected);
      assert.ok(initially < expected, `charts are drawn lazily (${initially} of ${expected} at first)`);
      // Every numeric or date column has a histogram with one bar per bin.
      for (const column of report().profile.columns) {
        const bins = column.numeric?.histogram.length ?? column.datetime?.histogram.length;
        if (!bins || column.count === 0) continue;
        const bars = page.locator(`section.column[data-column="${column.name}"] .barlayer .point`);
        assert.equal(await bars.count(), bins, column.name);
      }
      assert.deepEqual(problems, NO_PROBLEMS);
      await page.close();
    });
  }

  it("redraws in the new theme keeping the reader's search, sort and place", async () => {
    const { page, problems } = await rendered(cars);
    await page.locator('#column-search input').fill('e');
    await page.locator('#column-sort').evaluate((select) => {
      (select as HTMLElement & { value: string }).value = 'distinct';
      select.dispatchEvent(new Event('change'));
    });
    const before = await visibleColumns(page);
    await page.evaluate(() => window.scrollTo(0, 900));
    await page.waitForTimeout(100);
    await page.evaluate(() => {
      document.documentElement.style.setProperty('--vscode-charts-blue', '#00ff00');
      document.body.classList.replace('vscode-dark', 'vscode-high-contrast');
    });
    await page.waitForSelector('body[data-render-count="2"]');
    assert.deepEqual(await visibleColumns(page), before);
    assert.equal(
      await page.locator('#column-search').evaluate((field) => (field as HTMLElement & { value: string }).value),
      'e',
    );
    assert.equal(await page.evaluate(() => Math.round(window.scrollY)), 900);
    // The charts in view were drawn again, in the new theme's colors.
    const bar = page.locator('.js-plotly-plot .barlayer .point path').first();
    await bar.waitFor();
    assert.equal(await bar.evaluate((p) => getComputedStyle(p).fill), 'rgb(0, 255, 0)');
    assert.deepEqual(problems, NO_PROBLEMS);
    await page.close();
  });

  it('switches the correlation heatmap between the methods the profile has', async () => {
    const { page, problems } = await rendered(cars);
    const heatmap = page.locator('#profile-correlations .chart');
    await heatmap.scrollIntoViewIfNeeded();
    await page.waitForSelector('#profile-correlations .chart[data-drawn-method="pearson"]');
    const options = await page
      .locator('#correlation-method vscode-option')
      .evaluateAll((els) => els.map((e) => e.getAttribute('value')));
    assert.deepEqual(options, ['pearson', 'spearman', 'cramersV', 'correlationRatio']);
    for (const method of ['spearman', 'correlationRatio', 'cramersV']) {
      await page.locator('#correlation-method').evaluate((select, value) => {
        (select as HTMLElement & { value: string }).value = value;
        select.dispatchEvent(new Event('change'));
      }, method);
      await page.waitForSelector(`#profile-correlations .chart[data-drawn-method="${method}"]`);
      assert.equal(await page.locator('#profile-correlations .js-plotly-plot .heatmaplayer').count(), 1);
    }
    // The strongest pair of the last method chosen is listed under the heatmap.
    assert.ok((await page.locator('#profile-correlations .pairs-table tbody tr').count()) > 0);
    assert.deepEqual(problems, NO_PROBLEMS);
    await page.close();
  });
});
