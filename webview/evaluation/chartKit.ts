// What every chart of the evaluation and compare reports shares: the editor theme's colors (a
// palette for series: classes, runs, groups), the base layout and axes, and a guard that keeps
// text from the data out of Plotly's markup. Colors are read when a chart is drawn.
import { CHART_CONFIG, plotly } from '../shared/plotly';
import { chartTheme, cssVar, type ChartTheme } from '../shared/theme';

export { chartTheme, type ChartTheme };

/** Series colors from the theme's chart palette, then fixed fallbacks. */
export function palette(): string[] {
  return [
    cssVar(['--vscode-charts-blue'], '#1a85ff'),
    cssVar(['--vscode-charts-orange'], '#d18616'),
    cssVar(['--vscode-charts-green'], '#388a34'),
    cssVar(['--vscode-charts-purple'], '#652d90'),
    cssVar(['--vscode-charts-red'], '#e51400'),
    cssVar(['--vscode-charts-yellow'], '#bf8803'),
    '#17becf',
    '#8c564b',
  ];
}

export function seriesColor(index: number): string {
  const colors = palette();
  return colors[index % colors.length];
}

export function accentColors() {
  return {
    primary: cssVar(['--vscode-charts-blue', '--vscode-textLink-foreground'], '#1a85ff'),
    bad: cssVar(['--vscode-errorForeground', '--vscode-charts-red'], '#e51400'),
    background: cssVar('--vscode-editor-background', '#ffffff'),
  };
}

/** Text from the data as Plotly shows it: angle brackets become look-alikes, so data stays text. */
export function plotlyText(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›');
}

export function baseLayout(theme: ChartTheme, height: number, legend = false): Record<string, unknown> {
  return {
    height,
    margin: { l: 10, r: 10, t: 10, b: legend ? 40 : 40 },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { family: theme.fontFamily, size: theme.fontSize, color: theme.foreground },
    hoverlabel: { bgcolor: theme.hoverBackground, bordercolor: theme.hoverBorder, font: { color: theme.foreground } },
    showlegend: legend,
    // Under the x-axis title, in the margin kept for it.
    legend: { orientation: 'h', x: 0, xanchor: 'left', y: -0.3, yanchor: 'top', font: { color: theme.foreground } },
  };
}

export function axis(theme: ChartTheme, title?: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    gridcolor: theme.grid,
    zerolinecolor: theme.grid,
    linecolor: theme.grid,
    automargin: true,
    fixedrange: true,
    ...(title ? { title: { text: plotlyText(title), font: { color: theme.muted } } } : {}),
    ...extra,
  };
}

/** A dashed reference line in data coordinates (the diagonal of ROC, the identity of predicted-vs-actual). */
export function referenceLine(
  theme: ChartTheme,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): Record<string, unknown> {
  return {
    type: 'line',
    xref: 'x',
    yref: 'y',
    x0,
    y0,
    x1,
    y1,
    line: { color: theme.muted, width: 1, dash: 'dash' },
    layer: 'below',
  };
}

export async function draw(container: HTMLElement, traces: object[], layout: object): Promise<void> {
  await plotly().react(container, traces, layout, CHART_CONFIG);
}
