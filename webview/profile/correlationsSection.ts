// Correlations between columns as a heatmap, one method at a time (Pearson and Spearman for
// numeric pairs, Cramér's V for categorical pairs, the correlation ratio for mixed pairs), with
// the strongest pairs of the chosen method listed under it.
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import { describeLimit } from '../../src/core/profile/pairwiseLimits';
import type { Correlations, PairwiseLimit } from '../../src/core/profile/profileTypes';
import { custom, h } from '../shared/dom';
import {
  availableMethods,
  heatmapOf,
  METHOD_LABELS,
  strongestPairs,
  type CorrelationMethod,
} from './correlationMatrices';
import type { LazyCharts } from './lazyCharts';
import { drawHeatmap, type HeatmapOptions } from './profileCharts';
import { linkButton, profileSection } from './profileDom';
import { formatCorrelation } from './statsFormat';

/** The method the reader chose, kept across redraws of the page. */
const chosen: { method?: CorrelationMethod } = {};

function pairsTable(options: HeatmapOptions, jump: (column: string) => void): HTMLElement {
  const pairs = strongestPairs(options, 10);
  if (pairs.length === 0) return h('p', { class: 'empty' }, 'No pair has a defined value.');
  return h(
    'table',
    { class: 'report-table pairs-table', 'aria-label': 'Strongest pairs' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Column'),
        h('th', { scope: 'col' }, 'Column'),
        h('th', { scope: 'col', class: 'num' }, options.label),
      ),
    ),
    h(
      'tbody',
      {},
      ...pairs.map((pair) =>
        h(
          'tr',
          {},
          h(
            'td',
            {},
            linkButton(pair.a, `Go to the column ${pair.a}`, () => jump(pair.a)),
          ),
          h(
            'td',
            {},
            linkButton(pair.b, `Go to the column ${pair.b}`, () => jump(pair.b)),
          ),
          h('td', { class: 'num' }, formatCorrelation(pair.value)),
        ),
      ),
    ),
  );
}

/** The profile's note on matrices that kept only some of their columns (wide files), or nothing. */
export function pairwiseNote(limits: PairwiseLimit[] | undefined, nullity: boolean): HTMLElement | null {
  const shown = (limits ?? []).filter((l) => l.matrices.includes('nullity') === nullity);
  if (shown.length === 0) return null;
  return h(
    'div',
    { class: 'report-meta pairwise-limits', role: 'note' },
    h('p', {}, 'Pairwise work grows with the square of the columns, so on this file each matrix keeps at most 100:'),
    h('ul', {}, ...shown.map((limit) => h('li', {}, describeLimit(limit)))),
  );
}

export function correlationsSection(
  correlations: Correlations,
  charts: LazyCharts,
  jump: (column: string) => void,
  limits?: PairwiseLimit[],
): HTMLElement {
  const methods = availableMethods(correlations);
  if (methods.length === 0) {
    return profileSection(
      'correlations',
      'Correlations',
      h('p', { class: 'empty' }, 'No pair of columns to correlate.'),
    );
  }
  let method = chosen.method && methods.includes(chosen.method) ? chosen.method : methods[0];
  const chart = h('div', { class: 'chart chart-wide', role: 'img', 'aria-label': 'Correlation heatmap' });
  const pairs = h('div', { class: 'pairs' }, pairsTable(heatmapOf(correlations, method), jump));
  const draw = async (container: HTMLElement) => {
    const drawing = method;
    await drawHeatmap(container, heatmapOf(correlations, drawing));
    // A marker for tests and tools: which method the heatmap on screen shows.
    container.dataset.drawnMethod = drawing;
  };
  charts.add(chart, draw);
  const select = custom(
    'vscode-single-select',
    { id: 'correlation-method', 'aria-label': 'Correlation method' },
    ...methods.map((m) => custom('vscode-option', { value: m, selected: m === method }, METHOD_LABELS[m])),
  );
  select.addEventListener('change', () => {
    const value = (select as HTMLElement & { value: string }).value as CorrelationMethod;
    if (!methods.includes(value) || value === method) return;
    method = value;
    chosen.method = value;
    pairs.replaceChildren(pairsTable(heatmapOf(correlations, method), jump));
    charts.redraw(chart, draw);
  });
  return profileSection(
    'correlations',
    'Correlations',
    h('div', { class: 'correlations-toolbar' }, h('label', { for: 'correlation-method' }, 'Method'), select),
    pairwiseNote(limits, false),
    chart,
    h('h3', {}, 'Strongest pairs'),
    pairs,
  );
}
