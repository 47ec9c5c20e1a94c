// Parallel coordinates drawn as SVG lines. Plotly's own `parcoords` (like `scattergl`) runs on
// regl, which compiles its shaders' glue with `Function` — an eval the panel's policy refuses
// (plotly.js-dist ships no precompiled regl code). So: one axis per dimension (the objective,
// then each parameter), every value scaled to [0, 1] on its axis (log parameters in log space,
// categories evenly spaced), each trial a polyline broken where a parameter is inactive. The
// lines are grouped into five bands of the objective (one trace per band, best drawn last),
// colored from the theme's blue to its orange.
import type { ParamAxis, StudySummary } from '../../src/core/tuning/studySummary';
import { axis, baseLayout, chartTheme, draw, plotlyText } from '../evaluation/chartKit';
import { cssVar } from '../shared/theme';

const BANDS = 5;

interface Dimension {
  label: string;
  scale: (v: number) => number;
  ticks: Array<{ at: number; text: string }>;
}

const short = (v: number) => String(Number(v.toPrecision(3)));

function numericDimension(label: string, values: Array<number | null>, log: boolean): Dimension {
  const f = (v: number) => (log ? Math.log10(v) : v);
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v) && (!log || v > 0)).map(f);
  const lo = xs.length ? Math.min(...xs) : 0;
  const hi = xs.length ? Math.max(...xs) : 1;
  const span = hi - lo || 1;
  const scale = (v: number) => (hi === lo ? 0.5 : (f(v) - lo) / span);
  const inv = (t: number) => (log ? 10 ** (lo + t * span) : lo + t * span);
  return {
    label: log ? `${label} (log)` : label,
    scale,
    ticks: [0, 0.5, 1].map((t) => ({ at: hi === lo ? 0.5 : t, text: short(inv(hi === lo ? 0 : t)) })),
  };
}

function categoricalDimension(a: ParamAxis): Dimension {
  const n = a.choices!.length;
  const at = (i: number) => (n <= 1 ? 0.5 : i / (n - 1));
  return { label: a.name, scale: at, ticks: a.choices!.map((c, i) => ({ at: at(i), text: c })) };
}

export async function drawParallel(container: HTMLElement, summary: StudySummary, k: number): Promise<void> {
  const theme = chartTheme();
  const s = summary.sample;
  const objective = s.values[k] ?? [];
  const dims: Dimension[] = [
    numericDimension(summary.metrics[k], objective, false),
    ...summary.params.map((a, p) =>
      a.kind === 'categorical'
        ? categoricalDimension(a)
        : numericDimension(a.name, s.params[p], a.log && s.params[p].every((v) => v === null || v > 0)),
    ),
  ];
  const columns = [objective, ...s.params];
  // Bands by rank of the objective: band BANDS-1 holds the best trials.
  const better =
    summary.directions[k] === 'minimize' ? (a: number, b: number) => b - a : (a: number, b: number) => a - b;
  const order = objective.map((_, i) => i).sort((i, j) => better(objective[i], objective[j]));
  const band = new Array<number>(objective.length);
  order.forEach((i, r) => (band[i] = Math.min(BANDS - 1, Math.floor((r * BANDS) / Math.max(1, order.length)))));
  const low = cssVar(['--vscode-charts-blue'], '#1a85ff');
  const high = cssVar(['--vscode-charts-orange'], '#d18616');
  const traces = Array.from({ length: BANDS }, (_, b) => {
    const x: Array<number | null> = [];
    const y: Array<number | null> = [];
    const text: string[] = [];
    objective.forEach((_, i) => {
      if (band[i] !== b) return;
      dims.forEach((d, j) => {
        const v = columns[j][i];
        x.push(j);
        y.push(v === null ? null : d.scale(v));
        text.push(
          `trial ${s.numbers[i]}<br>${plotlyText(d.label)}: ${v === null ? 'inactive' : rawText(summary, j, v)}`,
        );
      });
      x.push(null);
      y.push(null);
      text.push('');
    });
    return {
      type: 'scatter',
      mode: 'lines',
      x,
      y,
      text,
      connectgaps: false,
      hoverinfo: 'text',
      name: b === BANDS - 1 ? 'best fifth' : b === 0 ? 'worst fifth' : `fifth ${BANDS - b}`,
      line: { color: b >= BANDS / 2 ? high : low, width: 1 },
      opacity: 0.25 + (0.6 * b) / (BANDS - 1),
    };
  });
  const shapes = dims.map((_, j) => ({
    type: 'line',
    xref: 'x',
    yref: 'y',
    x0: j,
    x1: j,
    y0: 0,
    y1: 1,
    line: { color: theme.muted, width: 1 },
  }));
  const annotations = dims.flatMap((d, j) =>
    d.ticks.map((t) => ({
      x: j,
      y: t.at,
      xref: 'x',
      yref: 'y',
      xanchor: 'right',
      showarrow: false,
      text: plotlyText(t.text),
      font: { color: theme.muted, size: theme.fontSize - 2 },
    })),
  );
  await draw(container, traces, {
    ...baseLayout(theme, 380, true),
    margin: { l: 60, r: 20, t: 20, b: 60 },
    xaxis: axis(theme, undefined, {
      tickvals: dims.map((_, j) => j),
      ticktext: dims.map((d) => plotlyText(d.label)),
      showgrid: false,
      zeroline: false,
      range: [-0.5, dims.length - 0.6],
    }),
    yaxis: axis(theme, undefined, { visible: false, range: [-0.05, 1.05] }),
    shapes,
    annotations,
  });
}

function rawText(summary: StudySummary, j: number, v: number): string {
  if (j === 0) return short(v);
  const a = summary.params[j - 1];
  return a.kind === 'categorical' ? plotlyText(a.choices![v] ?? String(v)) : short(v);
}
