// The project overview: what the project is, its datasets with their inspection facts, and the
// lifecycle checklist (a chart of statuses per phase, then every item with its detail and
// the action that moves it forward).
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type {
  ItemStatus,
  OverviewDataset,
  OverviewItem,
  OverviewPhase,
  OverviewReport,
} from '../../src/protocol/webview';
import { custom, h } from '../shared/dom';
import { formatBytes, formatCount, formatDateTime, shortHash } from '../shared/format';
import { reportHeader } from '../shared/header';
import type { RenderContext, ReportView } from '../shared/report';
import { drawStatusChart } from './statusChart';
import { countStatuses, passingSummary, STATUS_LABELS, totalCounts } from './statusCounts';

function statusBadge(status: ItemStatus, label: string = STATUS_LABELS[status]): HTMLElement {
  return custom('vscode-badge', { class: `status status-${status}`, 'data-status': status }, label);
}

function datasetRow(dataset: OverviewDataset): HTMLTableRowElement {
  const { inspection } = dataset;
  let state: HTMLElement | string;
  if (!dataset.exists) state = statusBadge('failing', 'File not found');
  else if (!inspection) state = statusBadge('missing', 'Not inspected');
  else if (inspection.stale) state = statusBadge('stale', 'Changed since inspected');
  else state = statusBadge('passing', 'Inspected');
  const cells = inspection
    ? [
        h('td', { class: 'num' }, formatCount(inspection.rows)),
        h('td', { class: 'num' }, formatCount(inspection.columns)),
        h('td', { class: 'num' }, formatBytes(inspection.sizeBytes)),
        h('td', {}, h('code', { title: `SHA-256 ${inspection.sha256}` }, shortHash(inspection.sha256))),
        h('td', {}, formatDateTime(inspection.inspectedAt)),
      ]
    : [h('td', { class: 'not-inspected', colspan: 5 }, dataset.exists ? 'not inspected' : '—')];
  return h(
    'tr',
    { 'data-role': dataset.role },
    h('th', { scope: 'row' }, dataset.role),
    h('td', {}, h('code', {}, dataset.path)),
    ...cells,
    h('td', {}, state),
  );
}

function datasetsSection(datasets: readonly OverviewDataset[]): HTMLElement {
  if (datasets.length === 0) {
    return h(
      'section',
      { class: 'datasets' },
      h('h2', {}, 'Datasets'),
      h('p', { class: 'empty' }, 'mlcycle.yaml lists no datasets yet.'),
    );
  }
  const head = ['Role', 'File', 'Rows', 'Columns', 'Size', 'Fingerprint', 'Inspected', 'State'];
  return h(
    'section',
    { class: 'datasets' },
    h('h2', {}, 'Datasets'),
    h(
      'table',
      { class: 'report-table' },
      h('thead', {}, h('tr', {}, ...head.map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, ...datasets.map(datasetRow)),
    ),
  );
}

function itemEntry(item: OverviewItem, context: RenderContext): HTMLLIElement {
  let action: HTMLElement | undefined;
  if (item.command && !context.standalone) {
    action = custom(
      'vscode-button',
      { secondary: true, class: 'act', 'data-item': item.id, title: `Act on: ${item.title}` },
      'Act',
    );
    const { command, commandArgs } = item;
    action.addEventListener('click', () =>
      context.host.post(commandArgs ? { type: 'command', command, args: commandArgs } : { type: 'command', command }),
    );
  }
  return h(
    'li',
    { class: `item item-${item.status}`, 'data-item': item.id },
    statusBadge(item.status),
    h(
      'div',
      { class: 'item-text' },
      h('span', { class: 'item-title' }, item.title),
      h('span', { class: 'item-detail' }, item.detail),
    ),
    action,
  );
}

function phaseSection(phase: OverviewPhase, context: RenderContext): HTMLElement {
  const counts = countStatuses(phase);
  return h(
    'section',
    { class: 'phase', 'data-phase': phase.id },
    h(
      'h3',
      {},
      phase.title,
      ' ',
      custom(
        'vscode-badge',
        { variant: 'counter', title: passingSummary(counts) },
        `${counts.passing}/${phase.items.length - counts.na}`,
      ),
    ),
    phase.items.length > 0
      ? h('ul', { class: 'items' }, ...phase.items.map((item) => itemEntry(item, context)))
      : h('p', { class: 'empty' }, 'No items.'),
  );
}

export const overviewView: ReportView<'overview'> = {
  kind: 'overview',
  async render(report: OverviewReport, root: HTMLElement, context: RenderContext) {
    const { project } = report;
    root.append(
      reportHeader(
        `${project.name}: project overview`,
        report.generatedAt,
        context,
        h(
          'p',
          { class: 'report-facts' },
          `${project.task === 'classification' ? 'Classification' : 'Regression'} of `,
          h('code', {}, project.target),
          ' · ',
          h('code', { title: 'Project root' }, project.root),
        ),
      ),
      datasetsSection(report.datasets),
    );
    const checklist = h(
      'section',
      { class: 'checklist' },
      h('h2', {}, 'Lifecycle checklist'),
      h('p', { class: 'report-meta' }, passingSummary(totalCounts(report.phases))),
    );
    root.append(checklist);
    if (report.phases.length > 0) await drawStatusChart(checklist, report.phases);
    checklist.append(...report.phases.map((phase) => phaseSection(phase, context)));
  },
};
