// Markdown and HTML exports of a model card: the sections and numbers a reader needs, the
// user's text escaped (a <script> in prose shows as text), and HTML with no script or external
// resource.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { modelCardToHtml } from '../../../src/core/modelCard/exportHtml';
import { modelCardToMarkdown } from '../../../src/core/modelCard/exportMarkdown';

const CARD = {
  version: 1,
  modelDetails: {
    name: 'Penguins <b>v2</b>',
    overview: 'Identifies <script>alert("x")</script> species & more | pipes',
    owners: [{ name: 'Colony team', contact: 'team@example.org' }],
  },
  intendedUse: {
    primaryUses: ['Identify the species of a measured penguin in the field, without a specialist.'],
    outOfScope: [],
  },
  metrics: [
    {
      type: 'balanced_accuracy',
      value: 0.98765,
      on: 'holdout',
      threshold: 0.95,
      kpi: 'Correct identification',
      met: true,
      source: 'run-1',
    },
    {
      type: 'balanced_accuracy',
      value: 0.97,
      on: 'cv',
      confidenceInterval: { lower: 0.94, upper: 1.0 },
      source: 'run-1',
    },
  ],
  quantitativeAnalyses: [
    {
      column: 'Island',
      on: 'holdout',
      groups: [
        { group: 'Dream', count: 21, metrics: { balanced_accuracy: 0.9 } },
        { group: 'Biscoe', count: 19, metrics: { balanced_accuracy: 1 } },
      ],
      difference: { balanced_accuracy: 0.1 },
      notes: 'Dream is <i>harder</i>.',
    },
  ],
  caveatsAndRecommendations: ['Weaker where Island = Dream.'],
  'x-review': { by: 'Ana' },
  generated: { runId: 'run-1', model: 'knn', generatedAt: '2026-01-02T03:04:05Z' },
};

describe('model card export', () => {
  it('Markdown: a heading per section, tables for metrics and groups, escaped prose', () => {
    const md = modelCardToMarkdown(CARD);
    assert.match(md, /^# Model card: Penguins &lt;b&gt;v2&lt;\/b&gt;\n/);
    assert.match(md, /_Generated from run run-1 \(model knn\) on 2026-01-02\._/);
    for (const heading of [
      '## Model details',
      '## Intended use',
      '## Metrics',
      '## Quantitative analyses',
      '### Island (holdout)',
      '## Caveats and recommendations',
      '## Review',
    ])
      assert.ok(md.includes(`${heading}\n`), heading);
    assert.ok(
      md.includes('| balanced\\_accuracy | holdout | 0.9877 |  | Correct identification | 0.95 | yes | run-1 |'),
      md,
    );
    assert.ok(md.includes('| 0.97 | 0.94 – 1 |'));
    assert.ok(md.includes('| Dream | 21 | 0.9 |'));
    assert.ok(md.includes('&lt;script&gt;alert("x")&lt;/script&gt; species &amp; more \\| pipes'));
    assert.ok(!md.includes('<script'));
  });

  it('HTML: self-contained, no scripts or external resources, every text escaped', () => {
    const html = modelCardToHtml(CARD);
    assert.match(html, /^<!DOCTYPE html>/);
    assert.ok(!/<script/i.test(html), 'no script element');
    assert.ok(!/(src|href)=/i.test(html), 'no external resource');
    assert.ok(html.includes("default-src 'none'"));
    assert.ok(html.includes('Identifies &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; species &amp; more | pipes'));
    assert.ok(html.includes('<h2>Metrics</h2>'));
    assert.ok(html.includes('<td>Dream</td><td>21</td><td>0.9</td>'));
    assert.ok(html.includes('Dream is &lt;i&gt;harder&lt;/i&gt;.'));
    assert.ok(html.includes('<title>Model card: Penguins &lt;b&gt;v2&lt;/b&gt;</title>'));
  });

  it('shows a card of unexpected shape without failing', () => {
    for (const card of [null, 'text', [], { metrics: 'see the report', factors: [1, { a: [2] }] }]) {
      assert.match(modelCardToMarkdown(card), /^# Model card/);
      assert.match(modelCardToHtml(card), /<h1>Model card<\/h1>/);
    }
  });
});
