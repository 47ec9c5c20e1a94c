// The explanation's charts: mean |contribution| per column (bars), the beeswarm (every sampled
// row's contribution per column, coloured by the column's value), a dependence plot (a column's
// value against its contribution, coloured by the column it interacts with most) and a
// waterfall of one row (from the base value to the model's output, largest contributions first).
import type { ExplanationPlots, PlotColumn, WaterfallRow } from '../../src/core/explain/plotTypes';
import { h } from '../shared/dom';
import { axis, baseLayout, chartTheme, draw, plotlyText, seriesColor } from './chartKit';
import { formatMetric } from './metrics';
import { colourBin, colourRange, drawPointChart, niceTicks, valueColours, type Tick } from './pointCanvas';

const STEPS = 24;
/** Categories coloured one by one; the rest share the missing grey. */
const CATEGORY_COLOURS = 8;
const WATERFALL_BARS = 10;

function short(text: string, max = 24): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function valueText(column: PlotColumn, value: number | null): string {
  if (value === null) return '(missing)';
  return column.kind === 'categorical' ? (column.categories?.[value] ?? String(value)) : formatMetric(value);
}

/** What a waterfall needs of an explanation: its base and what its outputs are. */
export type OutputScale = Pick<ExplanationPlots, 'base' | 'outputNames' | 'outputKind'>;

export function contributionTitle(plots: OutputScale, output: number): string {
  const name = plots.outputNames[output] ?? '';
  const scale =
    plots.outputKind === 'log-odds' || plots.outputKind === 'margin'
      ? 'log-odds'
      : plots.outputKind === 'softmax-score'
        ? 'score'
        : plots.outputKind === 'probability'
          ? 'probability'
          : 'value';
  return `Contribution to ${plots.outputNames.length > 1 ? `${scale} of ${name}` : scale}`;
}

export async function drawMeanAbs(container: HTMLElement, plots: ExplanationPlots, output: number): Promise<void> {
  const theme = chartTheme();
  const columns = [...plots.columns].sort((a, b) => b.meanAbs[output] - a.meanAbs[output]);
  const index = columns.map((_, i) => i);
  const trace = {
    type: 'bar',
    orientation: 'h',
    x: columns.map((c) => c.meanAbs[output]),
    y: index,
    customdata: columns.map((c) => [plotlyText(c.name), c.direction]),
    hovertemplate: '%{customdata[0]}: mean |contribution| %{x:.4g} (%{customdata[1]})<extra></extra>',
    marker: { color: seriesColor(0) },
  };
  const layout = {
    ...baseLayout(theme, Math.max(140, 50 + 24 * columns.length)),
    xaxis: axis(theme, `Mean |${contributionTitle(plots, output).toLowerCase()}| over ${plots.explainedRows} rows`),
    yaxis: axis(theme, undefined, {
      autorange: 'reversed',
      tickmode: 'array',
      tickvals: index,
      ticktext: columns.map((c) => plotlyText(short(c.name, 28))),
      ticksuffix: '  ',
      showgrid: false,
    }),
  };
  await draw(container, [trace], layout);
}

/** Colours of a categorical column: the series palette per category, grey beyond it. */
function categoryLegend(column: PlotColumn): HTMLElement {
  const categories = column.categories ?? [];
  return h(
    'p',
    { class: 'point-legend' },
    `${column.name}: `,
    ...categories
      .slice(0, CATEGORY_COLOURS)
      .flatMap((c, i) => [h('span', { class: `swatch swatch-series-${i}` }), ` ${c} `]),
    categories.length > CATEGORY_COLOURS ? `(${categories.length - CATEGORY_COLOURS} more in grey) ` : '',
    h('span', { class: 'swatch swatch-missing' }),
    ' missing',
  );
}

function legend(low: string, high: string): HTMLElement {
  return h(
    'p',
    { class: 'point-legend' },
    h('span', { class: 'swatch swatch-low' }),
    ` ${low} `,
    h('span', { class: 'swatch swatch-high' }),
    ` ${high} `,
    h('span', { class: 'swatch swatch-missing' }),
    ' missing',
  );
}

/** Rows of a beeswarm: points in one bin of contribution stack alternately above and below the line. */
export function swarmOffsets(values: readonly number[], bins = 100): Float64Array {
  const n = values.length;
  const offsets = new Float64Array(n);
  if (n === 0) return offsets;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const bin = values.map((v) => Math.round((bins * (v - lo)) / (hi - lo + 1e-12)));
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => bin[a] - bin[b] || a - b);
  let layer = 0;
  let last = -1;
  let deepest = 0;
  for (const i of order) {
    if (bin[i] !== last) layer = 0;
    offsets[i] = Math.ceil(layer / 2) * (layer % 2 === 0 ? -1 : 1);
    deepest = Math.max(deepest, Math.abs(offsets[i]));
    last = bin[i];
    layer++;
  }
  const scale = 0.4 / Math.max(1, deepest);
  for (let i = 0; i < n; i++) offsets[i] *= scale;
  return offsets;
}

/** Marked when the beeswarm starts drawing, so a benchmark can time the draw alone (bench/explainView). */
export const BEESWARM_MARK = 'mlcycle:beeswarm:draw';

export function drawBeeswarm(container: HTMLElement, plots: ExplanationPlots, output: number): Promise<void> {
  performance.mark(BEESWARM_MARK);
  const columns = plots.columns;
  const m = plots.sampledRows;
  const px = new Float64Array(m * columns.length);
  const py = new Float64Array(m * columns.length);
  const colour = new Uint8Array(m * columns.length);
  let lo = 0;
  let hi = 0;
  columns.forEach((column, r) => {
    const contributions = column.contributions[output];
    const offsets = swarmOffsets(contributions);
    const range = colourRange(column.values);
    for (let i = 0; i < m; i++) {
      const at = r * m + i;
      px[at] = contributions[i];
      py[at] = columns.length - 1 - r + offsets[i];
      colour[at] = colourBin(column.values[i], range, STEPS);
      lo = Math.min(lo, contributions[i]);
      hi = Math.max(hi, contributions[i]);
    }
  });
  const pad = (hi - lo) * 0.04 || 1;
  const yTicks: Tick[] = columns.map((c, r) => ({ value: columns.length - 1 - r, label: short(c.name) }));
  drawPointChart(container, {
    height: Math.max(160, 60 + 30 * columns.length),
    left: 170,
    x: {
      min: lo - pad,
      max: hi + pad,
      title: contributionTitle(plots, output),
      ticks: niceTicks(lo - pad, hi + pad, 6, formatMetric),
    },
    y: { min: -0.6, max: columns.length - 0.4, ticks: yTicks },
    px,
    py,
    colour,
    colours: valueColours(STEPS),
    zeroLine: true,
    bands: columns.slice(1).map((_, r) => r + 0.5),
    hover: (at) => {
      const column = columns[Math.floor(at / m)];
      const i = at % m;
      return `${column.name} = ${valueText(column, column.values[i])}: ${formatMetric(column.contributions[output][i])} (row ${plots.sample[i]})`;
    },
    legend: legend('low value', 'high value'),
  });
  return Promise.resolve();
}

export function drawDependence(
  container: HTMLElement,
  plots: ExplanationPlots,
  column: PlotColumn,
  output: number,
): Promise<void> {
  const m = plots.sampledRows;
  const by = column.interaction ? plots.columns.find((c) => c.name === column.interaction!.column) : undefined;
  const contributions = column.contributions[output];
  const categorical = column.kind === 'categorical';
  // Categories sit at their index, spread a little so their points do not hide each other.
  const spread = categorical ? swarmOffsets(contributions, 50) : undefined;
  const px = Float64Array.from(column.values, (v, i) => (v === null ? NaN : v + (spread ? spread[i] : 0)));
  const py = Float64Array.from(contributions);
  const byCategory = by?.kind === 'categorical';
  const range = by && !byCategory ? colourRange(by.values) : undefined;
  const colours = byCategory
    ? Array.from({ length: CATEGORY_COLOURS }, (_, i) => seriesColor(i))
    : by
      ? valueColours(STEPS)
      : [seriesColor(0)];
  const colour = Uint8Array.from({ length: m }, (_, i) => {
    if (!by) return 0;
    const v = by.values[i];
    if (byCategory) return v === null || v >= CATEGORY_COLOURS ? CATEGORY_COLOURS : v;
    return colourBin(v, range, STEPS);
  });
  const finite = Array.from(px).filter(Number.isFinite);
  const xmin = finite.length ? Math.min(...finite) : 0;
  const xmax = finite.length ? Math.max(...finite) : 1;
  const ymin = Math.min(0, ...py);
  const ymax = Math.max(0, ...py);
  const xpad = (xmax - xmin) * 0.04 || 0.5;
  const ypad = (ymax - ymin) * 0.06 || 1;
  const xTicks = categorical
    ? (column.categories ?? []).slice(0, 30).map((c, i) => ({ value: i, label: short(c, 12) }))
    : niceTicks(xmin - xpad, xmax + xpad, 6, formatMetric);
  drawPointChart(container, {
    height: 320,
    left: 70,
    x: { min: xmin - xpad, max: xmax + xpad, title: column.name, ticks: xTicks },
    y: {
      min: ymin - ypad,
      max: ymax + ypad,
      ticks: niceTicks(ymin - ypad, ymax + ypad, 5, formatMetric),
    },
    px,
    py,
    colour,
    colours,
    hover: (i) =>
      `${column.name} = ${valueText(column, column.values[i])}${by ? `, ${by.name} = ${valueText(by, by.values[i])}` : ''}: ${formatMetric(contributions[i])} (row ${plots.sample[i]})`,
    ...(by ? { legend: byCategory ? categoryLegend(by) : legend(`low ${by.name}`, `high ${by.name}`) } : {}),
  });
  return Promise.resolve();
}

export async function drawWaterfall(
  container: HTMLElement,
  plots: OutputScale,
  row: WaterfallRow,
  output: number,
): Promise<void> {
  const theme = chartTheme();
  const sorted = [...row.columns].sort((a, b) => Math.abs(b.contributions[output]) - Math.abs(a.contributions[output]));
  const shown = sorted.slice(0, WATERFALL_BARS);
  const rest = sorted.slice(WATERFALL_BARS);
  const restSum = rest.reduce((s, c) => s + c.contributions[output], 0);
  const label = (c: WaterfallRow['columns'][number]) =>
    plotlyText(
      short(
        `${c.name} = ${c.value === null ? '(missing)' : typeof c.value === 'number' ? formatMetric(c.value) : c.value}`,
        36,
      ),
    );
  // Bottom to top: the rest, then the smallest shown … the largest at the top, as SHAP draws it.
  const bars = [
    ...(rest.length ? [{ label: `${rest.length} other columns`, value: restSum }] : []),
    ...[...shown].reverse().map((c) => ({ label: label(c), value: c.contributions[output] })),
  ];
  const base = (row.base ?? plots.base)[output];
  const trace = {
    type: 'waterfall',
    orientation: 'h',
    base,
    measure: bars.map(() => 'relative'),
    y: bars.map((b) => b.label),
    x: bars.map((b) => b.value),
    text: bars.map((b) => (b.value >= 0 ? '+' : '') + formatMetric(b.value)),
    textposition: 'outside',
    cliponaxis: false,
    hovertemplate: '%{y}: %{x:+.4g}<extra></extra>',
    increasing: { marker: { color: '#ff0d57' } },
    decreasing: { marker: { color: '#1e88e5' } },
    connector: { line: { color: theme.grid, width: 1 } },
  };
  const layout = {
    ...baseLayout(theme, Math.max(200, 70 + 26 * bars.length)),
    margin: { l: 10, r: 70, t: 30, b: 40 },
    xaxis: axis(theme, contributionTitle(plots, output).replace('Contribution to', 'Model output:')),
    yaxis: axis(theme, undefined, { automargin: true, showgrid: false, ticksuffix: '  ' }),
    annotations: [
      {
        xref: 'paper',
        yref: 'paper',
        x: 0,
        y: 1.02,
        xanchor: 'left',
        yanchor: 'bottom',
        showarrow: false,
        text: plotlyText(`base ${formatMetric(base)} → output ${formatMetric(row.output[output])}`),
        font: { color: theme.muted },
      },
    ],
  };
  await draw(container, [trace], layout);
}
