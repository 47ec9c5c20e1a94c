// "Draft Expectations" and "Validate Data": the expectations document drafted from the training
// data's profile (a re-draft adds the entries of new columns, never over the user's text), and
// any dataset checked against it in the worker, with a record for the sidebar, diagnostics on
// the expectations at each failing expectation, the full report in the log, and a Markdown
// report one click away.
import { basename, extname, resolve } from 'node:path';
import * as vscode from 'vscode';
import type { ProjectFile } from '../../core/project/projectFile';
import { fingerprint, writeRecord } from '../../core/records';
import { draftExpectationsFile, type ExpectationsDraftOutcome } from '../../core/validation/draftExpectationsFile';
import type { CheckResult, ValidationResult } from '../../core/validation/expectationTypes';
import { validationRecord } from '../../core/validation/validationRecord';
import {
  formatValidationMarkdown,
  formatValidationText,
  summarizeValidation,
} from '../../core/validation/validationReport';
import { COMMANDS } from '../../protocol/commands';
import type { Services } from '../services';
import { requireTrust } from '../trust';
import { resolveMissingMarkers } from '../../core/project/missingValues';

const REPORT_SCHEME = 'mlcycle-validation';

interface Project {
  root: string;
  project: ProjectFile;
}

async function currentProject(services: Services): Promise<Project | undefined> {
  const snapshot = services.model.snapshot ?? (await services.model.refresh());
  const project = snapshot?.state.projectFile.project;
  if (snapshot && project) return { root: snapshot.root, project };
  void vscode.window.showErrorMessage('ML Lifecycle: open a valid ML project (mlcycle.yaml) first.');
  return undefined;
}

const exists = (path: string) =>
  vscode.workspace.fs.stat(vscode.Uri.file(path)).then(
    () => true,
    () => false,
  );

/** Unsaved edits in an editor: writing the file underneath them would set the user up for a conflict. */
function isDirtyInEditor(absolute: string): boolean {
  return vscode.workspace.textDocuments.some((d) => d.uri.scheme === 'file' && d.uri.fsPath === absolute && d.isDirty);
}

async function draftExpectationsCommand(services: Services): Promise<vscode.Uri | undefined> {
  const context = await currentProject(services);
  if (!context || !requireTrust('Drafting expectations profiles the data and writes a file')) return undefined;
  const { root, project } = context;
  const document = project.documents.expectations;
  if (isDirtyInEditor(resolve(root, document))) {
    void vscode.window.showErrorMessage(
      `ML Lifecycle: save ${document} first: re-drafting merges into the saved file.`,
    );
    return undefined;
  }
  let outcome: ExpectationsDraftOutcome | undefined;
  try {
    outcome = await draftExpectationsFile(root, project, {
      profile: (params) => services.jobs.run({ title: `Profiling ${project.datasets.train}`, job: 'profile', params }),
      beforeWrite: (file) => {
        if (isDirtyInEditor(file))
          throw new Error(`${document} was edited while the data was profiled: save it and draft again.`);
      },
    });
  } catch (error) {
    void vscode.window.showErrorMessage(`ML Lifecycle: ${(error as Error).message}`);
    return undefined;
  }
  if (!outcome) return undefined;
  const uri = vscode.Uri.file(outcome.absolute);
  await vscode.window.showTextDocument(uri, { preview: false });
  if (outcome.mode !== 'created') void vscode.window.showInformationMessage(outcome.message);
  await services.model.refresh();
  return uri;
}

interface ValidationTarget extends Project {
  file: string;
  /** The record's name: the dataset role, or the file's name for another file. */
  name: string;
}

async function resolveTarget(services: Services, argument: unknown): Promise<ValidationTarget | undefined> {
  const context = await currentProject(services);
  if (!context) return undefined;
  const datasets = Object.entries(context.project.datasets).filter(
    (e): e is [string, string] => typeof e[1] === 'string',
  );
  if (argument instanceof vscode.Uri) {
    const file = resolve(argument.fsPath);
    const role = datasets.find(([, path]) => resolve(context.root, path) === file)?.[0];
    return { ...context, file, name: role ?? basename(file, extname(file)).replace(/[^\w.-]+/g, '-') };
  }
  const role = typeof argument === 'string' && argument !== '' ? argument : 'train';
  const path = datasets.find(([r]) => r === role)?.[1];
  if (!path) {
    void vscode.window.showErrorMessage(
      `ML Lifecycle: mlcycle.yaml names no "${role}" dataset (it has: ${datasets.map(([r]) => r).join(', ')}).`,
    );
    return undefined;
  }
  return { ...context, file: resolve(context.root, path), name: role };
}

/** Diagnostics of the latest validation of each dataset, all on the expectations document. */
class ValidationDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('mlcycle-validation');
  private readonly byName = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
  // Once the expectations are edited, the results no longer describe them: drop the diagnostics.
  private readonly editing = vscode.workspace.onDidChangeTextDocument((event) => {
    if (event.contentChanges.length === 0) return;
    const uri = event.document.uri.toString();
    const stale = [...this.byName].filter(([, entry]) => entry.uri.toString() === uri).map(([name]) => name);
    if (stale.length === 0) return;
    for (const name of stale) this.byName.delete(name);
    this.render();
  });

  publish(name: string, expectations: vscode.Uri, data: vscode.Uri, result: ValidationResult): void {
    const diagnostics = result.results.filter((r) => r.status !== 'pass').map((r) => toDiagnostic(name, data, r));
    this.byName.set(name, { uri: expectations, diagnostics });
    this.render();
  }

  private render(): void {
    const byUri = new Map<string, vscode.Diagnostic[]>();
    for (const entry of this.byName.values())
      byUri.set(entry.uri.toString(), [...(byUri.get(entry.uri.toString()) ?? []), ...entry.diagnostics]);
    this.collection.clear();
    for (const [uri, list] of byUri) this.collection.set(vscode.Uri.parse(uri), list);
  }

  dispose(): void {
    this.editing.dispose();
    this.collection.dispose();
  }
}

function toDiagnostic(name: string, data: vscode.Uri, check: CheckResult): vscode.Diagnostic {
  const start = new vscode.Position(check.range.start.line - 1, check.range.start.column - 1);
  const end = new vscode.Position(check.range.end.line - 1, check.range.end.column - 1);
  const severity =
    check.status === 'skipped'
      ? vscode.DiagnosticSeverity.Information
      : check.severity === 'warning'
        ? vscode.DiagnosticSeverity.Warning
        : vscode.DiagnosticSeverity.Error;
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(start, end.isAfter(start) ? end : start.translate(0, 1)),
    `[${name}] ${check.message}`,
    severity,
  );
  diagnostic.source = 'ML Lifecycle validation';
  diagnostic.code = check.id;
  diagnostic.relatedInformation = check.examples
    .filter((e) => e.line !== undefined)
    .map(
      (e) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(data, new vscode.Position((e.line as number) - 1, 0)),
          `example: ${Object.entries(e.values)
            .map(([c, v]) => `${c} = ${v === null ? '(missing)' : JSON.stringify(v)}`)
            .join(', ')}`,
        ),
    );
  return diagnostic;
}

/** The Markdown reports, served to the preview from memory. */
class ReportDocuments implements vscode.TextDocumentContentProvider {
  private readonly reports = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(name: string, markdown: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${name}.md` });
    this.reports.set(uri.path, markdown);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.reports.get(uri.path) ?? '# No validation report\n\nRun "ML Lifecycle: Validate Data" first.\n';
  }
}

async function validateData(
  services: Services,
  diagnostics: ValidationDiagnostics,
  reports: ReportDocuments,
  argument: unknown,
): Promise<ValidationResult | undefined> {
  const target = await resolveTarget(services, argument);
  if (!target) return undefined;
  const { root, project, file, name } = target;
  const expectationsFile = resolve(root, project.documents.expectations);
  if (!(await exists(expectationsFile))) {
    const choice = await vscode.window.showErrorMessage(
      `ML Lifecycle: there are no expectations to validate against yet (${project.documents.expectations}).`,
      'Draft Expectations',
    );
    if (choice) await vscode.commands.executeCommand(COMMANDS.draftExpectations);
    return undefined;
  }
  const expectationsInput = await fingerprint(root, expectationsFile);
  const shown = vscode.workspace.asRelativePath(file, false);
  const result = await services.jobs.run({
    title: `Validating ${shown}`,
    job: 'validate',
    params: {
      path: file,
      root,
      expectationsFile: project.documents.expectations,
      missingValues: resolveMissingMarkers(project, root, file),
    },
  });
  if (!result) return undefined;
  await writeRecord(root, validationRecord(root, name, file, result, expectationsInput));
  diagnostics.publish(name, vscode.Uri.file(expectationsFile), vscode.Uri.file(file), result);
  services.log.appendLine(`[validate] ${formatValidationText(result)}`);
  const reportUri = reports.set(name, formatValidationMarkdown(result));
  void services.model.refresh();

  const summary = `${shown}: ${summarizeValidation(result)}.`;
  const notify = (text: string, button: string) =>
    result.outcome === 'fail'
      ? vscode.window.showErrorMessage(text, button)
      : result.counts.failed > 0
        ? vscode.window.showWarningMessage(text, button)
        : vscode.window.showInformationMessage(text, button);
  // Not awaited: the command returns its result while the notification waits for the user.
  void notify(summary, 'Show Report').then(
    (choice) => choice && vscode.commands.executeCommand('markdown.showPreviewToSide', reportUri),
  );
  return result;
}

export function registerValidationCommands(services: Services): vscode.Disposable[] {
  const diagnostics = new ValidationDiagnostics();
  const reports = new ReportDocuments();
  return [
    diagnostics,
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports),
    vscode.commands.registerCommand(COMMANDS.draftExpectations, () => draftExpectationsCommand(services)),
    vscode.commands.registerCommand(COMMANDS.validateData, (argument?: unknown) =>
      validateData(services, diagnostics, reports, argument),
    ),
  ];
}
