// The header every report shares: title, when it was computed, and the Refresh / Export
// buttons that ask the host to act (absent from an exported file, which has no host).
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { custom, h } from './dom';
import { formatDateTime } from './format';
import type { RenderContext } from './report';

export function reportHeader(
  title: string,
  generatedAt: string,
  context: RenderContext,
  ...facts: (Node | string)[]
): HTMLElement {
  const heading = h(
    'div',
    { class: 'report-heading' },
    h('h1', {}, title),
    h(
      'p',
      { class: 'report-meta' },
      context.standalone
        ? `Exported report, computed ${formatDateTime(generatedAt)}`
        : `Computed ${formatDateTime(generatedAt)}`,
    ),
    ...facts,
  );
  if (context.standalone) return h('header', { class: 'report-header' }, heading);
  const refresh = custom(
    'vscode-button',
    { secondary: true, 'data-action': 'refresh', title: 'Recompute the report from the project files' },
    'Refresh',
  );
  refresh.addEventListener('click', () => context.host.post({ type: 'refresh' }));
  const exportButton = custom(
    'vscode-button',
    { secondary: true, 'data-action': 'export', title: 'Save the report as one HTML file' },
    'Export',
  );
  exportButton.addEventListener('click', () => context.host.post({ type: 'export' }));
  return h('header', { class: 'report-header' }, heading, h('div', { class: 'report-actions' }, refresh, exportButton));
}
