// The exported file as text: self-contained, every script under the nonce, the report embedded
// as JSON that round-trips exactly and cannot end its element early.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  exportFileName,
  exportReportHtml,
  inlineScriptText,
  jsonForScript,
} from '../../../src/extension/panels/exportHtml';
import { readExportAssets } from '../../../src/extension/panels/reportAssets';
import { EMBEDDED_REPORT_ID, type OverviewReport } from '../../../src/protocol/webview';
import { REPO_ROOT } from './browserHarness';
import { HOSTILE_TEXT, overviewFixture } from './overviewFixture';

const ASSETS = {
  reportScript: 'const closing = "</script>"; const c = "<!-- x"; window.report = closing + c;',
  plotlyScript: 'window.Plotly = { version: "test" };',
  styles: [':root { --vscode-foreground: #333; }', 'body { color: var(--vscode-foreground); }'],
};

function embeddedJson(html: string): string {
  const match = new RegExp(
    `<script nonce="[^"]+" type="application/json" id="${EMBEDDED_REPORT_ID}">([^<]*)</script>`,
  ).exec(html);
  assert.ok(match, 'the report is embedded as JSON');
  return match[1];
}

describe('exportReportHtml', () => {
  const report = overviewFixture();
  const html = exportReportHtml(report, ASSETS, 'n0nce');

  it('embeds the report as JSON that parses back to the same report', () => {
    const json = embeddedJson(html);
    assert.doesNotMatch(json, /[<>&]/);
    assert.deepEqual(JSON.parse(json) as OverviewReport, report);
    assert.ok(html.split(HOSTILE_TEXT).length === 1, 'hostile text never appears raw');
  });

  it('inlines everything: no URL to fetch, every script and style under the nonce', () => {
    assert.doesNotMatch(html, /<[a-z][^>]*\s(?:src|href)=/i);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 3);
    for (const tag of scripts) assert.ok(tag.includes('nonce="n0nce"'), tag);
    const styles = html.match(/<style\b[^>]*>/g) ?? [];
    assert.equal(styles.length, 2);
    for (const tag of styles) assert.ok(tag.includes('nonce="n0nce"'), tag);
    assert.match(
      html,
      /content="default-src &#39;none&#39;; script-src &#39;nonce-n0nce&#39;; style-src &#39;nonce-n0nce&#39;; img-src data:; base-uri &#39;none&#39;"/,
    );
    assert.match(html, /<body class="mlcycle-standalone" data-report-kind="overview">/);
  });

  it('keeps script text from closing its element', () => {
    // Only the three </script> that close our own elements remain.
    assert.equal(html.match(/<\/script>/g)?.length, 3);
    assert.ok(html.includes('const closing = "<\\/script>"; const c = "\\x3C!-- x";'));
  });

  it('makes a fresh nonce when none is given', () => {
    const a = /nonce-([^&]+)&#39;/.exec(exportReportHtml(report, ASSETS))?.[1];
    const b = /nonce-([^&]+)&#39;/.exec(exportReportHtml(report, ASSETS))?.[1];
    assert.ok(a && b && a !== b);
  });
});

describe('inline escaping', () => {
  it('escaped script text evaluates to the same values', () => {
    const source = 'return ["</script>", "</SCRIPT >", "<!--", /<\\/script>/.source, `</script>${1}`];';
    const escaped = inlineScriptText(source);
    assert.doesNotMatch(escaped, /<\/script|<!--/i);
    assert.deepEqual(new Function(escaped)(), new Function(source)());
  });
  it('drops the source-map comment of a bundle', () => {
    assert.equal(inlineScriptText('run();\n//# sourceMappingURL=overview.js.map\n'), 'run();\n');
  });
  it('JSON for a script element round-trips every character', () => {
    const value = { text: '</script><!-- & > \u2028 é 😀', n: [1.5, -0, null] };
    assert.deepEqual(JSON.parse(jsonForScript(value)), JSON.parse(JSON.stringify(value)));
  });
});

describe('exportFileName', () => {
  it('names the file after the project and the report, safely', () => {
    assert.equal(exportFileName(overviewFixture()), 'penguins-overview.html');
    const odd = { ...overviewFixture(), project: { ...overviewFixture().project, name: '../Pingüinos: v2/<final>' } };
    assert.equal(exportFileName(odd), 'Pingüinos-v2-final-overview.html');
  });
});

describe('readExportAssets', () => {
  it('names the missing file and the fix when the bundles were not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'mlcycle-assets-'));
    try {
      await assert.rejects(readExportAssets(empty, 'overview'), (error: Error) => {
        assert.match(error.message, /dist[\\/]webview[\\/]overview\.js does not exist/);
        assert.match(error.message, /dist[\\/]webview[\\/]plotly\.js does not exist/);
        assert.match(error.message, /media[\\/]report\.css does not exist/);
        assert.match(error.message, /\(run `npm run build`\)$/);
        return true;
      });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('reads the bundles, then the standalone theme before the report stylesheet', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mlcycle-assets-'));
    try {
      mkdirSync(join(root, 'dist/webview'), { recursive: true });
      writeFileSync(join(root, 'dist/webview/overview.js'), 'report();');
      writeFileSync(join(root, 'dist/webview/plotly.js'), 'plotly();');
      cpSync(join(REPO_ROOT, 'media'), join(root, 'media'), { recursive: true });
      const assets = await readExportAssets(root, 'overview');
      assert.equal(assets.reportScript, 'report();');
      assert.equal(assets.plotlyScript, 'plotly();');
      assert.equal(assets.styles.length, 2);
      assert.match(assets.styles[0], /prefers-color-scheme: dark/);
      assert.match(assets.styles[1], /\.report-table/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
