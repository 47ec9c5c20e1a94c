// Building blocks the evaluation and compare reports share: a section with its anchor, a
// table from headers and rows, a chart box whose drawing is tracked (so the page says
// `rendered` only once every chart is drawn, and a failed chart says why in place), a chip,
// and a labelled select in VS Code's style.
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import { custom, h } from '../shared/dom';

type Child = Node | string | null | undefined | false;

export function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h(
    'section',
    { class: 'eval-section', id: `eval-${id}`, 'aria-labelledby': `eval-${id}-title` },
    h('h2', { id: `eval-${id}-title` }, title),
    ...children,
  );
}

export interface Cell {
  text: Node | string;
  num?: boolean;
  class?: string;
  title?: string;
  colspan?: number;
}

export interface Row {
  cells: ReadonlyArray<Cell | Node | string>;
  class?: string;
  attrs?: Record<string, string>;
}

export function table(label: string, headers: ReadonlyArray<string | Cell>, rows: readonly Row[]): HTMLTableElement {
  const cell = (tag: 'td' | 'th', c: Cell | Node | string, scope?: string): HTMLElement => {
    const value: Cell = typeof c === 'string' || c instanceof Node ? { text: c } : c;
    const classes = [value.num ? 'num' : '', value.class ?? ''].filter(Boolean).join(' ') || undefined;
    return h(tag, { class: classes, title: value.title, colspan: value.colspan, scope }, value.text);
  };
  return h(
    'table',
    { class: 'report-table eval-table', 'aria-label': label },
    h('thead', {}, h('tr', {}, ...headers.map((c) => cell('th', c, 'col')))),
    h(
      'tbody',
      {},
      ...rows.map((row) => h('tr', { class: row.class, ...(row.attrs ?? {}) }, ...row.cells.map((c) => cell('td', c)))),
    ),
  );
}

export function chip(
  text: string,
  state: 'pass' | 'fail' | 'info',
  title?: string,
  attrs: Record<string, string> = {},
): HTMLElement {
  return h('span', { class: `chip chip-${state}`, title, ...attrs }, text);
}

/** Charts drawn now; the page waits for all of them before it says `rendered`. */
export class ChartTracker {
  private readonly pending = new Set<Promise<void>>();
  count = 0;

  constructor(private readonly report: (problem: string) => void) {}

  /** A chart box of `kind` (a data-chart marker for tests), drawn by `drawer`. */
  box(kind: string, drawer: (container: HTMLElement) => Promise<void>, label: string, wide = false): HTMLElement {
    const container = h('div', {
      class: `chart${wide ? ' chart-wide' : ''}`,
      'data-chart': kind,
      role: 'img',
      'aria-label': label,
    });
    this.run(container, drawer);
    return container;
  }

  /** Draws (again) into a container; a failure is shown in place and reported. */
  run(container: HTMLElement, drawer: (container: HTMLElement) => Promise<void>): void {
    // Drawn after the current task, when the container is in the document and has a width.
    const drawing = new Promise<void>((resolve) => setTimeout(resolve, 0))
      .then(() => drawer(container))
      .then(() => {
        container.dataset.drawn = 'true';
        this.count += 1;
      })
      .catch((error: unknown) => {
        window.Plotly?.purge(container);
        const message = error instanceof Error ? error.message : String(error);
        container.classList.add('chart-failed');
        container.dataset.drawn = 'failed';
        container.textContent = `The chart could not be drawn: ${message}`;
        this.report(`A chart (${container.dataset.chart}) could not be drawn: ${message}`);
      });
    this.pending.add(drawing);
    void drawing.finally(() => this.pending.delete(drawing));
  }

  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}

export interface SelectElement extends HTMLElement {
  value: string;
}

export function select(
  id: string,
  label: string,
  options: ReadonlyArray<{ value: string; label: string }>,
  selected: string,
  onChange: (value: string) => void,
): HTMLElement {
  const element = custom(
    'vscode-single-select',
    { id, 'aria-label': label },
    ...options.map((o) => custom('vscode-option', { value: o.value, selected: o.value === selected }, o.label)),
  ) as SelectElement;
  element.addEventListener('change', () => onChange(element.value));
  return h('span', { class: 'toolbar-group' }, h('label', { for: id }, label), element);
}

export function note(text: string): HTMLElement {
  return h('p', { class: 'eval-note' }, text);
}
