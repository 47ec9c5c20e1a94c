// The top of the profile: its alerts first (each one a way to the column it is about), then the
// dataset's size, missing cells, duplicates, memory and the count of columns of each type.
import type { Alert, DatasetProfile } from '../../src/core/profile/profileTypes';
import { h } from '../shared/dom';
import { formatBytes, formatCount } from '../shared/format';
import { alertLabel, alertSeverity } from './alertKinds';
import { TYPE_LABELS } from './columnSection';
import { figure, linkButton, profileSection } from './profileDom';
import { formatPercent, percentOf } from './statsFormat';

export interface Jumps {
  toColumn(name: string): void;
  toSection(id: string): void;
}

/** Sections dataset-level alerts point to. */
const ALERT_SECTIONS: Partial<Record<Alert['type'], string>> = { duplicates: 'duplicates', leakage: 'target' };

function alertEntry(alert: Alert, jumps: Jumps): HTMLLIElement {
  const kind = h('span', { class: `alert-kind severity-${alertSeverity(alert.type)}` }, alertLabel(alert.type));
  let message: HTMLElement;
  const column = alert.column;
  const section = ALERT_SECTIONS[alert.type];
  if (column !== null) {
    message = linkButton(alert.message, `Go to the column ${column}`, () => jumps.toColumn(column), {
      class: 'link-button alert-message',
    });
  } else if (section) {
    message = linkButton(alert.message, `Go to ${section}`, () => jumps.toSection(section), {
      class: 'link-button alert-message',
    });
  } else {
    message = h('span', { class: 'alert-message' }, alert.message);
  }
  const other = alert.otherColumn;
  return h(
    'li',
    {
      class: `alert alert-${alert.type}`,
      'data-alert-type': alert.type,
      'data-column': column ?? undefined,
    },
    kind,
    message,
    other !== undefined
      ? linkButton(`→ ${other}`, `Go to the column ${other}`, () => jumps.toColumn(other), {
          'data-other-column': other,
        })
      : null,
  );
}

/** Alerts listed before "Show all": a wide file can raise one per column. */
export const ALERTS_SHOWN = 12;
/** Whether the reader asked for every alert, kept across redraws of the page. */
const alertsState = { expanded: false };

export function alertsList(alerts: readonly Alert[], jumps: Jumps): HTMLElement {
  if (alerts.length === 0) return h('p', { class: 'empty alerts-none' }, 'No alerts: no column crossed a threshold.');
  const entries = alerts.map((alert) => alertEntry(alert, jumps));
  const list = h('ul', { class: 'alerts', 'aria-label': 'Alerts' }, ...entries);
  if (alerts.length <= ALERTS_SHOWN) return list;
  const toggle = linkButton(
    '',
    'Show or hide the rest of the alerts',
    () => {
      alertsState.expanded = !alertsState.expanded;
      apply();
    },
    { class: 'link-button alerts-toggle', 'aria-expanded': 'false' },
  );
  const apply = () => {
    entries.forEach((entry, i) => (entry.hidden = !alertsState.expanded && i >= ALERTS_SHOWN));
    toggle.textContent = alertsState.expanded ? 'Show fewer alerts' : `Show all ${alerts.length} alerts`;
    toggle.setAttribute('aria-expanded', String(alertsState.expanded));
  };
  apply();
  return h('div', {}, list, toggle);
}

export function overviewSection(
  profile: DatasetProfile,
  sortedAlerts: readonly Alert[],
  jumps: Jumps,
  notes: readonly string[],
): HTMLElement {
  const columns = profile.columns.length;
  const missingCells = profile.columns.reduce((sum, c) => sum + c.missing, 0);
  const profiledRows = profile.sampling.rows;
  const cells = profiledRows * columns;
  const sampled = profile.sampling.mode !== 'exact';
  const typeBadges = Object.entries(profile.typeCounts)
    .filter(([, count]) => (count ?? 0) > 0)
    .map(([type, count]) =>
      h(
        'span',
        { class: 'type-badge', 'data-type-count': type },
        `${TYPE_LABELS[type as keyof typeof TYPE_LABELS] ?? type} ${formatCount(count ?? 0)}`,
      ),
    );
  return profileSection(
    'overview',
    'Overview',
    h('h3', {}, `Alerts (${formatCount(sortedAlerts.length)})`),
    alertsList(sortedAlerts, jumps),
    h(
      'div',
      { class: 'figures' },
      figure(
        'Rows',
        formatCount(profile.rows),
        sampled ? `${formatCount(profiledRows)} profiled (${profile.sampling.mode} sample)` : undefined,
        'rows',
      ),
      figure('Columns', formatCount(columns), undefined, 'columns'),
      figure(
        'Duplicate rows',
        formatCount(profile.duplicateRows),
        formatPercent(profile.duplicatePercent),
        'duplicates',
      ),
      figure(
        'Missing cells',
        formatCount(missingCells),
        `${formatPercent(percentOf(missingCells, cells))} of ${formatCount(cells)} cells`,
        'missing-cells',
      ),
      figure(
        'Rows with missing values',
        formatCount(profile.missing.rowsWithMissing),
        formatPercent(percentOf(profile.missing.rowsWithMissing, profiledRows)),
        'rows-with-missing',
      ),
      figure('Memory', formatBytes(profile.memoryBytes), `file ${formatBytes(profile.source.sizeBytes)}`, 'memory'),
    ),
    h('div', { class: 'type-counts', 'aria-label': 'Columns by type' }, ...typeBadges),
    notes.length > 0
      ? h(
          'ul',
          { class: 'profile-notes', 'aria-label': 'Left out of this page' },
          ...notes.map((note) => h('li', {}, note)),
        )
      : null,
    columns === 0 ? h('p', { class: 'empty' }, 'The file has no columns.') : null,
  );
}
