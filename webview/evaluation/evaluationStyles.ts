// The evaluation and compare reports' own styles, adopted as a constructed stylesheet (the
// panel's policy allows no inline styles; a stylesheet our trusted bundle builds is not markup
// anyone can inject). Colors come only from the theme's --vscode-* variables.

const CSS = `
[hidden] { display: none !important; }
.eval-nav {
  position: sticky; top: 0; z-index: 5;
  display: flex; flex-wrap: wrap; gap: 4px 14px; padding: 6px 0; margin-bottom: 4px;
  background-color: var(--vscode-editor-background);
  border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border));
}
.eval-nav a { text-decoration: none; }
.eval-nav a:hover { text-decoration: underline; }
.eval-section { scroll-margin-top: 44px; }
.eval-note { color: var(--vscode-descriptionForeground); margin: 4px 0 8px; }
.eval-banner {
  margin: 8px 0; padding: 6px 10px; border-left: 3px solid var(--vscode-textLink-foreground);
  background-color: var(--vscode-textBlockQuote-background, transparent);
}
.eval-table { margin: 6px 0 10px; }
.eval-table td, .eval-table th { white-space: nowrap; }
.eval-table td.wrap { white-space: normal; overflow-wrap: anywhere; }
.eval-table tr.baseline-row td { color: var(--vscode-descriptionForeground); }
.eval-table tr.selected-row td:first-child { box-shadow: inset 3px 0 0 var(--vscode-focusBorder); padding-left: 6px; }
.eval-table tr.failed-row td { color: var(--vscode-errorForeground); }
.eval-table td.best { font-weight: 700; color: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
.eval-table td.better { color: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
.eval-table td.worse { color: var(--vscode-errorForeground, var(--vscode-charts-red)); }
.eval-table .dropped td { color: var(--vscode-descriptionForeground); }
.table-scroll { overflow-x: auto; max-width: 100%; }
.eval-failures, .eval-warnings { margin: 4px 0 8px; padding-left: 18px; }
.eval-failures { list-style: none; padding-left: 0; }
.eval-warnings { color: var(--vscode-editorWarning-foreground, var(--vscode-descriptionForeground)); }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin: 6px 0 10px; }
.chip {
  display: inline-flex; align-items: center; gap: 4px; padding: 1px 8px; border-radius: 10px; font-size: 0.92em;
  border: 1px solid var(--chip-color); color: var(--chip-color); white-space: nowrap;
}
.chip-pass { --chip-color: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
.chip-fail { --chip-color: var(--vscode-testing-iconFailed, var(--vscode-errorForeground)); }
.chip-info { --chip-color: var(--vscode-descriptionForeground); }
.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; margin: 8px 0; }
.toolbar-group { display: inline-flex; align-items: center; gap: 8px; }
.toolbar vscode-single-select { min-width: 14em; }
.point-chart { position: relative; }
.point-canvas { display: block; }
.point-tip {
  position: absolute; z-index: 4; pointer-events: none; max-width: 220px; padding: 3px 6px;
  background-color: var(--vscode-editorHoverWidget-background, var(--vscode-editor-background));
  border: 1px solid var(--vscode-editorHoverWidget-border, var(--vscode-panel-border));
  color: var(--vscode-editorHoverWidget-foreground, var(--vscode-foreground)); font-size: 0.92em;
}
.point-legend { color: var(--vscode-descriptionForeground); margin: 2px 0 8px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 5px; vertical-align: middle; }
.swatch-low { background-color: #1e88e5; }
.swatch-high { background-color: #ff0d57; }
.swatch-series-0 { background-color: var(--vscode-charts-blue, #1a85ff); }
.swatch-series-1 { background-color: var(--vscode-charts-orange, #d18616); }
.swatch-series-2 { background-color: var(--vscode-charts-green, #388a34); }
.swatch-series-3 { background-color: var(--vscode-charts-purple, #652d90); }
.swatch-series-4 { background-color: var(--vscode-charts-red, #e51400); }
.swatch-series-5 { background-color: var(--vscode-charts-yellow, #bf8803); }
.swatch-series-6 { background-color: #17becf; }
.swatch-series-7 { background-color: #8c564b; }
.swatch-missing { background-color: var(--vscode-descriptionForeground); }
.charts-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 12px 20px; align-items: start; }
.chart-card h3 { margin: 8px 0 2px; }
.chart { width: 100%; min-height: 120px; }
.chart-failed { color: var(--vscode-errorForeground); }
.threshold-controls { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; margin: 6px 0; }
.threshold-controls input[type="range"] { width: min(420px, 100%); accent-color: var(--vscode-focusBorder); }
.threshold-readout { font-variant-numeric: tabular-nums; }
.threshold-readout b { font-weight: 600; }
.link-button {
  font: inherit; color: var(--vscode-textLink-foreground); background: none; border: none; padding: 0;
  cursor: pointer; text-align: left;
}
.link-button:hover { color: var(--vscode-textLink-activeForeground); text-decoration: underline; }
.model-kind { color: var(--vscode-descriptionForeground); margin-left: 6px; }
.error-text { color: var(--vscode-errorForeground); white-space: normal; overflow-wrap: anywhere; }
.mlcycle-standalone vscode-single-select {
  --vscode-settings-dropdownBackground: var(--vscode-editor-background);
  --vscode-settings-dropdownForeground: var(--vscode-foreground);
  --vscode-settings-dropdownBorder: var(--vscode-editorWidget-border);
  --vscode-settings-dropdownListBorder: var(--vscode-editorWidget-border);
  --vscode-list-activeSelectionBackground: var(--vscode-focusBorder);
  --vscode-list-activeSelectionForeground: var(--vscode-editor-background);
  --vscode-list-hoverBackground: var(--vscode-textPreformat-background);
  --vscode-list-hoverForeground: var(--vscode-foreground);
}
@media print {
  .eval-nav, .toolbar, .threshold-controls { display: none; }
  .chart-card { break-inside: avoid; }
}
`;

let adopted = false;

export function adoptEvaluationStyles(): void {
  if (adopted) return;
  adopted = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
