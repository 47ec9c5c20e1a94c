// One self-contained HTML file per exported report: the same bundles the panel loads, inlined,
// with the report embedded as JSON. It opens in any browser, offline, with no VS Code, under
// its own strict policy (every script and style carries the file's nonce). Pure: strings in,
// string out.
import { EMBEDDED_REPORT_ID, type ReportPayload } from '../../protocol/webview';
import { contentSecurityPolicy, createNonce, escapeHtml, reportTitle } from './html';

export interface ExportAssets {
  /** dist/webview/<kind>.js */
  reportScript: string;
  /** dist/webview/plotly.js */
  plotlyScript: string;
  /** Stylesheets in order: the standalone theme first, then media/report.css. */
  styles: string[];
}

/**
 * Makes script text safe to inline: the HTML parser ends a script at the first `</script`
 * and treats `<!--` specially, whatever JavaScript thinks. `<\/` and `\x3C` mean the same as
 * `</` and `<` in JS strings, regular expressions (unicode ones too) and templates, which is
 * where these sequences occur in real bundles.
 */
export function inlineScriptText(js: string): string {
  return (
    js
      // A source map next to the bundle does not travel with the exported file.
      .replace(/^\/\/# sourceMappingURL=\S+\s*$/gm, '')
      .replace(/<\/(script)/gi, '<\\/$1')
      .replace(/<!--/g, '\\x3C!--')
  );
}

/** Makes style text safe to inline (a `</style` would end the element early). */
export function inlineStyleText(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}

/**
 * JSON that cannot break out of its `<script type="application/json">`: `<`, `>` and `&` become
 * \u escapes, which JSON.parse turns back into the same characters.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** "penguins-overview.html" (a study: "penguins-study-<id>.html"): the suggested name, safe as a file name on every platform. */
export function exportFileName(report: ReportPayload): string {
  const safe = (text: string) => text.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[-.]+|-+$/g, '');
  const name = safe(report.project.name) || 'report';
  // A project has many studies: the study's id keeps their exports apart.
  if (report.kind === 'study') return `${name}-study-${safe(report.summary.studyId)}.html`;
  return `${name}-${report.kind}.html`;
}

/**
 * Builds the exported file. Same script order as the panel (report bundle, then Plotly; see
 * html.ts), and the body class `mlcycle-standalone` tells the report it has no host to talk to.
 */
export function exportReportHtml(report: ReportPayload, assets: ExportAssets, nonce: string = createNonce()): string {
  const styles = assets.styles.map((css) => `<style nonce="${nonce}">\n${inlineStyleText(css)}\n</style>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="ML Lifecycle (mlcycle)">
<title>${escapeHtml(reportTitle(report))}</title>
${styles}
</head>
<body class="mlcycle-standalone" data-report-kind="${escapeHtml(report.kind)}">
<main id="report"></main>
<script nonce="${nonce}" type="application/json" id="${EMBEDDED_REPORT_ID}">${jsonForScript(report)}</script>
<script nonce="${nonce}">
${inlineScriptText(assets.reportScript)}
</script>
<script nonce="${nonce}">
${inlineScriptText(assets.plotlyScript)}
</script>
</body>
</html>
`;
}
