// The Plotly charts of the profile report: histograms (numbers and dates), horizontal bars
// (frequent values, missing values, class counts, associations) and heatmaps (correlations,
// nullity). Colors are the editor theme's, read when a chart is drawn.
import type { HistogramBin } from '../../src/core/profile/profileTypes';
import { CHART_CONFIG, plotly } from '../shared/plotly';
import { chartTheme, cssVar, type ChartTheme } from '../shared/theme';
import { formatDateValue, formatNumber } from './statsFormat';

export function chartColors() {
  return {
    primary: cssVar(['--vscode-charts-blue', '--vscode-textLink-foreground'], '#1a85ff'),
    warning: cssVar(['--vscode-editorWarning-foreground', '--vscode-charts-yellow'], '#bf8803'),
    error: cssVar(['--vscode-errorForeground', '--vscode-charts-red'], '#e51400'),
    negative: cssVar(['--vscode-charts-red', '--vscode-errorForeground'], '#e51400'),
    background: cssVar('--vscode-editor-background', '#ffffff'),
  };
}

function baseLayout(theme: ChartTheme, height: number): Record<string, unknown> {
  return {
    height,
    margin: { l: 10, r: 10, t: 10, b: 40 },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { family: theme.fontFamily, size: theme.fontSize, color: theme.foreground },
    hoverlabel: { bgcolor: theme.hoverBackground, bordercolor: theme.hoverBorder, font: { color: theme.foreground } },
    showlegend: false,
  };
}

function axis(theme: ChartTheme, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    gridcolor: theme.grid,
    zerolinecolor: theme.grid,
    linecolor: theme.grid,
    automargin: true,
    fixedrange: true,
    ...extra,
  };
}

function markerLine(theme: ChartTheme) {
  return theme.contrastBorder ? { color: theme.contrastBorder, width: 1 } : { width: 0 };
}

/**
 * Text from the data as Plotly shows it. Plotly reads a few HTML-like tags in its labels (<br>,
 * <b>, <a href>), so angle brackets from a file become look-alike characters: data stays text.
 */
export function plotlyText(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›');
}

/** A label that fits a tick: the full text stays in the hover. */
function tickLabel(text: string, max = 32): string {
  const shown = text === '' ? '(empty)' : text;
  return plotlyText(shown.length > max ? `${shown.slice(0, max - 1)}…` : shown);
}

/** A histogram from precomputed bins; `dates` when the edges are ISO dates. */
export async function drawHistogram(
  container: HTMLElement,
  bins: readonly HistogramBin[],
  options: { dates?: boolean; valueLabel?: string } = {},
): Promise<void> {
  const theme = chartTheme();
  const colors = chartColors();
  const edge = (v: number | string) => (options.dates ? Date.parse(String(v)) : Number(v));
  const starts = bins.map((b) => edge(b.start));
  const ends = bins.map((b) => edge(b.end));
  const mids = starts.map((s, i) => (s + ends[i]) / 2);
  const widths = starts.map((s, i) => ends[i] - s);
  const label = (v: number | string) => (options.dates ? formatDateValue(String(v)) : formatNumber(Number(v)));
  const trace = {
    type: 'bar',
    x: options.dates ? mids.map((m) => new Date(m).toISOString()) : mids,
    y: bins.map((b) => b.count),
    width: widths.every((w) => w > 0) ? widths : undefined,
    customdata: bins.map((b) => [label(b.start), label(b.end)]),
    hovertemplate: '%{customdata[0]} to %{customdata[1]}<br>%{y} rows<extra></extra>',
    marker: { color: colors.primary, line: markerLine(theme) },
  };
  const layout = {
    ...baseLayout(theme, 220),
    bargap: 0.04,
    xaxis: axis(theme, {
      type: options.dates ? 'date' : 'linear',
      title: options.valueLabel ? { text: plotlyText(options.valueLabel), font: { color: theme.muted } } : undefined,
    }),
    yaxis: axis(theme, { title: { text: 'Rows', font: { color: theme.muted } } }),
  };
  await plotly().newPlot(container, [trace], layout, CHART_CONFIG);
}

export interface BarsOptions {
  labels: readonly string[];
  values: readonly number[];
  /** Hover text per bar (plain text; Plotly escapes nothing, so it never carries markup from data). */
  hover: readonly string[];
  /** Text drawn next to each bar. */
  text?: readonly string[];
  /** Per-bar colors; defaults to the theme's chart blue. */
  colors?: readonly string[];
  valueTitle?: string;
  range?: [number, number];
  /** Dashed vertical lines (thresholds). */
  lines?: ReadonlyArray<{ x: number; color: string }>;
}

/** Horizontal bars, first label at the top. */
export async function drawBars(container: HTMLElement, options: BarsOptions): Promise<void> {
  const theme = chartTheme();
  const colors = chartColors();
  const index = options.labels.map((_, i) => i);
  const trace = {
    type: 'bar',
    orientation: 'h',
    x: options.values,
    y: index,
    text: options.text,
    textposition: options.text ? 'outside' : undefined,
    cliponaxis: false,
    // Hover text goes through customdata + a template: data values are shown as text, never markup.
    customdata: options.hover.map(plotlyText),
    hovertemplate: '%{customdata}<extra></extra>',
    marker: { color: options.colors ?? colors.primary, line: markerLine(theme) },
  };
  const layout = {
    ...baseLayout(theme, Math.max(120, 40 + 24 * options.labels.length)),
    margin: { l: 10, r: 40, t: 10, b: 40 },
    xaxis: axis(theme, {
      title: options.valueTitle ? { text: plotlyText(options.valueTitle), font: { color: theme.muted } } : undefined,
      range: options.range,
    }),
    yaxis: axis(theme, {
      autorange: 'reversed',
      tickmode: 'array',
      tickvals: index,
      ticktext: options.labels.map((l) => tickLabel(l)),
      ticksuffix: '  ',
      showgrid: false,
    }),
    shapes: (options.lines ?? []).map((line) => ({
      type: 'line',
      xref: 'x',
      yref: 'paper',
      x0: line.x,
      x1: line.x,
      y0: 0,
      y1: 1,
      line: { color: line.color, width: 1, dash: 'dash' },
    })),
  };
  await plotly().newPlot(container, [trace], layout, CHART_CONFIG);
}

export interface HeatmapOptions {
  rows: readonly string[];
  columns: readonly string[];
  values: ReadonlyArray<ReadonlyArray<number | null>>;
  /** -1..1 (correlations, red to blue through the background) or 0..1 (associations). */
  signed: boolean;
  label: string;
}

/** A heatmap of a (square or not) matrix; the first row at the top. */
export async function drawHeatmap(container: HTMLElement, options: HeatmapOptions): Promise<void> {
  const theme = chartTheme();
  const colors = chartColors();
  const colorscale = options.signed
    ? [
        [0, colors.negative],
        [0.5, colors.background],
        [1, colors.primary],
      ]
    : [
        [0, colors.background],
        [1, colors.primary],
      ];
  // Square cells, as large as fit: a 4-column matrix should not stretch across the whole page.
  const cell = Math.max(12, Math.min(56, Math.floor(640 / Math.max(options.rows.length, options.columns.length, 1))));
  container.style.maxWidth = `${cell * options.columns.length + 300}px`;
  const trace = {
    type: 'heatmap',
    z: options.values,
    // Positions, not names: two long names cut to the same tick label must stay two cells.
    x: options.columns.map((_, j) => j),
    y: options.rows.map((_, i) => i),
    customdata: options.rows.map((r) => options.columns.map((c) => plotlyText(`${r} × ${c}`))),
    hovertemplate: `%{customdata}<br>${options.label}: %{z:.3f}<extra></extra>`,
    zmin: options.signed ? -1 : 0,
    zmax: 1,
    colorscale,
    xgap: 1,
    ygap: 1,
    hoverongaps: false,
    colorbar: { thickness: 12, outlinewidth: 0, tickfont: { color: theme.foreground } },
  };
  const showText = options.rows.length * options.columns.length <= 144;
  const layout = {
    ...baseLayout(theme, 110 + cell * options.rows.length),
    margin: { l: 10, r: 10, t: 10, b: 10 },
    xaxis: axis(theme, {
      tickmode: 'array',
      tickvals: options.columns.map((_, j) => j),
      ticktext: options.columns.map((c) => tickLabel(c, 24)),
      tickangle: options.columns.length > 6 ? -45 : 0,
      showgrid: false,
      zeroline: false,
    }),
    yaxis: axis(theme, {
      tickmode: 'array',
      tickvals: options.rows.map((_, i) => i),
      ticktext: options.rows.map((r) => tickLabel(r, 24)),
      autorange: 'reversed',
      showgrid: false,
      zeroline: false,
      ticksuffix: ' ',
    }),
    annotations: showText
      ? options.values.flatMap((row, i) =>
          row.map((v, j) => ({
            x: j,
            y: i,
            xref: 'x',
            yref: 'y',
            showarrow: false,
            text: v === null ? '' : v.toFixed(2),
            font: { size: Math.max(9, theme.fontSize - 3), color: theme.foreground },
          })),
        )
      : [],
  };
  await plotly().newPlot(container, [trace], layout, CHART_CONFIG);
}
