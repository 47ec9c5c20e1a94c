// One stacked horizontal bar per lifecycle phase: how many of its items pass, fail, are stale,
// missing or not applicable. Colors are the theme's, read at draw time.
import { ITEM_STATUSES, type OverviewPhase } from '../../src/protocol/webview';
import { h } from '../shared/dom';
import { CHART_CONFIG, plotly } from '../shared/plotly';
import { chartTheme, statusColor } from '../shared/theme';
import { countStatuses, STATUS_LABELS } from './statusCounts';

export async function drawStatusChart(parent: HTMLElement, phases: readonly OverviewPhase[]): Promise<void> {
  const chart = h('div', {
    class: 'status-chart',
    role: 'img',
    'aria-label': 'Checklist items per phase by status',
  });
  parent.append(chart);
  const theme = chartTheme();
  const counts = phases.map(countStatuses);
  const titles = phases.map((phase) => phase.title);
  const traces = ITEM_STATUSES.filter((status) => counts.some((c) => c[status] > 0)).map((status) => {
    const values = counts.map((c) => c[status]);
    return {
      type: 'bar',
      orientation: 'h',
      name: STATUS_LABELS[status],
      x: values,
      y: titles,
      text: values.map((v) => (v > 0 ? String(v) : '')),
      textposition: 'inside',
      insidetextanchor: 'middle',
      hovertemplate: `%{y}<br>${STATUS_LABELS[status]}: %{x}<extra></extra>`,
      marker: {
        color: statusColor(status),
        // Hatching keeps "not applicable" apart from the others without relying on color alone.
        pattern: status === 'na' ? { shape: '/', fgcolor: theme.foreground, solidity: 0.15 } : undefined,
        line: theme.contrastBorder ? { color: theme.contrastBorder, width: 1 } : { width: 0 },
      },
    };
  });
  const layout = {
    barmode: 'stack',
    height: 70 + 34 * phases.length,
    margin: { l: 10, r: 10, t: 30, b: 36 },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { family: theme.fontFamily, size: theme.fontSize, color: theme.foreground },
    legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom', traceorder: 'normal' },
    xaxis: {
      title: { text: 'Checklist items', font: { color: theme.muted } },
      dtick: 1,
      gridcolor: theme.grid,
      zerolinecolor: theme.grid,
      fixedrange: true,
    },
    yaxis: { autorange: 'reversed', automargin: true, fixedrange: true, ticksuffix: '  ' },
    hoverlabel: { bgcolor: theme.hoverBackground, bordercolor: theme.hoverBorder, font: { color: theme.foreground } },
  };
  await plotly().newPlot(chart, traces, layout, CHART_CONFIG);
}
