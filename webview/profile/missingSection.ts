// Missing values: how many per column (bars), which columns go missing together (the nullity
// correlation heatmap) and the most common patterns of missingness.
import type { DatasetProfile } from '../../src/core/profile/profileTypes';
import { h } from '../shared/dom';
import { formatCount } from '../shared/format';
import { pairwiseNote } from './correlationsSection';
import type { LazyCharts } from './lazyCharts';
import { drawBars, drawHeatmap } from './profileCharts';
import { linkButton, profileSection } from './profileDom';
import { formatPercent, percentOf, plural } from './statsFormat';

function patternsTable(profile: DatasetProfile, jump: (column: string) => void): HTMLElement {
  const rows = profile.sampling.rows;
  return h(
    'table',
    { class: 'report-table patterns-table', 'aria-label': 'Patterns of missing values' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Missing together'),
        h('th', { scope: 'col', class: 'num' }, 'Rows'),
        h('th', { scope: 'col', class: 'num' }, 'Share'),
      ),
    ),
    h(
      'tbody',
      {},
      ...profile.missing.patterns.map((pattern) => {
        const names: Array<Node | string> = [];
        pattern.columns.forEach((column, i) => {
          if (i > 0) names.push(', ');
          names.push(linkButton(column, `Go to the column ${column}`, () => jump(column)));
        });
        return h(
          'tr',
          {},
          h('td', {}, ...names),
          h('td', { class: 'num' }, formatCount(pattern.rows)),
          h('td', { class: 'num' }, formatPercent(percentOf(pattern.rows, rows))),
        );
      }),
    ),
  );
}

export function missingSection(
  profile: DatasetProfile,
  charts: LazyCharts,
  jump: (column: string) => void,
): HTMLElement {
  const { missing } = profile;
  const rows = profile.sampling.rows;
  const byColumn = [...missing.byColumn].sort((a, b) => b.missing - a.missing);
  if (byColumn.length === 0) {
    return profileSection('missing', 'Missing values', h('p', { class: 'empty' }, 'No missing values in any column.'));
  }
  const bars = h('div', { class: 'chart', role: 'img', 'aria-label': 'Missing values per column' });
  charts.add(bars, (container) =>
    drawBars(container, {
      labels: byColumn.map((c) => c.column),
      values: byColumn.map((c) => c.missing),
      text: byColumn.map((c) => formatPercent(percentOf(c.missing, rows))),
      hover: byColumn.map(
        (c) => `${c.column}: ${formatCount(c.missing)} missing (${formatPercent(percentOf(c.missing, rows))})`,
      ),
      valueTitle: 'Missing values',
    }),
  );
  const nullity = missing.nullity;
  let nullityPart: HTMLElement | null = null;
  if (nullity && nullity.columns.length >= 2) {
    const heatmap = h('div', { class: 'chart chart-wide', role: 'img', 'aria-label': 'Nullity correlation heatmap' });
    charts.add(heatmap, (container) =>
      drawHeatmap(container, {
        rows: nullity.columns,
        columns: nullity.columns,
        values: nullity.values,
        signed: true,
        label: 'nullity r',
      }),
    );
    nullityPart = h(
      'div',
      {},
      h('h3', {}, 'Nullity correlation'),
      h(
        'p',
        { class: 'report-meta' },
        'How strongly one column being empty goes with another being empty (1: always together, −1: never together).',
      ),
      pairwiseNote(profile.pairwiseLimits, true),
      heatmap,
    );
  }
  return profileSection(
    'missing',
    'Missing values',
    h(
      'p',
      {},
      `${formatCount(byColumn.length)} of ${formatCount(profile.columns.length)} ${plural(profile.columns.length, 'column')} have missing values; `,
      `${formatCount(missing.rowsWithMissing)} ${plural(missing.rowsWithMissing, 'row')} (${formatPercent(percentOf(missing.rowsWithMissing, rows))}) miss at least one value.`,
    ),
    bars,
    nullityPart,
    missing.patterns.length > 0 ? h('h3', {}, 'Most common patterns') : null,
    missing.patterns.length > 0 ? patternsTable(profile, jump) : null,
  );
}
