// The study's parameter charts: importance (PED-ANOVA), one slice per parameter (all in one
// figure) and the contour of the two most important parameters (parallel coordinates are
// parallelChart.ts). They draw the summary's capped trial sample, never every trial, in SVG:
// Plotly's WebGL traces need an eval the panel's policy refuses (see parallelChart.ts).
import type { ParamAxis, StudySummary } from '../../src/core/tuning/studySummary';
import { accentColors, axis, baseLayout, chartTheme, draw, plotlyText } from '../evaluation/chartKit';
import { cssVar } from '../shared/theme';

/** A blue-to-orange scale from the theme's chart colors (better trials in the second color). */
function valueScale(direction: string): Array<[number, string]> {
  const low = cssVar(['--vscode-charts-blue'], '#1a85ff');
  const high = cssVar(['--vscode-charts-orange'], '#d18616');
  return direction === 'minimize'
    ? [
        [0, high],
        [1, low],
      ]
    : [
        [0, low],
        [1, high],
      ];
}

function axisOptions(a: ParamAxis, values: Array<number | null>): Record<string, unknown> {
  if (a.kind === 'categorical')
    return { tickvals: a.choices!.map((_, i) => i), ticktext: a.choices!.map(plotlyText), type: 'linear' };
  if (a.log && values.every((v) => v === null || v > 0)) return { type: 'log' };
  return {};
}

export async function drawImportance(container: HTMLElement, summary: StudySummary): Promise<void> {
  const theme = chartTheme();
  const params = [...summary.importance.params].reverse();
  await draw(
    container,
    [
      {
        type: 'bar',
        orientation: 'h',
        x: params.map((p) => p.importance),
        y: params.map((p) => plotlyText(p.name)),
        text: params.map((p) => `${(p.importance * 100).toFixed(1)}%`),
        textposition: 'auto',
        customdata: params.map((p) => [p.divergence, p.trials]),
        marker: { color: accentColors().primary },
        hovertemplate:
          `%{y}: %{x:.1%} of the importance (${summary.importance.method})` +
          '<br>Pearson divergence %{customdata[0]:.4g} over %{customdata[1]} trials<extra></extra>',
      },
    ],
    {
      ...baseLayout(theme, Math.max(160, 40 + 28 * params.length)),
      xaxis: axis(theme, `Importance (${summary.importance.method})`, { tickformat: '.0%', rangemode: 'tozero' }),
      yaxis: axis(theme, undefined, { automargin: true }),
    },
  );
}

/** One panel per parameter (by importance), the objective against its values, in one figure. */
export async function drawSlices(container: HTMLElement, summary: StudySummary, k: number): Promise<void> {
  const theme = chartTheme();
  const s = summary.sample;
  const rank = new Map(summary.importance.params.map((p, i) => [p.name, i]));
  const order = summary.params
    .map((a, p) => ({ a, p }))
    .sort((x, y) => (rank.get(x.a.name) ?? 1e9) - (rank.get(y.a.name) ?? 1e9));
  const columns = Math.min(3, Math.max(1, order.length));
  const rows = Math.max(1, Math.ceil(order.length / columns));
  const layout: Record<string, unknown> = {
    ...baseLayout(theme, 60 + 220 * rows),
    grid: { rows, columns, pattern: 'independent', xgap: 0.12, ygap: 0.35 },
    margin: { l: 10, r: 10, t: 10, b: 30 },
  };
  const traces = order.map(({ a, p }, i) => {
    const id = i === 0 ? '' : String(i + 1);
    const x: number[] = [];
    const y: number[] = [];
    const text: number[] = [];
    s.params[p].forEach((v, j) => {
      if (v === null) return;
      x.push(v);
      y.push(s.values[k][j]);
      text.push(s.numbers[j]);
    });
    layout[`xaxis${id}`] = axis(theme, a.name, axisOptions(a, s.params[p]));
    layout[`yaxis${id}`] = axis(theme, i % columns === 0 ? summary.metrics[k] : undefined);
    return {
      type: 'scatter',
      mode: 'markers',
      xaxis: `x${id}`,
      yaxis: `y${id}`,
      x,
      y,
      text,
      marker: {
        color: text,
        colorscale: [
          [0, cssVar(['--vscode-charts-blue'], '#1a85ff')],
          [1, cssVar(['--vscode-charts-purple'], '#652d90')],
        ],
        size: 5,
        opacity: 0.7,
      },
      hovertemplate: `trial %{text}<br>${plotlyText(a.name)} %{x}<br>%{y:.4g}<extra></extra>`,
    };
  });
  await draw(container, traces, layout);
}

export async function drawContour(container: HTMLElement, summary: StudySummary): Promise<void> {
  const theme = chartTheme();
  const c = summary.contour!;
  const ax = summary.params.find((a) => a.name === c.x)!;
  const ay = summary.params.find((a) => a.name === c.y)!;
  const px = summary.params.indexOf(ax);
  const py = summary.params.indexOf(ay);
  const s = summary.sample;
  const points = s.numbers
    .map((n, i) => ({ n, x: s.params[px][i], y: s.params[py][i] }))
    .filter((p) => p.x !== null && p.y !== null);
  await draw(
    container,
    [
      {
        type: 'contour',
        x: c.xs,
        y: c.ys,
        z: c.z,
        connectgaps: true,
        colorscale: valueScale(summary.directions[0]),
        contours: { coloring: 'heatmap' },
        colorbar: { title: { text: plotlyText(summary.metrics[0]) }, tickfont: { color: theme.foreground } },
        hovertemplate: `${plotlyText(c.x)} %{x}<br>${plotlyText(c.y)} %{y}<br>mean %{z:.4g}<extra></extra>`,
      },
      {
        type: 'scatter',
        mode: 'markers',
        x: points.map((p) => p.x),
        y: points.map((p) => p.y),
        text: points.map((p) => p.n),
        marker: { color: theme.foreground, size: 3, opacity: 0.5 },
        hovertemplate: 'trial %{text}<extra></extra>',
      },
    ],
    {
      ...baseLayout(theme, 380),
      xaxis: axis(theme, c.x, axisOptions(ax, c.xs)),
      yaxis: axis(theme, c.y, axisOptions(ay, c.ys)),
    },
  );
}
