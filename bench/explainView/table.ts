// The benchmark's table: per case, our canvas beside Plotly's SVG and WebGL on the same points,
// medians of the runs, each cell "to data-drawn (to the next frame)", and the 1 s target.
import type { PlotlyTrace, ReferenceTiming } from './plotlyReference';
import type { ReportTiming } from './reportTiming';

export const TARGET_MS = 1000;

export interface CaseResult {
  rows: number;
  columns: number;
  points: number;
  ours: ReportTiming[];
  /** Per trace, one timing per run; undefined for a draw stopped at the limit. */
  references: Partial<Record<PlotlyTrace, Array<ReferenceTiming | undefined>>>;
  problems: Partial<Record<PlotlyTrace, string>>;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const count = (n: number) => n.toLocaleString('en-US');
const ms = (drawn: number, frame: number) => `${count(Math.round(drawn))} (${count(Math.round(frame))})`;

function referenceCell(result: CaseResult, type: PlotlyTrace, limitMs: number): string {
  const problem = result.problems[type];
  if (problem) return `not measured: ${problem}`;
  const timings = result.references[type] ?? [];
  if (timings.some((t) => t === undefined)) return `> ${count(limitMs)} (stopped)`;
  const done = timings as ReferenceTiming[];
  const cell = ms(median(done.map((t) => t.drawnMs)), median(done.map((t) => t.frameMs)));
  return done.length < 2 ? `${cell}, 1 run` : cell;
}

export function markdownTable(
  results: readonly CaseResult[],
  options: { runs: number; limitMs: number; renderer?: string },
): string {
  const lines = [
    `Explanation plots in headless Chromium: median of ${options.runs} fresh pages per cell, ms to the chart's data-drawn mark (to the next frame in brackets); ours in the real panel page and CSP, from receipt of \`render\` (the page draws its other charts first) or from the beeswarm's own start mark (its draw alone); Plotly from just before newPlot in a plain page; WebGL on ${options.renderer ?? 'none'}`,
    '',
    `| case | ours canvas ms | Plotly SVG ms | Plotly WebGL ms | target ≤ ${count(TARGET_MS)} ms |`,
    '|---|---|---|---|---|',
  ];
  for (const r of results) {
    const shape = `${count(r.rows)} × ${r.columns}`;
    const stress = r.rows > 10_000 ? ' (stress, beyond the 10,000-row cap)' : '';
    const bee = median(r.ours.map((o) => o.beeswarmMs));
    const all = median(r.ours.map((o) => o.allChartsMs));
    const verdict = (value: number) => `${value <= TARGET_MS ? 'pass' : 'FAIL'}${stress ? ' (info)' : ''}`;
    const alone = median(r.ours.map((o) => o.beeswarmAloneMs));
    const frames = (pick: (o: ReportTiming) => number) => median(r.ours.map(pick));
    lines.push(
      `| ${shape}: beeswarm of ${count(r.points)} points, from \`render\`${stress} | ${ms(
        bee,
        frames((o) => o.beeswarmFrameMs),
      )} | | | ${verdict(bee)} |`,
      `| ${shape}: the same beeswarm, its draw alone | ${ms(
        alone,
        frames((o) => o.beeswarmAloneFrameMs),
      )} | ${referenceCell(r, 'scatter', options.limitMs)} | ${referenceCell(r, 'scattergl', options.limitMs)} | ${verdict(alone)} |`,
      `| ${shape}: every chart of the report (${r.ours[0].charts}), from \`render\` | ${ms(
        all,
        frames((o) => o.allChartsFrameMs),
      )} | | | ${verdict(all)} |`,
    );
  }
  return lines.join('\n');
}
