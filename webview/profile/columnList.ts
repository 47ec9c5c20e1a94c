// The column sections with their search and sort. Every section is built once; searching hides
// sections and sorting moves them, so neither redraws a chart. The search and sort survive a
// redraw of the page (a theme change), and a jump from an alert clears a search that hides it.
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { Alert, DatasetProfile } from '../../src/core/profile/profileTypes';
import { custom, h } from '../shared/dom';
import { formatCount } from '../shared/format';
import { columnMatches, COLUMN_SORTS, isColumnSort, orderColumns, type ColumnSort } from './columnOrder';
import { columnSection } from './columnSection';
import type { LazyCharts } from './lazyCharts';
import { profileSection } from './profileDom';
import { plural } from './statsFormat';

export interface ColumnListState {
  query: string;
  sort: ColumnSort;
}

/** Kept for the page's life, so a redraw keeps what the reader chose. */
export const columnListState: ColumnListState = { query: '', sort: 'file' };

interface TextFieldElement extends HTMLElement {
  value: string;
}

export class ColumnList {
  readonly element: HTMLElement;
  private readonly sections: HTMLElement[];
  private readonly list: HTMLElement;
  private readonly counter: HTMLElement;
  private readonly search: TextFieldElement;

  constructor(
    private readonly profile: DatasetProfile,
    private readonly alerts: ReadonlyMap<string, readonly Alert[]>,
    charts: LazyCharts,
    private readonly state: ColumnListState = columnListState,
  ) {
    const target = profile.target?.column;
    this.sections = profile.columns.map((column, index) =>
      columnSection({
        column,
        index,
        rows: profile.rows,
        alerts: alerts.get(column.name) ?? [],
        isTarget: column.name === target,
        charts,
      }),
    );
    this.search = custom('vscode-textfield', {
      id: 'column-search',
      type: 'search',
      placeholder: 'Search columns by name or type',
      'aria-label': 'Search columns',
      value: state.query,
    }) as TextFieldElement;
    this.search.addEventListener('input', () => {
      this.state.query = this.search.value ?? '';
      this.apply();
    });
    const sort = custom(
      'vscode-single-select',
      { id: 'column-sort', 'aria-label': 'Sort columns' },
      ...Object.entries(COLUMN_SORTS).map(([value, label]) =>
        custom('vscode-option', { value, selected: value === state.sort }, label),
      ),
    );
    sort.addEventListener('change', () => {
      const value = (sort as TextFieldElement).value;
      if (!isColumnSort(value) || value === this.state.sort) return;
      this.state.sort = value;
      this.apply();
    });
    this.counter = h('span', { class: 'columns-count', 'aria-live': 'polite' });
    this.list = h('div', { class: 'column-list' });
    const unprofiled =
      this.profile.columns.length === 0 ? h('p', { class: 'empty' }, 'The profile has no column sections.') : null;
    this.element = profileSection(
      'columns',
      `Columns (${formatCount(profile.columns.length)})`,
      h(
        'div',
        { class: 'columns-toolbar' },
        this.search,
        h('span', { class: 'toolbar-group' }, h('label', { for: 'column-sort' }, 'Sort by'), sort),
        this.counter,
      ),
      unprofiled,
      this.list,
    );
    this.apply();
  }

  /** Hides what the search excludes and orders the rest; sections are moved, never rebuilt. */
  private apply(): void {
    const order = orderColumns(this.profile.columns, this.state.sort, this.alerts);
    let shown = 0;
    for (const index of order) {
      const visible = columnMatches(this.profile.columns[index], this.state.query);
      this.sections[index].hidden = !visible;
      if (visible) shown += 1;
    }
    this.list.replaceChildren(...order.map((i) => this.sections[i]));
    const total = this.profile.columns.length;
    this.counter.textContent =
      shown === total
        ? `${formatCount(total)} ${plural(total, 'column')}`
        : `${formatCount(shown)} of ${formatCount(total)} ${plural(total, 'column')}`;
  }

  /** Scrolls to a column's section (clearing a search that hides it) and highlights it. */
  jumpTo(name: string): boolean {
    const index = this.profile.columns.findIndex((c) => c.name === name);
    const section = this.sections[index];
    if (!section) return false;
    if (section.hidden) {
      this.state.query = '';
      this.search.value = '';
      this.apply();
    }
    section.scrollIntoView({ block: 'start' });
    section.querySelector<HTMLElement>('h3')?.focus({ preventScroll: true });
    section.classList.remove('flash');
    // Restart the highlight even when jumping to the same column twice.
    void section.offsetWidth;
    section.classList.add('flash');
    setTimeout(() => section.classList.remove('flash'), 1600);
    return true;
  }
}
