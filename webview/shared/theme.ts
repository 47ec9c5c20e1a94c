// Colors come from the editor's theme (--vscode-* variables, which VS Code sets on <html> and
// media/standalone-theme.css provides outside VS Code). Plotly draws SVG with literal colors,
// so charts read the variables at render time and redraw when the theme changes.
import type { ItemStatus } from '../../src/protocol/webview';

/** The first non-empty value among the CSS variables, else `fallback`. */
export function cssVar(names: string | readonly string[], fallback: string): string {
  const style = getComputedStyle(document.documentElement);
  for (const name of typeof names === 'string' ? [names] : names) {
    const value = style.getPropertyValue(name).trim();
    if (value) return value;
  }
  return fallback;
}

/** VS Code marks the theme kind with a class on <body>. */
export function isHighContrast(): boolean {
  return (
    document.body.classList.contains('vscode-high-contrast') ||
    document.body.classList.contains('vscode-high-contrast-light')
  );
}

/** Variables per status, most specific first; they are foreground colors, readable on the editor background. */
const STATUS_VARIABLES: Record<ItemStatus, readonly string[]> = {
  passing: ['--vscode-testing-iconPassed', '--vscode-charts-green'],
  failing: ['--vscode-testing-iconFailed', '--vscode-errorForeground', '--vscode-charts-red'],
  stale: ['--vscode-editorWarning-foreground', '--vscode-charts-yellow'],
  missing: ['--vscode-charts-blue', '--vscode-textLink-foreground'],
  na: ['--vscode-disabledForeground', '--vscode-descriptionForeground'],
};

const STATUS_FALLBACKS: Record<ItemStatus, string> = {
  passing: '#388a34',
  failing: '#e51400',
  stale: '#bf8803',
  missing: '#1a85ff',
  na: '#8b8b8b',
};

export function statusColor(status: ItemStatus): string {
  return cssVar(STATUS_VARIABLES[status], STATUS_FALLBACKS[status]);
}

export interface ChartTheme {
  foreground: string;
  muted: string;
  grid: string;
  fontFamily: string;
  fontSize: number;
  hoverBackground: string;
  hoverBorder: string;
  /** A border for marks in high-contrast themes, else undefined. */
  contrastBorder?: string;
}

export function chartTheme(): ChartTheme {
  const fontSize = Number.parseFloat(cssVar('--vscode-font-size', '13'));
  return {
    foreground: cssVar('--vscode-foreground', '#616161'),
    muted: cssVar('--vscode-descriptionForeground', '#717171'),
    grid: cssVar(['--vscode-editorWidget-border', '--vscode-panel-border'], '#c8c8c8'),
    fontFamily: cssVar('--vscode-font-family', 'system-ui, sans-serif'),
    fontSize: Number.isFinite(fontSize) ? fontSize : 13,
    hoverBackground: cssVar('--vscode-editorHoverWidget-background', '#f3f3f3'),
    hoverBorder: cssVar('--vscode-editorHoverWidget-border', '#c8c8c8'),
    contrastBorder: isHighContrast() ? cssVar('--vscode-contrastBorder', '#6fc3df') : undefined,
  };
}

/** Calls `onChange` (debounced to one animation frame) when VS Code switches themes. */
export function onThemeChange(onChange: () => void): void {
  let pending = false;
  const observer = new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      onChange();
    });
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
}
