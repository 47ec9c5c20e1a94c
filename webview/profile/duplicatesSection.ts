// Duplicate rows: how many, their share, and how that compares with the alert's threshold.
import type { DatasetProfile } from '../../src/core/profile/profileTypes';
import { h } from '../shared/dom';
import { formatCount } from '../shared/format';
import { figure, profileSection } from './profileDom';
import { formatPercent, plural } from './statsFormat';

export function duplicatesSection(profile: DatasetProfile): HTMLElement {
  const threshold = profile.thresholds.duplicatesPercent;
  const over = profile.duplicatePercent > threshold;
  const verdict =
    profile.duplicateRows === 0
      ? 'No row repeats another.'
      : `${formatCount(profile.duplicateRows)} ${plural(profile.duplicateRows, 'row repeats', 'rows repeat')} an earlier row exactly: ` +
        (over
          ? `above the ${formatPercent(threshold)} threshold, so the duplicates alert is raised. Duplicates can leak between training and test splits.`
          : `within the ${formatPercent(threshold)} threshold.`);
  return profileSection(
    'duplicates',
    'Duplicate rows',
    h(
      'div',
      { class: 'figures' },
      figure('Duplicate rows', formatCount(profile.duplicateRows), undefined, 'duplicate-rows'),
      figure(
        'Share of rows',
        formatPercent(profile.duplicatePercent),
        `alert above ${formatPercent(threshold)}`,
        'duplicate-share',
      ),
    ),
    h('p', { class: over ? 'duplicates-over' : 'duplicates-ok' }, verdict),
  );
}
