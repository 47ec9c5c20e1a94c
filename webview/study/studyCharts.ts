// The study's value charts: the optimisation history with its best-so-far line and stage
// bands, the EDF of the objective values, the intermediate values (pruned trials apart) and the
// Pareto front. SVG traces on capped series (WebGL traces need an eval the panel's policy
// refuses: see parallelChart.ts); every color comes from the theme.
import type { StudySummary } from '../../src/core/tuning/studySummary';
import { accentColors, axis, baseLayout, chartTheme, draw, plotlyText, seriesColor } from '../evaluation/chartKit';
import { cssVar } from '../shared/theme';

const num = (v: number) => String(Number(v.toPrecision(4)));

function stageShapes(summary: StudySummary, last: number): { shapes: object[]; annotations: object[] } {
  const theme = chartTheme();
  const starts = summary.stages
    .filter((s) => s.firstTrial !== undefined)
    .map((s) => ({ index: s.index, from: s.firstTrial! }))
    .sort((a, b) => a.from - b.from);
  if (starts.length < 2) return { shapes: [], annotations: [] };
  const shapes: object[] = [];
  const annotations: object[] = [];
  starts.forEach((s, i) => {
    const x0 = s.from - 0.5;
    const x1 = i + 1 < starts.length ? starts[i + 1].from - 0.5 : last + 0.5;
    if (i % 2 === 1)
      shapes.push({
        type: 'rect',
        xref: 'x',
        yref: 'paper',
        x0,
        x1,
        y0: 0,
        y1: 1,
        fillcolor: theme.foreground,
        opacity: 0.06,
        line: { width: 0 },
        layer: 'below',
      });
    if (i > 0)
      shapes.push({
        type: 'line',
        xref: 'x',
        yref: 'paper',
        x0,
        x1: x0,
        y0: 0,
        y1: 1,
        line: { color: theme.muted, width: 1, dash: 'dot' },
      });
    annotations.push({
      xref: 'x',
      yref: 'paper',
      x: x0,
      y: 1,
      xanchor: 'left',
      yanchor: 'bottom',
      showarrow: false,
      text: `stage ${s.index + 1}`,
      font: { color: theme.muted, size: theme.fontSize - 2 },
    });
  });
  return { shapes, annotations };
}

export async function drawHistory(container: HTMLElement, summary: StudySummary, k: number): Promise<void> {
  const theme = chartTheme();
  const colors = accentColors();
  const h = summary.history[k];
  const last = Math.max(0, summary.total - 1);
  const { shapes, annotations } = stageShapes(summary, last);
  const traces = [
    {
      type: 'scatter',
      mode: 'markers',
      name: 'Trial',
      x: h.trials.numbers,
      y: h.trials.values,
      marker: { color: colors.primary, size: 5, opacity: 0.6 },
      hovertemplate: `trial %{x}<br>${plotlyText(h.metric)} %{y:.4g}<extra></extra>`,
    },
    {
      type: 'scatter',
      mode: 'lines',
      name: 'Best so far',
      x: h.bestSoFar.numbers,
      y: h.bestSoFar.values,
      line: { shape: 'hv', color: seriesColor(1), width: 2 },
      hovertemplate: `best so far after trial %{x}: %{y:.4g}<extra></extra>`,
    },
  ];
  await draw(container, traces, {
    ...baseLayout(theme, 320, true),
    margin: { l: 10, r: 10, t: 24, b: 40 },
    xaxis: axis(theme, 'Trial'),
    yaxis: axis(theme, `${h.metric} (${h.direction})`),
    shapes,
    annotations,
  });
}

export async function drawEdf(container: HTMLElement, summary: StudySummary, k: number): Promise<void> {
  const theme = chartTheme();
  const e = summary.edf[k];
  await draw(
    container,
    [
      {
        type: 'scatter',
        mode: 'lines',
        x: e.x,
        y: e.y,
        line: { shape: 'hv', color: accentColors().primary, width: 2 },
        hovertemplate: `${plotlyText(summary.metrics[k])} ≤ %{x:.4g}: %{y:.1%} of trials<extra></extra>`,
      },
    ],
    {
      ...baseLayout(theme, 280),
      xaxis: axis(theme, summary.metrics[k]),
      yaxis: axis(theme, 'Share of complete trials', { range: [0, 1.02], tickformat: '.0%' }),
    },
  );
}

/** One trace per state: the curves joined with gaps, so 200 curves cost 2 traces. */
export async function drawIntermediate(container: HTMLElement, summary: StudySummary): Promise<void> {
  const theme = chartTheme();
  const groups = [
    { state: 'complete', name: 'Complete', color: accentColors().primary, dash: 'solid' },
    { state: 'pruned', name: 'Pruned', color: cssVar(['--vscode-charts-orange'], '#d18616'), dash: 'dash' },
  ];
  const traces = groups.map((g) => {
    const x: Array<number | null> = [];
    const y: Array<number | null> = [];
    const text: string[] = [];
    for (const c of summary.intermediate.filter((c) => c.state === g.state)) {
      x.push(...c.steps, null);
      y.push(...c.values, null);
      text.push(...c.steps.map(() => `trial ${c.number}`), '');
    }
    return {
      type: 'scatter',
      mode: 'lines',
      name: g.name,
      x,
      y,
      text,
      connectgaps: false,
      line: { color: g.color, width: 1, dash: g.dash },
      marker: { color: g.color, size: 3 },
      hovertemplate: `%{text}<br>step %{x}: %{y:.4g}<extra>${g.name}</extra>`,
    };
  });
  await draw(container, traces, {
    ...baseLayout(theme, 300, true),
    xaxis: axis(theme, 'Step'),
    yaxis: axis(theme, `Intermediate ${summary.metrics[0]}`),
  });
}

export async function drawPareto(container: HTMLElement, summary: StudySummary): Promise<void> {
  const theme = chartTheme();
  const p = summary.pareto!;
  const [mx, my] = summary.metrics;
  const order = p.front[0].numbers.map((_, i) => i).sort((a, b) => p.front[0].values[a] - p.front[0].values[b]);
  const hover = `trial %{text}<br>${plotlyText(mx)} %{x:.4g}<br>${plotlyText(my)} %{y:.4g}`;
  await draw(
    container,
    [
      {
        type: 'scatter',
        mode: 'markers',
        name: 'Dominated',
        x: p.others[0].values,
        y: p.others[1].values,
        text: p.others[0].numbers,
        marker: { color: theme.muted, size: 5, opacity: 0.45 },
        hovertemplate: `${hover}<extra>dominated</extra>`,
      },
      {
        type: 'scatter',
        mode: 'lines+markers',
        name: 'Pareto front',
        x: order.map((i) => p.front[0].values[i]),
        y: order.map((i) => p.front[1].values[i]),
        text: order.map((i) => p.front[0].numbers[i]),
        line: { color: accentColors().bad, width: 1, shape: 'hv' },
        marker: { color: accentColors().bad, size: 7 },
        hovertemplate: `${hover}<extra>Pareto front</extra>`,
      },
    ],
    {
      ...baseLayout(theme, 340, true),
      xaxis: axis(theme, `${mx} (${summary.directions[0]})`),
      yaxis: axis(theme, `${my} (${summary.directions[1]})`),
    },
  );
}

export { num };
