// The HTML document of a report panel, built from plain strings so it is testable without
// VS Code. Everything executable carries a fresh nonce; nothing else may run (no 'unsafe-eval',
// no 'unsafe-inline'), and only the extension's own files (webview.cspSource) may be loaded.
import { randomBytes } from 'node:crypto';
import type { ReportKind, ReportPayload } from '../../protocol/webview';

/** 144 random bits, base64url: a valid CSP nonce that cannot be guessed. */
export function createNonce(): string {
  return randomBytes(18).toString('base64url');
}

/** Escapes text for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * The policy of a panel (`cspSource` given) or of an exported file (everything inline, so no
 * source but the nonce). `base-uri 'none'` stops a stray <base> from redirecting relative URLs.
 */
export function contentSecurityPolicy(nonce: string, cspSource?: string): string {
  const source = cspSource ? `${cspSource} ` : '';
  const directives = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${source}'nonce-${nonce}'`,
    `img-src ${source}data:`,
    cspSource ? `font-src ${cspSource}` : undefined,
    "base-uri 'none'",
  ];
  return directives.filter((d): d is string => d !== undefined).join('; ');
}

export interface PanelHtmlOptions {
  kind: ReportKind;
  title: string;
  nonce: string;
  /** `webview.cspSource`: the origin VS Code serves the extension's files from. */
  cspSource: string;
  /** `asWebviewUri` of dist/webview/<kind>.js. */
  reportScriptUri: string;
  /** `asWebviewUri` of dist/webview/plotly.js. */
  plotlyScriptUri: string;
  /** `asWebviewUri` of each stylesheet (media/report.css). */
  styleUris: string[];
}

/**
 * The report bundle loads before Plotly on purpose: it installs the CSP style shim
 * (webview/shared/cspStyleShim.ts) that Plotly's own injected <style> elements need under this
 * policy, and it waits for DOMContentLoaded (after Plotly ran) before it touches a chart.
 */
export function buildPanelHtml(options: PanelHtmlOptions): string {
  const { nonce } = options;
  const styles = options.styleUris
    .map((uri) => `  <link rel="stylesheet" nonce="${nonce}" href="${escapeHtml(uri)}">`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(nonce, options.cspSource))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <title>${escapeHtml(options.title)}</title>
${styles}
</head>
<body data-report-kind="${escapeHtml(options.kind)}">
  <main id="report" aria-live="polite"></main>
  <script nonce="${nonce}" src="${escapeHtml(options.reportScriptUri)}"></script>
  <script nonce="${nonce}" src="${escapeHtml(options.plotlyScriptUri)}"></script>
</body>
</html>
`;
}

/** The title of a report's panel tab and of its exported file. */
export function reportTitle(report: ReportPayload): string {
  switch (report.kind) {
    case 'overview':
      return `${report.project.name}: project overview`;
    case 'profile': {
      const file = report.profile.source.path.split(/[\\/]/).pop() ?? report.profile.source.path;
      return `${file}: data profile`;
    }
    case 'evaluation':
      return report.evaluatedOn
        ? `${report.evaluatedOn.model} on ${report.evaluatedOn.data.split(/[\\/]/).pop()}: evaluation`
        : `Run ${report.run.runId}: evaluation`;
    case 'compare':
      return `Comparing ${report.runs.length} runs`;
    case 'study':
      return `Study ${report.summary.studyId}`;
    case 'prediction':
      return `Row ${report.row.row} of ${report.data.split(/[\\/]/).pop()}: ${report.model} explained`;
  }
}
