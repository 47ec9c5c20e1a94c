// Times one render of the evaluation report in its real panel page (ReportPageHarness: the
// panel's HTML and CSP, a fresh page each time). In the page, with nothing of the report's own
// code changed: a capturing `message` listener notes when the `render` message is received, a
// MutationObserver notes when each chart's container gets its data-drawn mark (the chart
// tracker sets it once the chart's drawing resolved), and a rAF + task after each mark notes the
// next frame (canvas and SVG work the browser defers to painting). The beeswarm's own
// performance mark (BEESWARM_MARK, set as its drawing starts) times its draw alone.
import type { EvaluationReport } from '../../src/protocol/webview';
import type { ReportPageHarness } from '../../test/unit/panels/reportPage';
import { BEESWARM_MARK } from '../../webview/evaluation/explanationCharts';

export interface ReportTiming {
  /** From receipt of `render` to the beeswarm's data-drawn="true". */
  beeswarmMs: number;
  beeswarmFrameMs: number;
  /** From just before the beeswarm's draw (its mark) to its data-drawn mark, and to the next frame. */
  beeswarmAloneMs: number;
  beeswarmAloneFrameMs: number;
  /** To the last chart of the page drawn. */
  allChartsMs: number;
  allChartsFrameMs: number;
  charts: number;
  /** The beeswarm container's width, for the references to draw at the same size. */
  beeswarmWidth: number;
}

interface PageRecord {
  received?: number;
  beeswarmStart?: number;
  drawn: Array<{ chart: string; state: string; at: number }>;
  frames: Array<{ after: number; at: number }>;
}

function installProbes(): void {
  const record: PageRecord = { drawn: [], frames: [] };
  (window as unknown as { __bench: PageRecord }).__bench = record;
  window.addEventListener(
    'message',
    (event: MessageEvent) => {
      if ((event.data as { type?: string })?.type === 'render' && record.received === undefined)
        record.received = performance.now();
    },
    { capture: true },
  );
  new MutationObserver((mutations) => {
    const at = performance.now();
    for (const m of mutations) {
      const element = m.target as HTMLElement;
      if (element.dataset.chart && element.dataset.drawn)
        record.drawn.push({ chart: element.dataset.chart, state: element.dataset.drawn, at });
    }
    requestAnimationFrame(() => setTimeout(() => record.frames.push({ after: at, at: performance.now() })));
  }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-drawn'] });
}

export async function timeReport(harness: ReportPageHarness, report: EvaluationReport): Promise<ReportTiming> {
  const opened = await harness.open('evaluation');
  const { page, problems } = opened;
  try {
    await page.evaluate(installProbes);
    await opened.post({ type: 'render', report });
    await page.waitForSelector('body[data-render-count="1"]', { timeout: 120_000 });
    await page.waitForFunction(
      () => {
        const r = (window as unknown as { __bench: PageRecord }).__bench;
        const last = Math.max(...r.drawn.map((d) => d.at));
        return !document.querySelector('[data-chart]:not([data-drawn])') && r.frames.some((f) => f.after >= last);
      },
      null,
      { timeout: 120_000 },
    );
    const record = await page.evaluate((mark) => {
      const r = (window as unknown as { __bench: PageRecord }).__bench;
      return { ...r, beeswarmStart: performance.getEntriesByName(mark)[0]?.startTime };
    }, BEESWARM_MARK);
    const failed = record.drawn.filter((d) => d.state !== 'true');
    if (failed.length) throw new Error(`charts failed: ${failed.map((d) => d.chart).join(', ')}`);
    const shown = [...problems.consoleErrors, ...problems.pageErrors, ...problems.violations];
    if (shown.length) throw new Error(`the page reported problems: ${shown.join('; ')}`);
    const received = record.received!;
    const frameAfter = (at: number) => Math.min(...record.frames.filter((f) => f.after >= at).map((f) => f.at));
    const beeswarm = record.drawn.find((d) => d.chart === 'beeswarm');
    if (!beeswarm || record.beeswarmStart === undefined) throw new Error('the beeswarm was never drawn');
    const last = Math.max(...record.drawn.map((d) => d.at));
    return {
      beeswarmMs: beeswarm.at - received,
      beeswarmFrameMs: frameAfter(beeswarm.at) - received,
      beeswarmAloneMs: beeswarm.at - record.beeswarmStart,
      beeswarmAloneFrameMs: frameAfter(beeswarm.at) - record.beeswarmStart,
      allChartsMs: last - received,
      allChartsFrameMs: frameAfter(last) - received,
      charts: record.drawn.length,
      beeswarmWidth: await page.locator('[data-chart="beeswarm"]').evaluate((e) => e.clientWidth),
    };
  } finally {
    await page.close();
  }
}
