// Where a report's files live inside the extension, for the panel (served through
// asWebviewUri) and for export (read and inlined). No vscode import: the CLI and the tests
// read the same files.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReportKind } from '../../protocol/webview';
import type { ExportAssets } from './exportHtml';

/** The only folders a panel may load from (its localResourceRoots). */
export const WEBVIEW_BUNDLE_DIR = ['dist', 'webview'] as const;
export const MEDIA_DIR = ['media'] as const;

/** Path segments, relative to the extension root, of what a panel of `kind` loads. */
export function reportAssetPaths(kind: ReportKind) {
  return {
    reportScript: [...WEBVIEW_BUNDLE_DIR, `${kind}.js`],
    plotlyScript: [...WEBVIEW_BUNDLE_DIR, 'plotly.js'],
    styles: [[...MEDIA_DIR, 'report.css']],
    /** Stand-in values for the --vscode-* variables, used only outside VS Code. */
    standaloneTheme: [...MEDIA_DIR, 'standalone-theme.css'],
  };
}

/** Reads everything an exported report of `kind` inlines; one error lists every file missing. */
export async function readExportAssets(extensionRoot: string, kind: ReportKind): Promise<ExportAssets> {
  const paths = reportAssetPaths(kind);
  const files = [paths.reportScript, paths.plotlyScript, paths.standaloneTheme, ...paths.styles].map((segments) =>
    join(extensionRoot, ...segments),
  );
  const results = await Promise.allSettled(files.map((file) => readFile(file, 'utf8')));
  const failures = results.flatMap((result, i) => {
    if (result.status === 'fulfilled') return [];
    const error = result.reason as NodeJS.ErrnoException;
    return [error.code === 'ENOENT' ? `${files[i]} does not exist` : `${files[i]}: ${error.message}`];
  });
  if (failures.length > 0) {
    const hint = failures.some((f) => f.includes(join(...WEBVIEW_BUNDLE_DIR))) ? ' (run `npm run build`)' : '';
    throw new Error(`Cannot read the report's files: ${failures.join('; ')}${hint}`);
  }
  const [reportScript, plotlyScript, theme, ...styles] = results.map(
    (r) => (r as PromiseFulfilledResult<string>).value,
  );
  return { reportScript, plotlyScript, styles: [theme, ...styles] };
}
