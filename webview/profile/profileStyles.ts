// The profile report's own styles, adopted as a constructed stylesheet: the panel's policy
// allows no inline styles, but a stylesheet our trusted bundle builds is not markup anyone can
// inject (the same mechanism the @vscode-elements components use). Colors come only from the
// theme's --vscode-* variables, like media/report.css.

const CSS = `
/* Search and the alert list hide with the attribute; a display rule must not bring them back. */
[hidden] { display: none !important; }

.profile-nav {
  position: sticky; top: 0; z-index: 5;
  display: flex; flex-wrap: wrap; gap: 4px 14px;
  padding: 6px 0; margin-bottom: 4px;
  background-color: var(--vscode-editor-background);
  border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border));
}
.profile-nav a { text-decoration: none; }
.profile-nav a:hover { text-decoration: underline; }
.profile-section { scroll-margin-top: 44px; }

.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; margin: 8px 0 12px; }
.figure {
  padding: 8px 10px;
  border: 1px solid var(--vscode-editorWidget-border, var(--vscode-panel-border));
  border-radius: 4px;
}
.figure-value { display: block; font-size: 1.35em; font-weight: 600; font-variant-numeric: tabular-nums; }
.figure-label { display: block; color: var(--vscode-descriptionForeground); }
.figure-note { display: block; color: var(--vscode-descriptionForeground); font-size: 0.9em; }
.type-counts { display: flex; flex-wrap: wrap; gap: 6px; margin: 4px 0 8px; }
.profile-notes { color: var(--vscode-descriptionForeground); margin: 4px 0; padding-left: 18px; }

.alerts { list-style: none; margin: 4px 0 8px; padding: 0; }
.alert { display: flex; align-items: baseline; gap: 8px; padding: 3px 0; border-bottom: 1px solid var(--vscode-editorWidget-border, var(--vscode-panel-border)); }
.alert-kind {
  flex: none; min-width: 9.5em; padding: 0 6px; border-radius: 3px; text-align: center; font-size: 0.9em;
  color: var(--severity-color); border: 1px solid var(--severity-color);
}
.severity-error { --severity-color: var(--vscode-errorForeground, var(--vscode-charts-red)); }
.severity-warning { --severity-color: var(--vscode-editorWarning-foreground, var(--vscode-charts-yellow)); }
.severity-info { --severity-color: var(--vscode-editorInfo-foreground, var(--vscode-charts-blue)); }
.alert-leakage { background-color: var(--vscode-inputValidation-errorBackground, transparent); }
.alert-message { flex: 1; min-width: 0; overflow-wrap: anywhere; }
.link-button {
  font: inherit; color: var(--vscode-textLink-foreground); background: none; border: none; padding: 0;
  cursor: pointer; text-align: left;
}
.link-button:hover { color: var(--vscode-textLink-activeForeground); text-decoration: underline; }
.alert .link-button { flex: none; }

.columns-toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; margin: 8px 0; }
.columns-toolbar vscode-textfield { min-width: 16em; }
.columns-toolbar vscode-single-select, .correlations-toolbar vscode-single-select { width: 18em; }
.toolbar-group { display: inline-flex; align-items: center; gap: 8px; }
.columns-count { color: var(--vscode-descriptionForeground); }
.column {
  margin: 10px 0; padding: 6px 12px 10px;
  border: 1px solid var(--vscode-editorWidget-border, var(--vscode-panel-border));
  border-radius: 4px;
  scroll-margin-top: 48px;
  /* Sections far from the viewport are neither laid out nor painted: a page of a hundred
     columns costs what the few on screen cost. The size stands in until a section is drawn. */
  content-visibility: auto;
  contain-intrinsic-size: auto 360px;
}
.column.flash { outline: 2px solid var(--vscode-focusBorder); }
.column h3 { margin: 4px 0; flex-wrap: wrap; }
.column h3:focus { outline: none; }
.column-name { font-family: var(--vscode-editor-font-family); overflow-wrap: anywhere; }
.type-badge { font-size: 0.85em; font-weight: normal; padding: 0 6px; border-radius: 3px;
  color: var(--vscode-badge-foreground); background-color: var(--vscode-badge-background); }
.target-badge { font-size: 0.85em; font-weight: normal; padding: 0 6px; border-radius: 3px;
  color: var(--vscode-textLink-foreground); border: 1px solid var(--vscode-textLink-foreground); }
.evidence { margin: 0 0 6px; color: var(--vscode-descriptionForeground); }
.column-body { display: grid; grid-template-columns: minmax(260px, 1fr) minmax(280px, 1.4fr); gap: 12px; align-items: start; }
@media (max-width: 700px) { .column-body { grid-template-columns: 1fr; } }
.stats-tables { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 0 16px; }
.stats { border-collapse: collapse; flex: 1; min-width: 200px; }
.stats th, .stats td { padding: 1px 8px 1px 0; border-bottom: 1px solid var(--vscode-editorWidget-border, var(--vscode-panel-border)); }
.stats th { text-align: left; font-weight: normal; color: var(--vscode-descriptionForeground); white-space: nowrap; }
.stats td { text-align: right; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.stats tr.warn td { color: var(--vscode-editorWarning-foreground, var(--vscode-charts-yellow)); }
.chart { width: 100%; }
.chart.chart-pending { min-height: 220px; }
.chart.chart-wide.chart-pending { min-height: 320px; }
.chart-pending { display: flex; align-items: center; justify-content: center; color: var(--vscode-descriptionForeground); font-style: italic; }
.chart-failed { color: var(--vscode-errorForeground); }

.correlations-toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; margin: 8px 0; }
.sample-scroll { overflow-x: auto; max-width: 100%; }
.sample-table td, .sample-table th { white-space: nowrap; max-width: 22em; overflow: hidden; text-overflow: ellipsis; }
.null-cell { color: var(--vscode-disabledForeground, var(--vscode-descriptionForeground)); font-style: italic; }
.leakage-row td, .leakage-row th { color: var(--vscode-errorForeground); font-weight: 600; }

/* An exported file has only the standalone theme's variables: the search and select controls
   take theirs from the editor colors it does define, so they follow its light or dark scheme. */
.mlcycle-standalone vscode-textfield, .mlcycle-standalone vscode-single-select {
  --vscode-settings-textInputBackground: var(--vscode-editor-background);
  --vscode-settings-textInputForeground: var(--vscode-foreground);
  --vscode-settings-textInputBorder: var(--vscode-editorWidget-border);
  --vscode-settings-dropdownBackground: var(--vscode-editor-background);
  --vscode-settings-dropdownForeground: var(--vscode-foreground);
  --vscode-settings-dropdownBorder: var(--vscode-editorWidget-border);
  --vscode-settings-dropdownListBorder: var(--vscode-editorWidget-border);
  --vscode-input-placeholderForeground: var(--vscode-descriptionForeground);
  --vscode-list-activeSelectionBackground: var(--vscode-focusBorder);
  --vscode-list-activeSelectionForeground: var(--vscode-editor-background);
  --vscode-list-hoverBackground: var(--vscode-textPreformat-background);
  --vscode-list-hoverForeground: var(--vscode-foreground);
}

@media print {
  .profile-nav, .columns-toolbar, .correlations-toolbar { display: none; }
  .column { break-inside: avoid; }
}
`;

let adopted = false;

export function adoptProfileStyles(): void {
  if (adopted) return;
  adopted = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
