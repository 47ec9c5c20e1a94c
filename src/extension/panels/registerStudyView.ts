// "Open Tuning Study": the study view on a study named by the caller (the end-of-tune message,
// the study view's own buttons) or picked from the studies under .mlcycle/studies, newest first.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { STUDIES_DIR } from '../../core/tuning/studyStore';
import { COMMANDS } from '../../protocol/commands';
import type { ProjectSummary, StudyReport } from '../../protocol/webview';
import type { Services } from '../services';
import type { ReportPanel } from './reportPanel';
import { StudyPanel } from './studyPanel';

interface StudyChoice extends vscode.QuickPickItem {
  id: string;
}

/** The studies of a project, newest first (ids start with their creation time). */
export async function listStudies(root: string): Promise<StudyChoice[]> {
  const dir = join(root, STUDIES_DIR);
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
  const choices: StudyChoice[] = [];
  for (const id of names) {
    try {
      const study = JSON.parse(await readFile(join(dir, id, 'study.json'), 'utf8')) as {
        created?: string;
        metrics?: string[];
        directions?: string[];
      };
      const objectives = (study.metrics ?? []).map((m, k) => `${study.directions?.[k] ?? ''} ${m}`.trim());
      choices.push({ id, label: id, description: objectives.join(', '), detail: study.created });
    } catch {
      // Not a study folder (or one being created): not offered.
    }
  }
  return choices.sort((a, b) => (b.detail ?? '').localeCompare(a.detail ?? '') || b.id.localeCompare(a.id));
}

export function registerStudyView(services: Services): vscode.Disposable[] {
  const { context, model, log } = services;
  const projectOf = async (): Promise<ProjectSummary> => {
    const snapshot = model.snapshot ?? (await model.refresh());
    const project = snapshot?.state.projectFile.project;
    if (!snapshot || !project) throw new Error('Open a valid ML project (mlcycle.yaml) first.');
    return { name: project.name, task: project.task, target: project.target, root: snapshot.root };
  };

  async function openStudy(argument?: unknown): Promise<ReportPanel<StudyReport> | undefined> {
    try {
      let studyId = typeof argument === 'string' && argument ? argument : undefined;
      if (!studyId) {
        const studies = await listStudies((await projectOf()).root);
        if (studies.length === 0) {
          void vscode.window.showInformationMessage(
            'ML Lifecycle: no tuning study yet — run "Tune Hyperparameters" first.',
          );
          return undefined;
        }
        const pick =
          studies.length === 1
            ? studies[0]
            : await vscode.window.showQuickPick(studies, { title: 'Open a tuning study', matchOnDescription: true });
        studyId = pick?.id;
      }
      if (!studyId) return undefined;
      return await StudyPanel.show(context.extensionUri, studyId, projectOf, log);
    } catch (error) {
      void vscode.window.showErrorMessage(`ML Lifecycle: ${(error as Error).message}`);
      return undefined;
    }
  }

  return [
    vscode.commands.registerCommand(COMMANDS.openStudy, openStudy),
    StudyPanel.registerSerializer(context.extensionUri, projectOf, log),
  ];
}
