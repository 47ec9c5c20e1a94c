// The report's size and speed on generated data, profiled by the real engine: the payload stays
// under 2 MB for a wide (100 columns) and a long (300,000 rows) file and does not grow with the
// row count; a smaller budget trims in a fixed order and says what it left out; and the page
// of 100 columns builds every section at once but draws only the charts in view.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DatasetProfile } from '../../../src/core/profile/profileTypes';
import {
  buildProfileReport,
  payloadBytes,
  PROFILE_PAYLOAD_BUDGET_BYTES,
} from '../../../src/extension/panels/profilePayload';
import type { ProfileReport, ProjectSummary } from '../../../src/protocol/webview';
import { chromiumMissing } from '../panels/browserHarness';
import { writeGeneratedCsv } from './generatedData';
import { profileOf } from './profileFixtures';
import { ProfilePageHarness } from './profilePage';
import { withinBudget } from '../support/perfBudget';

const WIDE_COLUMNS = 100;
const LONG_ROWS = 300_000;

let dir: string;
let wide: DatasetProfile;
let long: DatasetProfile;
let short: DatasetProfile;
let project: ProjectSummary;

const reportOf = (profile: DatasetProfile, budget?: number): ProfileReport =>
  buildProfileReport({ profile, project }, budget);

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mlcycle-wide-'));
  project = { name: 'generated', task: 'classification', target: '', root: dir };
  await writeGeneratedCsv(join(dir, 'wide.csv'), 1_000, WIDE_COLUMNS);
  await writeGeneratedCsv(join(dir, 'long.csv'), LONG_ROWS, 12);
  await writeGeneratedCsv(join(dir, 'short.csv'), 3_000, 12);
  // One at a time: the machine's two cores are shared.
  wide = await profileOf({ path: 'wide.csv', root: dir });
  long = await profileOf({ path: 'long.csv', root: dir });
  short = await profileOf({ path: 'short.csv', root: dir });
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('profile report payload', () => {
  it('stays under 2 MB for a wide and a long dataset, with nothing left out', () => {
    assert.equal(wide.columns.length, WIDE_COLUMNS);
    assert.equal(long.rows, LONG_ROWS);
    for (const profile of [wide, long]) {
      const report = reportOf(profile);
      const bytes = payloadBytes(report);
      console.log(
        `[measure] ${profile.rows} rows × ${profile.columns.length} columns: profile ${payloadBytes(profile)} bytes, report payload ${bytes} bytes`,
      );
      assert.ok(bytes < PROFILE_PAYLOAD_BUDGET_BYTES, `${bytes} bytes`);
      assert.equal(report.omitted, undefined);
      assert.equal(report.profile.columns.length, profile.columns.length);
      assert.deepEqual(report.profile.alerts, profile.alerts);
      assert.equal(report.profile.rows, profile.rows);
    }
  });

  it('does not grow with the row count', () => {
    const longBytes = payloadBytes(reportOf(long));
    const shortBytes = payloadBytes(reportOf(short));
    assert.equal(short.columns.length, long.columns.length);
    // 100 times the rows, about the same payload: only summaries travel.
    assert.ok(
      longBytes < shortBytes * 1.15,
      `${LONG_ROWS} rows: ${longBytes} bytes; ${short.rows} rows: ${shortBytes} bytes`,
    );
  });

  it('drops the copies of figures kept for scripts, and rounds matrices to what a heatmap shows', () => {
    const report = reportOf(wide);
    const numeric = report.profile.columns.find((c) => c.numeric);
    assert.ok(numeric);
    assert.equal(numeric.mean, undefined);
    assert.equal(numeric.histogram, undefined);
    assert.ok(numeric.numeric && numeric.numeric.histogram.length > 0);
    const values = report.profile.correlations.pearson?.values.flat().filter((v): v is number => v !== null) ?? [];
    assert.ok(values.length > 0);
    assert.ok(values.every((v) => Math.round(v * 1000) / 1000 === v));
    // The profile given is left as it was.
    assert.ok(wide.columns.some((c) => c.mean !== undefined));
  });

  it('trims in a fixed order under a smaller budget and says what it left out', () => {
    const full = payloadBytes(reportOf(wide));
    const budget = Math.floor(full * 0.6);
    const trimmed = reportOf(wide, budget);
    assert.ok(payloadBytes(trimmed) <= budget, `${payloadBytes(trimmed)} > ${budget}`);
    assert.ok(trimmed.omitted && trimmed.omitted.length > 0);
    assert.match(trimmed.omitted[0], /^Sample: 5 of 20 rows/);
    assert.equal(trimmed.profile.columns.length, WIDE_COLUMNS, 'column sections are dropped only as a last resort');
    // Merged histograms keep their range and every row.
    assert.ok(trimmed.omitted.some((note) => note.startsWith('Histograms:')));
    for (const [i, column] of trimmed.profile.columns.entries()) {
      const before = wide.columns[i].numeric?.histogram;
      const after = column.numeric?.histogram;
      if (!before || !after) continue;
      assert.ok(after.length <= 10, column.name);
      assert.equal(after[0].start, before[0].start);
      assert.equal(after.at(-1)?.end, before.at(-1)?.end);
      assert.equal(
        after.reduce((n, b) => n + b.count, 0),
        before.reduce((n, b) => n + b.count, 0),
      );
    }

    // Below what the alerts, figures and matrices need, column sections go, from the last.
    const tiny = reportOf(wide, 100_000);
    assert.ok(payloadBytes(tiny) <= 100_000);
    assert.match(tiny.omitted?.at(-1) ?? '', /^Columns: the first \d+ of 100 column sections are shown\.$/);
    assert.ok(tiny.profile.columns.length < WIDE_COLUMNS);
    assert.deepEqual(tiny.profile.alerts, wide.alerts, 'every alert stays');
  });
});

describe('100-column profile report in Chromium', { skip: chromiumMissing() }, () => {
  const harness = new ProfilePageHarness();
  before(() => harness.start());
  after(() => harness.stop());

  it('builds every section at once, draws only the charts in view, and jumps to the last column', async () => {
    const report = reportOf(wide);
    const { page, problems, post } = await harness.open('profile');
    const started = Date.now();
    await post({ type: 'render', report });
    await page.waitForSelector('body[data-render-count="1"]', { timeout: 30_000 });
    const renderMs = Date.now() - started;
    // Quick because only the charts in view are drawn (the counts below); the time is a budget.
    withinBudget('100-column report drawn', renderMs, 5_000);
    assert.equal(await page.locator('section.column').count(), WIDE_COLUMNS);
    const lazy = await page.locator('[data-lazy]').count();
    const drawn = await page.locator('.js-plotly-plot').count();
    assert.ok(lazy > 80, `${lazy} charts to draw`);
    assert.ok(drawn <= 6, `${drawn} of ${lazy} charts drawn before any scrolling`);
    assert.equal(await page.locator('[data-lazy="waiting"]').count(), lazy - drawn);

    // A wide file raises many alerts: the first dozen are listed, the rest one click away.
    assert.ok(wide.alerts.length > 12);
    assert.equal(await page.locator('li.alert:visible').count(), 12);
    await page.locator('.alerts-toggle').click();
    assert.equal(await page.locator('li.alert:visible').count(), wide.alerts.length);

    await page.locator('#column-search input').fill('sparse');
    const sparse = wide.columns.filter((c) => c.name.includes('sparse')).map((c) => c.name);
    assert.equal(await page.locator('section.column:not([hidden])').count(), sparse.length);

    // The alert of a column far down takes the reader there (through the search that hides it),
    // and its histogram is drawn on arrival.
    const last = [...wide.alerts].reverse().find((a) => a.column?.startsWith('number_'));
    assert.ok(last, 'generated numeric columns have missing values over the 1% threshold');
    await page.locator(`li.alert[data-column="${last.column}"] .alert-message`).first().click();
    await page
      .locator(`section.column[data-column="${last.column}"] .chart[data-lazy="drawn"]`)
      .waitFor({ timeout: 15_000 });
    assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], violations: [] });
    await page.close();
  });

  it('shows the note on capped pairwise matrices next to the matrices', async () => {
    // The note as a profile of a file wider than the caps carries it (see wideData.test.ts).
    const capped: DatasetProfile = {
      ...wide,
      pairwiseLimits: [
        {
          matrices: ['pearson', 'spearman'],
          kept: 100,
          eligible: 3000,
          rule: 'the numeric columns with the most distinct values',
        },
        {
          matrices: ['nullity'],
          kept: 100,
          eligible: 1506,
          rule: 'the columns whose share of missing values is closest to one half',
        },
      ],
    };
    const { page, problems, post } = await harness.open('profile');
    await post({ type: 'render', report: reportOf(capped) });
    await page.waitForSelector('body[data-render-count="1"]', { timeout: 30_000 });
    const correlations = await page.locator('#profile-correlations .pairwise-limits').innerText();
    assert.match(
      correlations,
      /Pearson and Spearman: 100 of 3,000 columns, the numeric columns with the most distinct values\./,
    );
    assert.doesNotMatch(correlations, /nullity/);
    const missing = await page.locator('#profile-missing .pairwise-limits').innerText();
    assert.match(missing, /nullity correlation: 100 of 1,506 columns/);
    assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], violations: [] });
    await page.close();
  });
});
