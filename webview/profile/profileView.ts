// The EDA report of one dataset: overview and alerts first, then a section per column, the
// correlations, missing values, duplicates, a sample of rows and the target. The layout is
// built at once; charts are drawn as they scroll into view (lazyCharts.ts).
import type { ProfileReport } from '../../src/protocol/webview';
import { h } from '../shared/dom';
import { formatBytes, shortHash } from '../shared/format';
import { reportHeader } from '../shared/header';
import type { RenderContext, ReportView } from '../shared/report';
import { alertsByColumn, sortAlerts } from './alertKinds';
import { ColumnList, columnListState } from './columnList';
import { correlationsSection } from './correlationsSection';
import { duplicatesSection } from './duplicatesSection';
import { LazyCharts } from './lazyCharts';
import { missingSection } from './missingSection';
import { overviewSection } from './overviewSection';
import { scrollToSection } from './profileDom';
import { adoptProfileStyles } from './profileStyles';
import { sampleSection } from './sampleSection';
import { targetSection } from './targetSection';

/** The charts of the report on screen; replaced (and stopped) at every redraw. */
let charts: LazyCharts | undefined;
/** Where the reader was, to come back there when the same profile is redrawn (a theme change). */
let shownSource: string | undefined;
let scrollY = 0;
let trackingScroll = false;

function trackScroll(): void {
  if (trackingScroll) return;
  trackingScroll = true;
  window.addEventListener('scroll', () => (scrollY = window.scrollY), { passive: true });
}

function navigation(sections: readonly HTMLElement[]): HTMLElement {
  return h(
    'nav',
    { class: 'profile-nav', 'aria-label': 'Sections of the report' },
    ...sections.map((section) => {
      const id = section.id.replace(/^profile-/, '');
      const title = section.querySelector('h2')?.textContent ?? id;
      const link = h('a', { href: `#${section.id}`, 'data-section': id }, title);
      // In-page links are handled here: a webview may treat a bare fragment as navigation.
      link.addEventListener('click', (event) => {
        event.preventDefault();
        scrollToSection(id);
      });
      return link;
    }),
  );
}

function headerFacts(report: ProfileReport): HTMLElement {
  const { source, elapsedMs } = report.profile;
  const parts: Array<Node | string> = [];
  if (report.role) parts.push(`${report.role} dataset · `);
  parts.push(
    h('code', {}, source.path),
    ` · ${source.format.toUpperCase()}${source.decimalSeparator === ',' ? ' (decimal comma)' : ''} · ${formatBytes(source.sizeBytes)} · `,
    h('code', { title: `SHA-256 ${source.sha256}` }, shortHash(source.sha256)),
  );
  parts.push(
    report.cached
      ? ' · unchanged since profiled (from the cache)'
      : ` · profiled in ${(elapsedMs / 1000).toFixed(1)} s`,
  );
  return h('p', { class: 'report-facts' }, ...parts);
}

export const profileView: ReportView<'profile'> = {
  kind: 'profile',
  async render(report: ProfileReport, root: HTMLElement, context: RenderContext) {
    adoptProfileStyles();
    trackScroll();
    const savedScroll = scrollY;
    charts?.dispose();
    const lazy = new LazyCharts((message) => context.host.post({ type: 'problem', message }));
    charts = lazy;

    const { profile } = report;
    // Another file: the search and sort chosen for the previous one do not apply to it.
    const source = `${report.project.root}\n${profile.source.path}`;
    if (shownSource !== undefined && source !== shownSource)
      Object.assign(columnListState, { query: '', sort: 'file' });
    const fileName = profile.source.path.split(/[\\/]/).pop() ?? profile.source.path;
    const sortedAlerts = sortAlerts(
      profile.alerts,
      profile.columns.map((c) => c.name),
    );
    const columns = new ColumnList(profile, alertsByColumn(profile.alerts), lazy);
    const jumpToColumn = (name: string) => void columns.jumpTo(name);
    const sections = [
      overviewSection(
        profile,
        sortedAlerts,
        { toColumn: jumpToColumn, toSection: scrollToSection },
        report.omitted ?? [],
      ),
      columns.element,
      correlationsSection(profile.correlations, lazy, jumpToColumn, profile.pairwiseLimits),
      missingSection(profile, lazy, jumpToColumn),
      duplicatesSection(profile),
      sampleSection(profile),
      targetSection(profile, profile.alerts, lazy, jumpToColumn),
    ].filter((s): s is HTMLElement => s !== null);

    root.append(
      reportHeader(`${fileName}: data profile`, report.generatedAt, context, headerFacts(report)),
      navigation(sections),
      ...sections,
    );

    // The same file drawn again (theme change, refresh): stay where the reader was.
    window.scrollTo(0, source === shownSource ? savedScroll : 0);
    shownSource = source;
    await lazy.visibleDrawn();
  },
};
