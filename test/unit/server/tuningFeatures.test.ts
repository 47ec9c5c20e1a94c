// tuning.yaml in a real language server process: classified as the project's tuning study, its
// space checked against the pipeline spec it names (as `mlcycle tune` checks it), completion of a
// model's parameters and hover on one — over LSP, as the editor asks.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CompletionList, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { LspSession, tempExample } from './lspSession';

describe('language server: tuning.yaml', () => {
  let project: ReturnType<typeof tempExample>;
  let lsp: LspSession;
  let uri: string;
  let text: string;
  before(async () => {
    project = tempExample('penguins');
    lsp = await LspSession.start(project.root);
    text = readFileSync(join(project.root, 'tuning.yaml'), 'utf8');
    uri = lsp.open(join(project.root, 'tuning.yaml'), text);
  });
  after(async () => {
    await lsp.dispose();
    project.dispose();
  });

  test('a parameter its model lacks is an error on its key; the example study has none', async () => {
    const bad = text.replace('    max_leaf_nodes: { low: 4, high: 31 }', '    max_leaves: { low: 4, high: 31 }');
    lsp.change(uri, bad);
    const ds = await lsp.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'tuning'));
    const d = ds.find((x) => x.code === 'tuning')!;
    assert.match(d.message, /hist_gradient_boosting has no parameter "max_leaves"/);
    const line = bad.split('\n').findIndex((l) => l.includes('max_leaves'));
    assert.deepEqual(d.range.start, { line, character: 4 });
    lsp.change(uri, text);
    await lsp.waitForDiagnostics(uri, (x) => x.length === 0);
  });

  test("a renamed model in pipeline.yaml shows up in tuning.yaml's diagnostics once the file changes on disk", async () => {
    const pipelinePath = join(project.root, 'pipeline.yaml');
    const original = readFileSync(pipelinePath, 'utf8');
    assert.match(original, /name: boosting/);
    writeFileSync(pipelinePath, original.replace('name: boosting', 'name: gbm'));
    lsp.filesChanged([{ path: pipelinePath, type: 2 }]);
    const ds = await lsp.waitForDiagnostics(uri, (d) => d.some((x) => /boosting/.test(x.message)));
    assert.ok(ds.some((x) => x.severity === 1));
    writeFileSync(pipelinePath, original);
    lsp.filesChanged([{ path: pipelinePath, type: 2 }]);
    await lsp.waitForDiagnostics(uri, (x) => x.length === 0);
  });

  test("completion under a model offers its kind's parameters; hover on one shows its default", async () => {
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('    C: '));
    const edited = [...lines.slice(0, at + 1), '    ', ...lines.slice(at + 1)].join('\n');
    lsp.change(uri, edited);
    const result = await lsp.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: { line: at + 1, character: 4 },
    });
    const labels = result.items.map((i) => i.label);
    for (const p of ['penalty', 'l1_ratio', 'max_iter', 'tol']) assert.ok(labels.includes(p), labels.join(', '));
    assert.ok(!labels.includes('C'), 'a parameter already searched is not offered again');
    const hover = await lsp.request<Hover>('textDocument/hover', {
      textDocument: { uri },
      position: { line: at, character: 4 },
    });
    assert.match((hover.contents as MarkupContent).value, /logistic\.C[\s\S]*Default: `1`/);
    lsp.change(uri, text);
  });
});
