// The panel document and its policy, checked as text: every script carries the nonce, nothing
// may be evaluated or inlined without it, and only the extension's files may be loaded.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildPanelHtml,
  contentSecurityPolicy,
  createNonce,
  escapeHtml,
  reportTitle,
} from '../../../src/extension/panels/html';
import { overviewFixture } from './overviewFixture';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function panelHtml(nonce = createNonce()) {
  return buildPanelHtml({
    kind: 'overview',
    title: 'Project <overview>',
    nonce,
    cspSource: CSP_SOURCE,
    reportScriptUri: `${CSP_SOURCE}/ext/dist/webview/overview.js`,
    plotlyScriptUri: `${CSP_SOURCE}/ext/dist/webview/plotly.js`,
    styleUris: [`${CSP_SOURCE}/ext/media/report.css`],
  });
}

function policyOf(html: string): Map<string, string[]> {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match, 'the document has a CSP meta tag');
  const text = match[1].replace(/&#39;/g, "'");
  return new Map(
    text
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );
}

describe('createNonce', () => {
  it('is a fresh, unguessable CSP nonce each time', () => {
    const nonces = new Set(Array.from({ length: 1000 }, createNonce));
    assert.equal(nonces.size, 1000);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9_-]{24}$/);
  });
});

describe('buildPanelHtml', () => {
  it('gives every script the nonce and allows scripts by nonce only', () => {
    const nonce = createNonce();
    const html = panelHtml(nonce);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 2);
    for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`), tag);
    // The report bundle precedes Plotly (it installs the CSP style shim Plotly needs).
    assert.ok(scripts[0].includes('overview.js') && scripts[1].includes('plotly.js'));

    const policy = policyOf(html);
    assert.deepEqual(policy.get('default-src'), ["'none'"]);
    assert.deepEqual(policy.get('script-src'), [`'nonce-${nonce}'`]);
    assert.deepEqual(policy.get('style-src'), [CSP_SOURCE, `'nonce-${nonce}'`]);
    assert.deepEqual(policy.get('img-src'), [CSP_SOURCE, 'data:']);
    assert.deepEqual(policy.get('font-src'), [CSP_SOURCE]);
    assert.deepEqual(policy.get('base-uri'), ["'none'"]);
    assert.doesNotMatch(html, /unsafe-eval|unsafe-inline|unsafe-hashes|\*/);
  });

  it('loads only from the extension and escapes what it prints', () => {
    const html = panelHtml();
    for (const [, url] of html.matchAll(/(?:src|href)="([^"]*)"/g))
      assert.ok(url.startsWith(`${CSP_SOURCE}/ext/`), url);
    assert.match(html, /<title>Project &lt;overview&gt;<\/title>/);
    assert.match(html, /<link rel="stylesheet" nonce="[^"]+" href="[^"]+report\.css">/);
    assert.doesNotMatch(html, /style="/, 'no inline style attributes: the policy refuses them');
  });

  it('builds a new nonce per document', () => {
    const first = policyOf(panelHtml()).get('script-src');
    const second = policyOf(panelHtml()).get('script-src');
    assert.notDeepEqual(first, second);
  });
});

describe('contentSecurityPolicy without a cspSource (exported files)', () => {
  it('allows nothing but the nonce and data: images', () => {
    assert.equal(
      contentSecurityPolicy('abc'),
      "default-src 'none'; script-src 'nonce-abc'; style-src 'nonce-abc'; img-src data:; base-uri 'none'",
    );
  });
});

describe('escapeHtml and reportTitle', () => {
  it('escapes markup characters', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
  it('titles a report by its project', () => {
    assert.equal(reportTitle(overviewFixture()), 'penguins: project overview');
  });
});
