// The study view's own styles (the trial table's fixed-height rows and scroll box, the action
// bar), adopted as a constructed stylesheet like the other reports' (no inline styles under the
// panel's policy). Colors come only from the theme's --vscode-* variables.
import { ROW_HEIGHT } from './trialTable';

const CSS = `
.study-actions { padding: 6px 0; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border)); }
.study-actions .extend-by { width: 7em; }
.toolbar-group.grow { flex: 1 1 18em; }
.toolbar-group.grow vscode-textfield { width: 100%; }
.trial-count { color: var(--vscode-descriptionForeground); font-variant-numeric: tabular-nums; }
.trial-scroll {
  height: min(60vh, 520px); overflow: auto; contain: strict;
  border: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border));
}
.trial-table { border-collapse: collapse; width: max-content; min-width: 100%; margin: 0; }
.trial-table thead th {
  position: sticky; top: 0; z-index: 2; text-align: left;
  background-color: var(--vscode-editor-background);
  box-shadow: inset 0 -1px 0 var(--vscode-panel-border, var(--vscode-editorWidget-border));
}
.trial-table th.num, .trial-table td.num { text-align: right; font-variant-numeric: tabular-nums; }
.trial-table td, .trial-table th { height: ${ROW_HEIGHT}px; padding: 0 8px; box-sizing: border-box; white-space: nowrap; }
.trial-table tr.spacer, .trial-table tr.spacer td { padding: 0; border: 0; height: 0; }
.trial-table tbody tr[data-trial] { cursor: pointer; }
.trial-table tbody tr[data-trial]:hover td { background-color: var(--vscode-list-hoverBackground); }
.trial-table tr.selected-row td {
  background-color: var(--vscode-list-activeSelectionBackground, var(--vscode-list-hoverBackground));
  color: var(--vscode-list-activeSelectionForeground, var(--vscode-foreground));
}
.trial-table tr.state-failed td { color: var(--vscode-errorForeground); }
.trial-table tr.state-pruned td { color: var(--vscode-descriptionForeground); }
.trial-table tr.state-running td { font-style: italic; }
.sort-button { font-weight: 600; }
.study-facts .chip { margin-right: 6px; }
@media print { .study-actions, .trial-table-box .toolbar { display: none; } .trial-scroll { height: auto; contain: none; } }
`;

let adopted = false;

export function adoptStudyStyles(): void {
  if (adopted) return;
  adopted = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
