// The slice of Plotly's API the reports use. Plotly is loaded as its own script (dist/webview/
// plotly.js, see html.ts) and read from `window` only when a chart is drawn, never at import.

export interface PlotlyApi {
  newPlot(root: HTMLElement, data: object[], layout?: object, config?: object): Promise<HTMLElement>;
  react(root: HTMLElement, data: object[], layout?: object, config?: object): Promise<HTMLElement>;
  purge(root: HTMLElement): void;
}

declare global {
  interface Window {
    Plotly?: PlotlyApi;
  }
}

export function plotly(): PlotlyApi {
  if (!window.Plotly) throw new Error('Plotly is not loaded: dist/webview/plotly.js must be in the page.');
  return window.Plotly;
}

/** Frees every chart below `root` before its DOM is replaced. */
export function purgeCharts(root: HTMLElement): void {
  if (!window.Plotly) return;
  for (const chart of root.querySelectorAll<HTMLElement>('.js-plotly-plot')) window.Plotly.purge(chart);
}

/** Options every report chart shares: no Plotly logo or toolbar, resize with the panel. */
export const CHART_CONFIG = { displaylogo: false, displayModeBar: false, responsive: true } as const;
