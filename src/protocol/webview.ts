// The one typed contract between the extension host's report panels (src/extension/panels/)
// and the browser bundles that render them (webview/). Both sides import these types, and both
// check incoming messages with the guards below: a webview is another program, its messages
// are data to validate, not trusted calls. Payloads are summaries only, never raw data rows.
import type { CalibrationCurve, Curve } from '../core/model/evaluation/evaluationTypes';
import type { RunData } from '../core/model/runTypes';
import type { SplitSpec } from '../core/model/specTypes';
import type { ExplanationPlots, WaterfallRow } from '../core/explain/plotTypes';
import type { DatasetProfile } from '../core/profile/profileTypes';
import type { TrialRow } from '../core/tuning/studyRows';
import type { StudySummary } from '../core/tuning/studySummary';

/** A checklist item's status, derived from the project's files. */
export type ItemStatus = 'missing' | 'stale' | 'passing' | 'failing' | 'na';

/** Display order of statuses (best first), shared by charts, legends and lists. */
export const ITEM_STATUSES: readonly ItemStatus[] = ['passing', 'failing', 'stale', 'missing', 'na'];

export interface DatasetInspection {
  rows: number;
  columns: number;
  sizeBytes: number;
  /** Hex SHA-256 of the file's bytes; the report shows a short prefix. */
  sha256: string;
  /** ISO 8601. */
  inspectedAt: string;
  /** The file changed since it was inspected. */
  stale: boolean;
}

export interface OverviewDataset {
  role: string;
  /** Relative to the project root, as written in mlcycle.yaml. */
  path: string;
  exists: boolean;
  inspection?: DatasetInspection;
}

export interface OverviewItem {
  id: string;
  title: string;
  status: ItemStatus;
  detail: string;
  /** An `mlcycle.*` command the item's "act" button runs. */
  command?: string;
  /** JSON arguments for `command` (for example the item id). */
  commandArgs?: unknown[];
}

export interface OverviewPhase {
  id: string;
  title: string;
  items: OverviewItem[];
}

export interface ProjectSummary {
  name: string;
  task: 'classification' | 'regression';
  target: string;
  /** Absolute path of the folder holding mlcycle.yaml. */
  root: string;
}

/** What every report carries: titles, export file names and the "computed at" line use it. */
export interface ReportBase {
  kind: string;
  /** ISO 8601. */
  generatedAt: string;
  project: ProjectSummary;
}

export interface OverviewReport extends ReportBase {
  kind: 'overview';
  datasets: OverviewDataset[];
  phases: OverviewPhase[];
}

/** The EDA report of one dataset: its profile (summaries only, see profileTypes.ts). */
export interface ProfileReport extends ReportBase {
  kind: 'profile';
  /** The project's dataset role (train, holdout, current) when the file is one of them. */
  role?: string;
  /** The profile came from the cache: the file is byte for byte the one profiled then. */
  cached?: boolean;
  /** What was left out to keep the payload small, one sentence each (the record has it all). */
  omitted?: string[];
  profile: DatasetProfile;
}

/** A run record as the evaluation report shows it: the record's data without the full spec, which stays in the record. */
export interface EvaluationRun extends Omit<RunData, 'spec'> {
  /** The record's createdAt (ISO 8601). */
  createdAt: string;
  /** The record's path, relative to the project root. */
  recordPath: string;
  /** What of the spec the header names. */
  split: Pick<SplitSpec, 'kind' | 'folds' | 'holdoutFraction'>;
  data: { train: string; holdout?: string };
}

/** A model's newest explanation (mlcycle explain, "Explain Model") as the evaluation report shows it. */
export interface EvaluationExplanation {
  model: string;
  /** The data file explained, and when. */
  data: string;
  createdAt: string;
  recordPath: string;
  method: string;
  methodNote: string;
  rows: number;
  additivityError: number;
  /** The plots' summary; missing (with `problem`) when its file is gone or unreadable. */
  plots?: ExplanationPlots;
  problem?: string;
}

/** The evaluation report of one training run: every model against the baseline, and the chosen model in depth. */
export interface EvaluationReport extends ReportBase {
  kind: 'evaluation';
  run: EvaluationRun;
  /** Set when a model was evaluated on another labelled file (Evaluate Model on Dataset): its model shows that evaluation. */
  evaluatedOn?: { model: string; data: string; recordPath: string };
  /** The model to show in detail when the report opens (default: the evaluated one, else the best). */
  focusModel?: string;
  /** The model the explanation section is about (focus, evaluated, else best). */
  explanationFor?: string;
  /** Its newest explanation, if it was explained. */
  explanation?: EvaluationExplanation;
  /** The run's other models that have an explanation (the report can be opened on them). */
  explainedModels?: string[];
  /** What was left out to keep the payload small, one sentence each (the record has it all). */
  omitted?: string[];
}

/** One model of a compared run: its metrics (holdout, else the cross-validated mean). */
export interface CompareModel {
  name: string;
  kind: string;
  baseline: boolean;
  metrics: Record<string, number>;
  /** Where `metrics` come from. */
  on: 'holdout' | 'cv';
  error?: string;
}

/** One run of the comparison: its models, and the curves of its best model. */
export interface CompareRun {
  runId: string;
  createdAt: string;
  task: 'classification' | 'regression';
  primaryMetric: string;
  bestModel: string;
  kpisPass?: boolean;
  models: CompareModel[];
  /** Classification: ROC and PR curves (one per class, or the positive class) of the best model. */
  roc?: Curve[];
  pr?: Curve[];
  calibration?: CalibrationCurve[];
  /** Regression: a sample of the best model's predicted-vs-actual points. */
  points?: { actual: number[]; predicted: number[] };
}

/** Two or more runs side by side. */
export interface CompareReport extends ReportBase {
  kind: 'compare';
  runs: CompareRun[];
  omitted?: string[];
}

/** What the study view knows of a study besides its trials. */
export interface StudyStatus {
  /** A process holds the study's lock: trials are being run now. */
  running: boolean;
  /** The trial promoted into a run, from the study's record. */
  promoted?: { trial: number; runId: string; at: string };
  /** What the loader repaired or migrated (a torn last line, an older format). */
  notices: string[];
}

/** A tuning study: its summary (capped charts data) and every trial's table row. */
export interface StudyReport extends ReportBase {
  kind: 'study';
  summary: StudySummary;
  /** Every trial's row; a live panel then sends only the rows that changed (`study-update`). */
  rows: TrialRow[];
  status: StudyStatus;
}

/** One row of a data file explained ("Explain Prediction"): its waterfall and its values. */
export interface PredictionReport extends ReportBase {
  kind: 'prediction';
  runId: string;
  model: string;
  /** The data file, relative to the root. */
  data: string;
  method: string;
  methodNote: string;
  outputKind: string;
  outputNames: string[];
  base: number[];
  row: WaterfallRow;
  /** Sampling estimators: the standard error of each column's contribution, per output (row.columns' order). */
  standardErrors?: number[][];
  additivityError: number;
  notices: string[];
}

/** Every report a panel can show, by `kind`. Later issues add drift. */
export type ReportPayload =
  OverviewReport | ProfileReport | EvaluationReport | CompareReport | StudyReport | PredictionReport;
export type ReportKind = ReportPayload['kind'];
export const REPORT_KINDS: readonly ReportKind[] = [
  'overview',
  'profile',
  'evaluation',
  'compare',
  'study',
  'prediction',
];

/**
 * A live study panel's update: the new summary and only the rows that changed since the last
 * render or update (new trials, finished ones). The page merges them into what it shows.
 */
export interface StudyUpdate {
  type: 'study-update';
  studyId: string;
  generatedAt: string;
  summary: StudySummary;
  rows: TrialRow[];
  status: StudyStatus;
}

/** Webview → host. The webview sends `ready` before the host posts anything. */
export type WebviewToHost =
  | { type: 'ready' }
  /** Run an `mlcycle.*` command (the host refuses any other id). */
  | { type: 'command'; command: string; args?: unknown[] }
  /** Recompute the report from the project's current state. */
  | { type: 'refresh' }
  /** Save the report as one self-contained HTML file. */
  | { type: 'export' }
  /** The page drew the report computed at `generatedAt`, with `charts` Plotly charts. */
  | { type: 'rendered'; generatedAt: string; charts: number }
  /** Something went wrong in the page (a CSP violation, a drawing error): the host logs it. */
  | { type: 'problem'; message: string };

/** Host → webview. */
export type HostToWebview =
  | { type: 'render'; report: ReportPayload }
  | StudyUpdate
  /** The report could not be computed; the webview keeps what it shows and says why. */
  | { type: 'error'; message: string };

/** What a webview keeps with `vscode.setState`, so a reload or a restored panel renders at once. */
export interface WebviewState {
  report: ReportPayload;
}

/** Id of the `<script type="application/json">` that carries the report in an exported file. */
export const EMBEDDED_REPORT_ID = 'mlcycle-report-data';

/** The prefix every command a webview may ask for must carry. */
export const WEBVIEW_COMMAND_PREFIX = 'mlcycle.';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isReportPayload(value: unknown): value is ReportPayload {
  return isObject(value) && (REPORT_KINDS as readonly unknown[]).includes(value.kind);
}

export function isWebviewToHost(value: unknown): value is WebviewToHost {
  if (!isObject(value)) return false;
  switch (value.type) {
    case 'ready':
    case 'refresh':
    case 'export':
      return true;
    case 'problem':
      return typeof value.message === 'string';
    case 'rendered':
      return typeof value.generatedAt === 'string' && typeof value.charts === 'number';
    case 'command':
      return (
        typeof value.command === 'string' &&
        value.command.startsWith(WEBVIEW_COMMAND_PREFIX) &&
        (value.args === undefined || Array.isArray(value.args))
      );
    default:
      return false;
  }
}

export function isHostToWebview(value: unknown): value is HostToWebview {
  if (!isObject(value)) return false;
  if (value.type === 'render') return isReportPayload(value.report);
  if (value.type === 'error') return typeof value.message === 'string';
  if (value.type === 'study-update')
    return (
      typeof value.studyId === 'string' &&
      typeof value.generatedAt === 'string' &&
      isObject(value.summary) &&
      Array.isArray(value.rows) &&
      isObject(value.status)
    );
  return false;
}

export function isWebviewState(value: unknown): value is WebviewState {
  return isObject(value) && isReportPayload(value.report);
}
