// The life of every report page: wait until the page (and Plotly) has loaded, show the saved
// or embedded report at once, send `ready`, then redraw on every `render` from the host and on
// every theme change. Each report only supplies how to draw its payload.
import type { HostToWebview, ReportKind, ReportPayload } from '../../src/protocol/webview';
import { h } from './dom';
import { connectToHost, type ReportHost } from './host';
import { purgeCharts } from './plotly';
import { onThemeChange } from './theme';

export interface RenderContext {
  host: ReportHost;
  /** An exported file in a plain browser: no Refresh, Export or actions. */
  standalone: boolean;
}

export interface ReportView<K extends ReportKind> {
  kind: K;
  /** Draws `report` into the emptied `root`; resolves when its charts are drawn. */
  render(report: Extract<ReportPayload, { kind: K }>, root: HTMLElement, context: RenderContext): Promise<void> | void;
  /**
   * Applies a message other than `render`/`error` (a live study's new trials) to what is on
   * screen, in place, and returns the report it makes; undefined when it is not for this report.
   */
  update?(
    message: Exclude<HostToWebview, { type: 'render' | 'error' }>,
    current: Extract<ReportPayload, { kind: K }>,
  ): Extract<ReportPayload, { kind: K }> | undefined;
  /**
   * What of the report the page keeps for a reload (default: all of it). A reload paints the
   * kept report at once and the host sends the full one again, so bulky parts can be left out.
   */
  persisted?(report: Extract<ReportPayload, { kind: K }>): Extract<ReportPayload, { kind: K }>;
}

const SAVE_EVERY_MS = 3000;

function whenLoaded(start: () => void): void {
  // Scripts after ours (plotly.js) have run by DOMContentLoaded.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}

function errorBanner(message: string): HTMLElement {
  return h('div', { class: 'report-error', role: 'alert' }, message);
}

export function startReport<K extends ReportKind>(view: ReportView<K>): void {
  type Payload = Extract<ReportPayload, { kind: K }>;
  const host = connectToHost();
  const context: RenderContext = { host, standalone: host.standalone };
  let current: Payload | undefined;
  let hostError: string | undefined;
  let renders = 0;
  let updates = 0;

  const isOurs = (report: ReportPayload | undefined): report is Payload => report?.kind === view.kind;
  // A state the page cannot keep (too large for its storage) must never stop it drawing.
  const keep = (report: Payload) => {
    try {
      host.saveState({ report: view.persisted ? view.persisted(report) : report });
    } catch (error) {
      host.post({ type: 'problem', message: `The report could not be kept for a reload: ${(error as Error).message}` });
    }
  };

  // Live updates come every second or two and a big study's state is megabytes: it is saved at
  // most every few seconds (the last one always), so a reload shows what was on screen then.
  let lastSave = 0;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const saveSoon = (report: Payload) => {
    clearTimeout(saveTimer);
    const save = () => {
      lastSave = Date.now();
      if (current !== report) return;
      keep(report);
      document.body.dataset.savedAt = report.generatedAt;
    };
    const wait = lastSave + SAVE_EVERY_MS - Date.now();
    if (wait <= 0) save();
    else saveTimer = setTimeout(save, wait);
  };

  async function draw(): Promise<void> {
    const root = document.getElementById('report');
    if (!root) return;
    purgeCharts(root);
    root.replaceChildren();
    if (hostError) root.append(errorBanner(hostError));
    if (!current) {
      root.append(
        h('p', { class: 'report-waiting' }, host.standalone ? 'This file holds no report.' : 'Computing the report…'),
      );
      return;
    }
    const body = h('div', { class: 'report-body' });
    root.append(body);
    try {
      await view.render(current, body, context);
      // A marker for tests and tools: which report is on screen, and how many times it was drawn.
      renders += 1;
      document.body.dataset.renderedAt = current.generatedAt;
      document.body.dataset.renderCount = String(renders);
      host.post({
        type: 'rendered',
        generatedAt: current.generatedAt,
        charts: body.querySelectorAll('.js-plotly-plot').length,
      });
    } catch (error) {
      const message = `The report could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
      root.prepend(errorBanner(message));
      host.post({ type: 'problem', message: `${message}\n${(error as Error)?.stack ?? ''}` });
    }
  }

  // A refused script, style or image means a report that silently lacks something: say so.
  document.addEventListener('securitypolicyviolation', (event) =>
    host.post({
      type: 'problem',
      message: `CSP refused ${event.blockedURI || 'inline code'} (${event.violatedDirective}): ${event.sample}`,
    }),
  );

  whenLoaded(() => {
    const initial = host.initialReport();
    if (isOurs(initial)) current = initial;
    void draw();
    host.onMessage((message) => {
      if (message.type !== 'error' && message.type !== 'render') {
        const next = current && view.update?.(message, current);
        if (!next) return;
        current = next;
        hostError = undefined;
        document.querySelector('#report > .report-error')?.remove();
        saveSoon(next);
        updates += 1;
        document.body.dataset.updateCount = String(updates);
        host.post({
          type: 'rendered',
          generatedAt: next.generatedAt,
          charts: document.querySelectorAll('#report .js-plotly-plot').length,
        });
        return;
      }
      if (message.type === 'error') {
        hostError = message.message;
      } else if (isOurs(message.report)) {
        current = message.report;
        hostError = undefined;
        clearTimeout(saveTimer);
        lastSave = Date.now();
        keep(message.report);
      } else {
        return;
      }
      void draw();
    });
    onThemeChange(() => void draw());
    host.post({ type: 'ready' });
  });
}
