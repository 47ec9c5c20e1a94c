// "How to do this" pages: a read-only markdown document per lifecycle item, telling the
// practice, how the sidebar decides its status, and what to do next.
import * as vscode from 'vscode';
import { findItem } from '../../core/lifecycle/checklist';
import { PHASES } from '../../core/lifecycle/model';
import type { ProjectModel } from '../project/projectModel';

export const HELP_SCHEME = 'mlcycle-help';

export function helpUri(itemId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: HELP_SCHEME, path: `/${itemId}.md` });
}

export class ItemHelpProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly model: ProjectModel) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = uri.path.replace(/^\//, '').replace(/\.md$/, '');
    const item = findItem(id);
    if (!item) return `# Unknown lifecycle item\n\n\`${id}\` is not an item of the ML lifecycle.`;
    const phase = PHASES.find((p) => p.id === item.phase)?.title ?? item.phase;
    const view = this.model.snapshot?.phases.flatMap((p) => p.items).find((i) => i.id === id);
    const lines = [
      `# ${item.title}`,
      `*${phase}*`,
      '',
      '## The practice',
      item.practice,
      '',
      '## How ML Lifecycle knows',
      item.evidence,
    ];
    if (view) {
      lines.push('', '## Now', `**${view.status}**: ${view.detail}`, '', `Next step: **${view.action.label}**.`);
    }
    if (item.confirmable) {
      lines.push(
        '',
        'No file can prove this practice: confirm it with **Record decision** in the sidebar. The decision (who, when, why) is written to the decisions document, kept in git.',
      );
    }
    lines.push(
      '',
      'Any item that does not apply to this project can be marked *not applicable* from its context menu, with a reason that is recorded the same way.',
    );
    return lines.join('\n');
  }
}
