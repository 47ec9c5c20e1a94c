// Small building blocks the profile report's sections share: a section with its anchor, a
// figure card, a two-column table of statistics, and a button that looks like a link.
import { h } from '../shared/dom';

export function profileSection(
  id: string,
  title: string,
  ...children: Array<Node | string | null | undefined | false>
): HTMLElement {
  return h(
    'section',
    { class: `profile-section profile-${id}`, id: `profile-${id}`, 'aria-labelledby': `profile-${id}-title` },
    h('h2', { id: `profile-${id}-title` }, title),
    ...children,
  );
}

export function figure(label: string, value: string, note?: string, key?: string): HTMLElement {
  return h(
    'div',
    { class: 'figure', 'data-figure': key },
    h('span', { class: 'figure-value' }, value),
    h('span', { class: 'figure-label' }, label),
    note ? h('span', { class: 'figure-note' }, note) : null,
  );
}

export interface StatRow {
  label: string;
  value: string;
  /** Shown in the figure's tooltip (the exact value when the cell rounds it). */
  title?: string;
  /** Highlights a figure an alert is about. */
  warn?: boolean;
}

export function statsTable(caption: string, rows: readonly StatRow[]): HTMLTableElement {
  return h(
    'table',
    { class: 'stats', 'aria-label': caption },
    h(
      'tbody',
      {},
      ...rows.map((row) =>
        h(
          'tr',
          { class: row.warn ? 'warn' : undefined, 'data-stat': row.label },
          h('th', { scope: 'row' }, row.label),
          h('td', { title: row.title }, row.value),
        ),
      ),
    ),
  );
}

export function linkButton(
  text: string,
  title: string,
  onClick: () => void,
  attributes: Record<string, string> = {},
): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'link-button', title, ...attributes }, text);
  button.addEventListener('click', onClick);
  return button;
}

/** Scrolls to a section of the report, below the sticky navigation. */
export function scrollToSection(id: string): void {
  document.getElementById(`profile-${id}`)?.scrollIntoView({ block: 'start' });
}
