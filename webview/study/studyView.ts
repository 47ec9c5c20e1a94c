// The tuning study view: the study's state and actions (Stop, Resume, Extend by N trials,
// Promote the best or the selected trial, each a command the host runs), then its charts and
// the trial table. A live update (`study-update`) redraws the charts in place with Plotly.react
// and merges the changed rows into the table, keeping its sort, filter, scroll and selection.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { TrialRow } from '../../src/core/tuning/studyRows';
import type { StudySummary } from '../../src/core/tuning/studySummary';
import { COMMANDS } from '../../src/protocol/commands';
import type { StudyReport, StudyStatus, StudyUpdate } from '../../src/protocol/webview';
import { custom, h } from '../shared/dom';
import { reportHeader } from '../shared/header';
import type { RenderContext, ReportView } from '../shared/report';
import { ChartTracker, chip, note, section, select } from '../evaluation/evaluationDom';
import { adoptEvaluationStyles } from '../evaluation/evaluationStyles';
import { drawContour, drawImportance, drawSlices } from './paramCharts';
import { drawParallel } from './parallelChart';
import { drawEdf, drawHistory, drawIntermediate, drawPareto, num } from './studyCharts';
import { adoptStudyStyles } from './studyStyles';
import { DEFAULT_QUERY, type TableQuery } from './tableModel';
import { TrialTable } from './trialTable';

/** What the user chose; kept across redraws (a theme change, a new render). */
const ui: { query: TableQuery; selected: { number?: number }; objective: number; extendBy: string } = {
  query: { ...DEFAULT_QUERY },
  selected: {},
  objective: 0,
  extendBy: '20',
};

interface Slot {
  container: HTMLElement;
  missing: HTMLElement;
  available: (s: StudySummary) => string | undefined;
  draw: (container: HTMLElement, s: StudySummary) => Promise<void>;
}

interface Live {
  studyId: string;
  summary: StudySummary;
  status: StudyStatus;
  rows: Map<number, TrialRow>;
  table: TrialTable;
  charts: ChartTracker;
  slots: Slot[];
  facts: HTMLElement;
  actions?: Actions;
}

interface Actions {
  stop: HTMLElement & { disabled: boolean };
  resume: HTMLElement & { disabled: boolean };
  extend: HTMLElement & { disabled: boolean };
  promote: HTMLElement & { disabled: boolean };
  extendBy: HTMLElement & { value: string };
}

let live: Live | undefined;

function button(action: string, label: string, title: string, primary = false): HTMLElement & { disabled: boolean } {
  return custom('vscode-button', { 'data-action': action, title, secondary: !primary }, label) as HTMLElement & {
    disabled: boolean;
  };
}

function factsOf(summary: StudySummary, status: StudyStatus): Node[] {
  const c = summary.counts;
  const best = summary.best
    ? `best ${summary.metrics[0]} ${num(summary.best.values[0])} (trial ${summary.best.number})`
    : summary.pareto
      ? `${summary.pareto.frontNumbers.length} trials on the Pareto front`
      : 'no complete trial yet';
  return [
    h(
      'p',
      { class: 'report-facts' },
      status.running ? chip('running', 'info', 'A process holds the study and runs trials now') : chip('idle', 'info'),
      ` ${summary.total} trials: ${c.complete} complete, ${c.pruned} pruned, ${c.failed} failed, ${c.running} running · `,
      summary.directions.map((d, k) => `${d} ${summary.metrics[k]}`).join(', '),
      ` · ${best}`,
    ),
    ...(status.promoted
      ? [
          h(
            'p',
            { class: 'report-facts', 'data-promoted': status.promoted.trial },
            `Trial ${status.promoted.trial} was promoted into run `,
            h('code', {}, status.promoted.runId),
            '.',
          ),
        ]
      : []),
    ...status.notices.map((n) => note(n)),
  ];
}

function selectedRow(): TrialRow | undefined {
  return ui.selected.number === undefined ? undefined : live?.rows.get(ui.selected.number);
}

function refreshActions(): void {
  const a = live?.actions;
  if (!live || !a) return;
  const running = live.status.running;
  a.stop.disabled = !running;
  a.resume.disabled = running;
  a.extend.disabled = running;
  const row = selectedRow();
  if (row) {
    a.promote.textContent = `Promote trial ${row.number}`;
    a.promote.disabled = row.state !== 'complete';
    a.promote.title =
      row.state === 'complete'
        ? `Write trial ${row.number}'s parameters into the spec and train it`
        : `Trial ${row.number} is ${row.state}`;
  } else {
    a.promote.textContent = 'Promote best trial';
    a.promote.disabled = !live.summary.best;
    a.promote.title = live.summary.best
      ? `Write trial ${live.summary.best.number}'s parameters into the spec and train it`
      : 'Select a complete trial in the table (several objectives have no single best)';
  }
}

function actionBar(context: RenderContext, studyId: string): { bar: HTMLElement; actions: Actions } {
  const post = (command: string, ...args: unknown[]) => context.host.post({ type: 'command', command, args });
  const stop = button('stop', 'Stop', 'Stop the study; its finished trials are kept');
  const resume = button('resume', 'Resume', 'Run the rest of the study’s budget');
  const extend = button('extend', 'Extend', 'Run this many more trials');
  const promote = button('promote', 'Promote best trial', '', true);
  const extendBy = custom('vscode-textfield', {
    id: 'extend-by',
    type: 'number',
    min: 1,
    max: 100000,
    value: ui.extendBy,
    'aria-label': 'Trials to add',
    class: 'extend-by',
  }) as HTMLElement & { value: string };
  const invalid = h('span', { class: 'error-text', role: 'alert', hidden: true });
  extendBy.addEventListener('input', () => (ui.extendBy = extendBy.value));
  stop.addEventListener('click', () => !stop.disabled && post(COMMANDS.stopStudy, studyId));
  resume.addEventListener('click', () => !resume.disabled && post(COMMANDS.tuneHyperparameters, { resume: studyId }));
  extend.addEventListener('click', () => {
    if (extend.disabled) return;
    const n = Number(extendBy.value);
    const ok = Number.isInteger(n) && n >= 1 && n <= 100000;
    invalid.hidden = ok;
    invalid.textContent = ok ? '' : 'Give a whole number of trials from 1 to 100000.';
    if (ok) post(COMMANDS.tuneHyperparameters, { resume: studyId, trials: n });
  });
  promote.addEventListener('click', () => {
    if (promote.disabled) return;
    const row = selectedRow();
    if (row) post(COMMANDS.promoteTrial, studyId, row.number);
    else post(COMMANDS.promoteTrial, studyId);
  });
  const bar = h(
    'div',
    { class: 'toolbar study-actions' },
    stop,
    resume,
    h('span', { class: 'toolbar-group' }, extend, 'by', extendBy, 'trials'),
    promote,
    invalid,
  );
  return { bar, actions: { stop, resume, extend, promote, extendBy } };
}

function slot(kind: string, label: string, available: Slot['available'], drawer: Slot['draw']): Slot {
  const container = h('div', { class: 'chart', 'data-chart': kind, role: 'img', 'aria-label': label });
  return { container, missing: note(''), available, draw: drawer };
}

/** Charts a live update skipped because they were off screen, drawn when scrolled to. */
const stale = new Map<HTMLElement, () => void>();
let observer: IntersectionObserver | undefined;

function onScreen(element: HTMLElement): boolean {
  const r = element.getBoundingClientRect();
  return r.bottom >= 0 && r.top <= window.innerHeight && r.width > 0;
}

function whenVisible(container: HTMLElement, drawNow: () => void): void {
  observer ??= new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const pending = entry.isIntersecting && stale.get(entry.target as HTMLElement);
      if (!pending) continue;
      stale.delete(entry.target as HTMLElement);
      observer!.unobserve(entry.target);
      pending();
    }
  });
  stale.set(container, drawNow);
  container.dataset.stale = 'true';
  observer.observe(container);
}

/**
 * Draws a slot, or says why it cannot. `lazy` (a live update): a chart off screen is only
 * marked stale and drawn once scrolled to, so a big study's updates redraw what is seen.
 */
function drawSlot(s: Slot, summary: StudySummary, charts: ChartTracker, lazy = false): void {
  const why = s.available(summary);
  s.missing.hidden = !why;
  s.missing.textContent = why ?? '';
  s.container.hidden = !!why;
  stale.delete(s.container);
  delete s.container.dataset.stale;
  if (why) {
    window.Plotly?.purge(s.container);
    return;
  }
  const drawNow = () => {
    delete s.container.dataset.stale;
    charts.run(s.container, (c) => s.draw(c, summary));
  };
  if (lazy && !onScreen(s.container)) whenVisible(s.container, drawNow);
  else drawNow();
}

function card(title: string, s: Slot, ...extra: Array<Node | null>): HTMLElement {
  return h('div', { class: 'chart-card' }, h('h3', {}, title), ...extra, s.missing, s.container);
}

function objectivePicker(summary: StudySummary, redraw: () => void): HTMLElement | null {
  if (summary.metrics.length < 2) return null;
  return h(
    'div',
    { class: 'toolbar' },
    select(
      'study-objective',
      'Objective',
      summary.metrics.map((m, k) => ({ value: String(k), label: `${m} (${summary.directions[k]})` })),
      String(ui.objective),
      (value) => {
        const k = Number(value);
        if (!Number.isInteger(k) || k < 0 || k >= summary.metrics.length) return;
        ui.objective = k;
        redraw();
      },
    ),
  );
}

function mergedReport(current: StudyReport, message: StudyUpdate, rows: Map<number, TrialRow>): StudyReport {
  return {
    ...current,
    generatedAt: message.generatedAt,
    summary: message.summary,
    status: message.status,
    rows: [...rows.values()].sort((a, b) => a.number - b.number),
  };
}

export const studyView: ReportView<'study'> = {
  kind: 'study',
  async render(report: StudyReport, root: HTMLElement, context: RenderContext) {
    adoptEvaluationStyles();
    adoptStudyStyles();
    const summary = report.summary;
    if (live?.studyId !== summary.studyId) {
      ui.selected = {};
      ui.objective = 0;
    }
    if (ui.objective >= summary.metrics.length) ui.objective = 0;
    const charts = new ChartTracker((message) => context.host.post({ type: 'problem', message }));
    for (const element of stale.keys()) observer?.unobserve(element);
    stale.clear();
    const k = () => ui.objective;
    const rows = new Map(report.rows.map((r) => [r.number, r]));
    const table = new TrialTable(ui.query, ui.selected, () => refreshActions());
    const few = (s: StudySummary) => (s.counts.complete === 0 ? 'No complete trial yet.' : undefined);
    const slots = {
      history: slot('history', 'Optimisation history', few, (c, s) => drawHistory(c, s, k())),
      importance: slot(
        'importance',
        'Parameter importance (PED-ANOVA)',
        (s) => (s.importance.params.length === 0 ? 'Too few complete trials to rank the parameters yet.' : undefined),
        (c, s) => drawImportance(c, s),
      ),
      parallel: slot(
        'parallel',
        'Parallel coordinates',
        (s) => few(s) ?? (s.params.length === 0 ? 'The study has no parameters.' : undefined),
        (c, s) => drawParallel(c, s, k()),
      ),
      slices: slot(
        'slices',
        'Slice plots',
        (s) => few(s) ?? (s.params.length === 0 ? 'The study has no parameters.' : undefined),
        (c, s) => drawSlices(c, s, k()),
      ),
      contour: slot(
        'contour',
        'Contour of the two most important parameters',
        (s) =>
          s.contour && s.contour.xs.length > 1 && s.contour.ys.length > 1
            ? undefined
            : 'Needs two ranked parameters that take more than one value.',
        (c, s) => drawContour(c, s),
      ),
      edf: slot('edf', 'Empirical distribution of the objective values', few, (c, s) => drawEdf(c, s, k())),
      intermediate: slot(
        'intermediate',
        'Intermediate values',
        (s) => (s.intermediate.length === 0 ? 'No trial reported intermediate values.' : undefined),
        (c, s) => drawIntermediate(c, s),
      ),
      pareto: slot(
        'pareto',
        'Pareto front',
        (s) => (s.pareto && s.counts.complete > 0 ? undefined : 'No complete trial yet.'),
        (c, s) => drawPareto(c, s),
      ),
    };
    const all = Object.values(slots).filter((s) => s !== slots.pareto || summary.pareto);
    const facts = h('div', { class: 'study-facts' }, ...factsOf(summary, report.status));
    live = {
      studyId: summary.studyId,
      summary,
      status: report.status,
      rows,
      table,
      charts,
      slots: all,
      facts,
    };
    const redrawObjective = () => {
      for (const s of [slots.history, slots.parallel, slots.slices, slots.edf]) drawSlot(s, live!.summary, charts);
    };
    const header = reportHeader(`Tuning study ${summary.studyId}`, report.generatedAt, context, facts);
    let bar: HTMLElement | null = null;
    if (!context.standalone) {
      const made = actionBar(context, summary.studyId);
      bar = made.bar;
      live.actions = made.actions;
    }
    const omitted = summary.omitted.length ? note(`Capped to stay fast: ${summary.omitted.join(' ')}`) : null;
    root.append(
      header,
      ...(bar ? [bar] : []),
      section(
        'history',
        'Optimisation history',
        objectivePicker(summary, redrawObjective),
        card('Value of each trial and the best so far (stages shaded)', slots.history),
        omitted,
      ),
      section(
        'params',
        'Parameters',
        h(
          'div',
          { class: 'charts-grid' },
          card('Importance (PED-ANOVA)', slots.importance, note(importanceNote(summary))),
          card('Contour', slots.contour, note(contourNote(summary))),
        ),
        card('Parallel coordinates', slots.parallel),
        card('Slices (objective against each parameter, most important first)', slots.slices),
      ),
      section(
        'values',
        'Values',
        h(
          'div',
          { class: 'charts-grid' },
          card('Empirical distribution (EDF)', slots.edf),
          card('Intermediate values (pruned trials dashed)', slots.intermediate),
        ),
        summary.pareto ? card('Pareto front', slots.pareto) : null,
      ),
      section(
        'trials',
        'Trials',
        note('Click a row to select its trial for Promote; click a header to sort.'),
        table.element,
      ),
    );
    for (const s of all) drawSlot(s, summary, charts);
    table.setData(report.rows, summary.metrics, summary.params);
    refreshActions();
    await charts.settled();
  },

  update(message, current) {
    if (message.type !== 'study-update' || !live || message.studyId !== live.studyId) return undefined;
    for (const row of message.rows) live.rows.set(row.number, row);
    live.summary = message.summary;
    live.status = message.status;
    live.facts.replaceChildren(...factsOf(message.summary, message.status));
    for (const s of live.slots) drawSlot(s, message.summary, live.charts, true);
    const next = mergedReport(current, message, live.rows);
    live.table.setData(next.rows, message.summary.metrics, message.summary.params);
    refreshActions();
    return next;
  },
};

function importanceNote(s: StudySummary): string {
  return `${s.importance.method} (Watanabe et al. 2023): how differently each parameter is distributed in the best 10% of complete trials (by ${s.metrics[0]}) than in all of them, as a share of the total.`;
}

function contourNote(s: StudySummary): string {
  return s.contour
    ? `Mean ${s.metrics[0]} per cell of ${s.contour.x} × ${s.contour.y}; dots are trials.`
    : 'The two most important parameters, once there are enough trials.';
}
