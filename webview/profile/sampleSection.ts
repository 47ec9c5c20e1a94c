// A few rows of the data as they are (values as text, missing ones marked), capped by the
// profile: the page never receives more than that.
import type { DatasetProfile } from '../../src/core/profile/profileTypes';
import { h } from '../shared/dom';
import { formatCount } from '../shared/format';
import { profileSection } from './profileDom';
import { plural } from './statsFormat';

export function sampleSection(profile: DatasetProfile): HTMLElement {
  const { sample } = profile;
  if (sample.length === 0 || profile.columns.length === 0) {
    return profileSection('sample', 'Sample', h('p', { class: 'empty' }, 'No rows to show.'));
  }
  const names = profile.columns.map((c) => c.name);
  return profileSection(
    'sample',
    'Sample',
    h(
      'p',
      { class: 'report-meta' },
      `${formatCount(sample.length)} ${plural(sample.length, 'row')} of ${formatCount(profile.rows)}.`,
    ),
    h(
      'div',
      { class: 'sample-scroll' },
      h(
        'table',
        { class: 'report-table sample-table' },
        h('thead', {}, h('tr', {}, ...names.map((name) => h('th', { scope: 'col', title: name }, name)))),
        h(
          'tbody',
          {},
          ...sample.map((row) =>
            h(
              'tr',
              {},
              ...names.map((name) => {
                const value = row[name];
                return value === null || value === undefined
                  ? h('td', { class: 'null-cell' }, 'null')
                  : h('td', { title: value }, value);
              }),
            ),
          ),
        ),
      ),
    ),
  );
}
