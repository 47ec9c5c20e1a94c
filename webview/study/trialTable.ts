// The study's trial table: sortable (click a header), filterable (state, and a text query with
// comparisons such as `x>0.5`), and virtual: at 10,000 trials only the rows in the scrolled
// window (plus a few) are in the DOM, between two spacer rows sized through the CSSOM (the
// policy refuses style attributes, not element.style). A click selects a trial (Promote acts
// on it). Live updates replace rows in place and keep the sort, filter, scroll and selection.
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { TrialRow } from '../../src/core/tuning/studyRows';
import type { ParamAxis } from '../../src/core/tuning/studySummary';
import type { TrialState } from '../../src/core/tuning/types';
import { custom, h } from '../shared/dom';
import { select } from '../evaluation/evaluationDom';
import { cellText, columnsOf, queryRows, type Column, type TableQuery } from './tableModel';

export const ROW_HEIGHT = 24;
const OVERSCAN = 10;
/** Rows drawn before the table has a height (not yet in the document). */
const FIRST_WINDOW = 40;

const STATES: Array<TrialState | 'all'> = ['all', 'complete', 'pruned', 'failed', 'running'];

export class TrialTable {
  readonly element: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly head: HTMLTableSectionElement;
  private readonly body: HTMLTableSectionElement;
  private readonly top: HTMLTableRowElement;
  private readonly bottom: HTMLTableRowElement;
  private readonly count: HTMLElement;
  private columns: Column[] = [];
  private all: TrialRow[] = [];
  private view: TrialRow[] = [];
  private drawn = '';

  constructor(
    private readonly query: TableQuery,
    private selected: { number?: number },
    private readonly onSelect: (number: number | undefined) => void,
  ) {
    this.head = h('thead', {});
    this.top = h('tr', { class: 'spacer', 'aria-hidden': 'true' });
    this.bottom = h('tr', { class: 'spacer', 'aria-hidden': 'true' });
    this.body = h('tbody', {});
    const table = h('table', { class: 'report-table trial-table', 'aria-label': 'Trials' }, this.head, this.body);
    this.scroller = h('div', { class: 'trial-scroll', tabindex: 0 }, table);
    this.scroller.addEventListener('scroll', () => this.drawWindow());
    new ResizeObserver(() => this.drawWindow()).observe(this.scroller);
    this.body.addEventListener('click', (event) => {
      const tr = (event.target as HTMLElement).closest('tr[data-trial]');
      if (!tr) return;
      const n = Number(tr.getAttribute('data-trial'));
      this.selected.number = this.selected.number === n ? undefined : n;
      this.drawn = '';
      this.drawWindow();
      this.onSelect(this.selected.number);
    });
    const filter = custom('vscode-textfield', {
      id: 'trial-filter',
      placeholder: 'Filter: words, or comparisons like x>0.5',
      'aria-label': 'Filter the trials',
      value: query.text,
    }) as HTMLElement & { value: string };
    filter.addEventListener('input', () => {
      this.query.text = filter.value;
      this.requery();
    });
    const state = select(
      'trial-state',
      'State',
      STATES.map((s) => ({ value: s, label: s === 'all' ? 'All states' : s })),
      query.state,
      (value) => {
        if (!(STATES as string[]).includes(value)) return;
        this.query.state = value as TableQuery['state'];
        this.requery();
      },
    );
    this.count = h('span', { class: 'trial-count', 'aria-live': 'polite' });
    this.element = h(
      'div',
      { class: 'trial-table-box' },
      h('div', { class: 'toolbar' }, state, h('span', { class: 'toolbar-group grow' }, filter), this.count),
      this.scroller,
    );
  }

  /** New rows (all of them, by number) and columns; keeps the query, scroll and selection. */
  setData(rows: readonly TrialRow[], metrics: readonly string[], axes: readonly ParamAxis[]): void {
    const columns = columnsOf(metrics, axes);
    if (columns.map((c) => c.label).join('\u0000') !== this.columns.map((c) => c.label).join('\u0000')) {
      this.columns = columns;
      if (!columns.some((c) => c.key === this.query.sort)) this.query.sort = 'number';
      this.drawHead();
    }
    this.all = [...rows];
    this.requery();
  }

  /** The rows the query gives, in order (tests read it through the DOM's data attributes). */
  get shown(): readonly TrialRow[] {
    return this.view;
  }

  private requery(): void {
    this.view = queryRows(this.all, this.query, this.columns);
    this.count.textContent = `${this.view.length} of ${this.all.length} trials`;
    this.scroller.dataset.rowsTotal = String(this.all.length);
    this.scroller.dataset.rowsMatching = String(this.view.length);
    this.drawn = '';
    this.drawWindow();
  }

  private drawHead(): void {
    const cells = this.columns.map((c) => {
      const sorted = this.query.sort === c.key;
      const button = h(
        'button',
        { class: 'link-button sort-button', type: 'button', 'data-sort': c.key, title: `Sort by ${c.label}` },
        c.label,
        sorted ? (this.query.descending ? ' ▼' : ' ▲') : '',
      );
      button.addEventListener('click', () => {
        if (this.query.sort === c.key) this.query.descending = !this.query.descending;
        else {
          this.query.sort = c.key;
          this.query.descending = false;
        }
        this.drawHead();
        this.requery();
      });
      return h(
        'th',
        {
          scope: 'col',
          class: c.numeric ? 'num' : undefined,
          'aria-sort': sorted ? (this.query.descending ? 'descending' : 'ascending') : undefined,
        },
        button,
      );
    });
    this.head.replaceChildren(h('tr', {}, ...cells));
  }

  private drawWindow(): void {
    const height = this.scroller.clientHeight;
    const visible = height > 0 ? Math.ceil(height / ROW_HEIGHT) : FIRST_WINDOW;
    const first = Math.max(0, Math.floor(this.scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.view.length, first + visible + 2 * OVERSCAN);
    const key = `${first}:${last}`;
    if (key === this.drawn) return;
    this.drawn = key;
    this.top.style.height = `${first * ROW_HEIGHT}px`;
    this.bottom.style.height = `${(this.view.length - last) * ROW_HEIGHT}px`;
    const rows = this.view.slice(first, last).map((row) => this.rowElement(row));
    this.body.replaceChildren(this.top, ...rows, this.bottom);
    this.scroller.dataset.rowsDrawn = String(rows.length);
  }

  private rowElement(row: TrialRow): HTMLTableRowElement {
    const classes = [`state-${row.state}`, row.number === this.selected.number ? 'selected-row' : ''];
    return h(
      'tr',
      {
        class: classes.filter(Boolean).join(' '),
        'data-trial': row.number,
        'aria-selected': row.number === this.selected.number ? 'true' : 'false',
        title: row.error,
      },
      ...this.columns.map((c) => h('td', { class: c.numeric ? 'num' : undefined }, cellText(row, c.key))),
    );
  }
}
