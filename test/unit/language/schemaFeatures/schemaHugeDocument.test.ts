import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completions } from '../../../../src/core/language/completion';
import { schemaDiagnostics } from '../../../../src/core/language/diagnostics';
import { hover } from '../../../../src/core/language/hover';
import { documentSymbols } from '../../../../src/core/language/symbols';
import { applyEdits, dictionarySchema, textAt } from './helpers';
import { withinBudget } from '../../support/perfBudget';

/** A data dictionary of `count` fields; every 97th has a misspelt type, every 1000th an unknown key. */
function dictionary(count: number): string {
  const parts = [
    '# generated\nversion: 1\nsource:\n  name: Big warehouse\n  description: |\n    Everything the warehouse has.\n    owner: not a key\nfields:\n',
  ];
  for (let n = 0; n < count; n++) {
    parts.push(`  - name: column_${n}\n    type: ${n % 97 === 0 ? 'numerik' : 'numeric'}\n`);
    parts.push(
      `    definition: "The measured value number ${n} of the warehouse table, in grams, as recorded at intake by the scale."\n`,
    );
    parts.push(
      `    unit: g\n    nullable: false\n    missingPercent: 0.5\n    range:\n      min: 0\n      max: 1000\n    example: 12.5\n`,
    );
    if (n % 1000 === 999) parts.push('    colour: red # unknown\n');
  }
  return parts.join('');
}

const timed = <T>(f: () => T): { result: T; ms: number } => {
  const start = performance.now();
  const result = f();
  return { result, ms: performance.now() - start };
};

test('the line-walk check of large documents finds what the full parse finds, at the same ranges', () => {
  const text = dictionary(300);
  const full = schemaDiagnostics(text, dictionarySchema);
  const walked = schemaDiagnostics(text, dictionarySchema, { largeDocument: 0 });
  assert.equal(walked[0].code, 'large-document');
  const strip = (ds: typeof full) =>
    ds.map((d) => ({ ...d, fixes: d.fixes?.filter((f) => !f.title.startsWith('Remove')) }));
  assert.deepEqual(strip(walked.slice(1)), strip(full));
  assert.equal(full.length, 4);
});

test('a 5 MB data dictionary with 20k fields: diagnostics, completion, hover and outline stay quick', () => {
  const text = dictionary(19_000);
  assert.ok(text.length > 5_000_000, `${text.length} characters`);
  const lines = text.split('\n').length;

  const diagnostics = timed(() => schemaDiagnostics(text, dictionarySchema));
  const found = diagnostics.result;
  assert.equal(found.length, 100);
  assert.equal(found[0].code, 'large-document');
  assert.equal(
    found[1].message,
    '"fields[0].type" must be one of: numeric, categorical, boolean, datetime, text, id (found numerik).',
  );
  assert.equal(textAt(text, found[1]), 'numerik');
  assert.equal(
    applyEdits(text, found[1].fixes![0].edits).slice(0, 200),
    text.slice(0, 200).replace('numerik', 'numeric'),
  );
  const unknown = found.find((d) => d.code === 'unknown-key')!;
  assert.equal(textAt(text, unknown), 'colour');
  assert.equal(found[99].code, 'too-many-problems');
  assert.match(found[99].message, /^\d+ more problems not shown/);

  const completion = timed(() => completions(`${text}    `, { line: lines, column: 5 }, dictionarySchema));
  assert.deepEqual(completion.result.map((e) => e.label).slice(0, 2), ['allowedValues', 'notes']);
  const middle = timed(() => completions(text, { line: Math.floor(lines / 2), column: 5 }, dictionarySchema));
  assert.ok(middle.result.length > 0);
  const root = timed(() => completions(`${text}\n`, { line: lines + 1, column: 1 }, dictionarySchema));
  assert.deepEqual(root.result.map((e) => e.label).slice(0, 3), [
    'updateFrequency',
    'knownQualityIssues',
    'observedIn',
  ]);

  const info = timed(() => hover(text, { line: lines - 3, column: 8 }, dictionarySchema));
  assert.match(info.result?.markdown ?? '', /\*\*max\*\*\n\nLargest valid value/);

  const symbols = timed(() => documentSymbols(text));
  const count = (xs: typeof symbols.result): number => xs.reduce((n, s) => n + 1 + count(s.children), 0);
  assert.equal(count(symbols.result), 5000);
  assert.deepEqual(
    symbols.result.map((s) => s.name),
    ['version', 'source', 'fields'],
  );
  assert.equal(symbols.result[2].children[0].name, 'column_0');

  console.log(
    `5 MB dictionary (${text.length} chars, ${lines} lines): diagnostics ${diagnostics.ms.toFixed(0)} ms, completion at the end ${completion.ms.toFixed(0)} ms / middle ${middle.ms.toFixed(0)} ms / root ${root.ms.toFixed(0)} ms, hover ${info.ms.toFixed(0)} ms, symbols ${symbols.ms.toFixed(0)} ms`,
  );
  // What keeps it quick is checked above (the line walk, not the full parse: 'large-document');
  // the times themselves are budgets, asserted only when asked for (support/perfBudget.ts).
  withinBudget('5 MB dictionary: diagnostics', diagnostics.ms, 8000);
  withinBudget('5 MB dictionary: completion at the end', completion.ms, 2000);
  withinBudget('5 MB dictionary: completion in the middle', middle.ms, 2000);
  withinBudget('5 MB dictionary: completion at the root', root.ms, 2000);
  withinBudget('5 MB dictionary: hover', info.ms, 2000);
  withinBudget('5 MB dictionary: symbols', symbols.ms, 6000);
});
