// `npm run bench -- explain-view`: "a beeswarm of 10,000 rows draws in under 1 s in the webview",
// measured in headless Chromium (Debian's, through playwright-core) on this machine, in one run.
// Ours: the whole evaluation report in its real panel page and CSP (a forest trained on
// penguins, its explanation a synthetic 10,000 × 20, 10,000 × 1 or 50,000 × 20 — the payload cap
// is 10,000 rows, the 50,000 a stress point), timed in the page from receipt of `render` to the
// beeswarm's data-drawn mark and to every chart's. References on the very same points in a plain
// page: Plotly's `scatter` (SVG) and `scattergl` (WebGL, SwiftShader here: no GPU). Median of
// MLCYCLE_BENCH_VIEW_RUNS (default 5) fresh pages per cell; a reference slower than
// MLCYCLE_BENCH_VIEW_LIMIT_S (default 60) per draw is stopped and shown as "> limit".
// Writes explain-view.md and explain-view.json into the bench cache folder. Env: MLCYCLE_BENCH_DIR.
import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_PATH, chromiumMissing, launchChromium } from '../../test/unit/panels/browserHarness';
import { ReportPageHarness } from '../../test/unit/panels/reportPage';
import { trainedReport, withExplanation } from './evaluationBase';
import { referencePage, timeReference, type PlotlyTrace, type ReferenceTiming } from './plotlyReference';
import { timeReport, type ReportTiming } from './reportTiming';
import { beeswarmPoints, syntheticPlots } from './syntheticPlots';
import { markdownTable, median, type CaseResult } from './table';

const cacheDir = join(process.env.MLCYCLE_BENCH_DIR ?? join(homedir(), '.cache', 'mlcycle', 'bench'), 'explain-view');
const RUNS = Math.max(1, Number(process.env.MLCYCLE_BENCH_VIEW_RUNS ?? 5));
const LIMIT_MS = 1000 * Math.max(1, Number(process.env.MLCYCLE_BENCH_VIEW_LIMIT_S ?? 60));
const CASES = [
  { rows: 10_000, columns: 20 },
  { rows: 10_000, columns: 1 },
  { rows: 50_000, columns: 20 },
];

/** WebGL in headless Chromium without a GPU: ANGLE on SwiftShader, asked for explicitly. */
function launchWebgl(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-first-run'],
  });
}

async function webglRenderer(browser: Browser): Promise<string | undefined> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl');
      const info = gl?.getExtension('WEBGL_debug_renderer_info');
      return gl ? (info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'WebGL') : undefined;
    });
  } finally {
    await page.close();
  }
}

const log = (text: string) => process.stderr.write(text);

async function main() {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  mkdirSync(cacheDir, { recursive: true });
  log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; ${RUNS} runs per cell\nTraining the report's forest...\n`,
  );
  const base = await trainedReport();
  const harness = new ReportPageHarness(['evaluation']);
  await harness.start();
  const [svgBrowser, glBrowser] = await Promise.all([launchChromium(), launchWebgl()]);
  const renderer = await webglRenderer(glBrowser);
  const reference = referencePage();
  const results: CaseResult[] = [];
  try {
    for (const c of CASES) {
      const plots = syntheticPlots(c.rows, c.columns);
      const report = withExplanation(base, plots);
      const ours: ReportTiming[] = [];
      log(`${c.rows} × ${c.columns}: ours`);
      for (let run = 0; run < RUNS; run++) {
        ours.push(await timeReport(harness, report));
        log(` ${Math.round(ours.at(-1)!.beeswarmMs)}`);
      }
      const points = beeswarmPoints(plots);
      const size = { width: ours[0].beeswarmWidth, height: Math.max(160, 60 + 30 * c.columns) };
      const references: Partial<Record<PlotlyTrace, Array<ReferenceTiming | undefined>>> = {};
      const problems: Partial<Record<PlotlyTrace, string>> = {};
      for (const [type, browser] of [
        ['scatter', svgBrowser],
        ['scattergl', renderer ? glBrowser : undefined],
      ] as const) {
        if (!browser) {
          problems[type] = 'no WebGL in this headless Chromium';
          continue;
        }
        const timings: Array<ReferenceTiming | undefined> = [];
        log(`; ${type}`);
        try {
          for (let run = 0; run < RUNS; run++) {
            timings.push(await timeReference(browser, reference.url, points, type, size, LIMIT_MS));
            const last = timings.at(-1);
            log(` ${last ? Math.round(last.drawnMs) : `>${LIMIT_MS / 1000}s`}`);
            if (!last) break; // one timed-out draw is enough to say so; the others would too
          }
          references[type] = timings;
        } catch (error) {
          problems[type] = (error as Error).message;
        }
      }
      log('\n');
      results.push({ ...c, points: points.x.length, ours, references, problems });
    }
  } finally {
    reference.dispose();
    await Promise.all([harness.stop(), svgBrowser.close(), glBrowser.close()]);
  }
  const table = markdownTable(results, { runs: RUNS, limitMs: LIMIT_MS, renderer });
  process.stdout.write(`${table}\n`);
  writeFileSync(join(cacheDir, 'explain-view.md'), `${table}\n`);
  writeFileSync(
    join(cacheDir, 'explain-view.json'),
    JSON.stringify(
      {
        runs: RUNS,
        limitMs: LIMIT_MS,
        webglRenderer: renderer,
        loadAverage: loadavg(),
        medians: results.map((r) => ({
          case: `${r.rows} × ${r.columns}`,
          beeswarmMs: median(r.ours.map((o) => o.beeswarmMs)),
          beeswarmAloneMs: median(r.ours.map((o) => o.beeswarmAloneMs)),
          allChartsMs: median(r.ours.map((o) => o.allChartsMs)),
        })),
        results,
      },
      null,
      2,
    ),
  );
  const main = results.find((r) => r.rows === 10_000 && r.columns === 20)!;
  if (median(main.ours.map((o) => o.beeswarmMs)) > 1000) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
