// The references: the same beeswarm points drawn by Plotly 4 in a plain page (no CSP, no report
// code), as `scatter` (SVG) and as `scattergl` (WebGL, which needs the `eval` our panel's policy
// forbids). The points reach the page before the clock starts; the time runs from just before
// Plotly.newPlot to its promise resolved (then the page's data-drawn mark), and to the next frame.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { REPO_ROOT } from '../../test/unit/panels/browserHarness';
import { COLOUR_STEPS, type SwarmPoints } from './syntheticPlots';

export type PlotlyTrace = 'scatter' | 'scattergl';

export interface ReferenceTiming {
  drawnMs: number;
  frameMs: number;
}

/** A plain page with Plotly and one empty chart; `dispose` removes its folder. */
export function referencePage(): { url: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'mlcycle-plotly-reference-'));
  const plotly = pathToFileURL(join(REPO_ROOT, 'node_modules/plotly.js-dist/plotly.js')).href;
  writeFileSync(
    join(dir, 'reference.html'),
    `<!DOCTYPE html>\n<html><head><meta charset="UTF-8"><title>Plotly reference</title></head>\n<body style="margin:0;background:#1f1f1f"><div id="chart"></div><script src="${plotly}"></script></body></html>\n`,
  );
  return {
    url: pathToFileURL(join(dir, 'reference.html')).href,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

interface DrawArgs {
  type: PlotlyTrace;
  width: number;
  height: number;
  steps: number;
}

/** In the page: draws window.__points and returns its times. */
async function drawInPage(args: DrawArgs): Promise<ReferenceTiming & { problem?: string }> {
  const points = (window as unknown as { __points: SwarmPoints }).__points;
  const Plotly = (window as unknown as { Plotly: { newPlot(...a: unknown[]): Promise<unknown> } }).Plotly;
  const chart = document.getElementById('chart')!;
  const n = points.columns.length;
  const trace = {
    type: args.type,
    mode: 'markers',
    x: points.x,
    y: points.y,
    marker: {
      size: points.x.length > 20_000 ? 2.8 : 3.6,
      opacity: 0.85,
      color: points.colour,
      cmin: 0,
      cmax: args.steps - 1,
      colorscale: [
        [0, '#1e88e5'],
        [1, '#ff0d57'],
      ],
    },
    hovertemplate: '%{x:.4g}<extra></extra>',
  };
  const layout = {
    width: args.width,
    height: args.height,
    margin: { l: 170, r: 12, t: 8, b: 42 },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { color: '#cccccc' },
    showlegend: false,
    xaxis: { title: { text: 'Contribution to value' }, zeroline: true, fixedrange: true },
    yaxis: {
      tickmode: 'array',
      tickvals: points.columns.map((_, r) => n - 1 - r),
      ticktext: points.columns,
      range: [-0.6, n - 0.4],
      fixedrange: true,
    },
  };
  const start = performance.now();
  await Plotly.newPlot(chart, [trace], layout, { displaylogo: false, displayModeBar: false });
  chart.dataset.drawn = 'true';
  const drawn = performance.now();
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
  const frame = performance.now();
  // Plotly draws a notice instead of the trace when WebGL is missing.
  const problem = /WebGL is not supported/i.test(document.body.innerText) ? 'WebGL unavailable' : undefined;
  return { drawnMs: drawn - start, frameMs: frame - start, ...(problem ? { problem } : {}) };
}

/** One draw in a fresh page; undefined when it took longer than `limitMs` (the page is dropped). */
export async function timeReference(
  browser: Browser,
  url: string,
  points: SwarmPoints,
  type: PlotlyTrace,
  size: { width: number; height: number },
  limitMs: number,
): Promise<ReferenceTiming | undefined> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(url);
    await page.waitForFunction(() => 'Plotly' in window);
    await page.evaluate((p) => ((window as unknown as { __points: SwarmPoints }).__points = p), points);
    let stop = () => {};
    const timeout = new Promise<undefined>((resolve) => (stop = () => resolve(undefined)));
    const timer = setTimeout(stop, limitMs);
    const result = await Promise.race([page.evaluate(drawInPage, { type, ...size, steps: COLOUR_STEPS }), timeout]);
    clearTimeout(timer);
    if (result?.problem || errors.length) throw new Error(`${type}: ${result?.problem ?? errors.join('; ')}`);
    return result;
  } finally {
    await page.close({ runBeforeUnload: false }).catch(() => undefined);
  }
}
