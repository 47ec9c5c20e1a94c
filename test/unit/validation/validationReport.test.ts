import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { before, describe, it } from 'node:test';
import type { ValidationResult } from '../../../src/core/validation/expectationTypes';
import { validationRecord } from '../../../src/core/validation/validationRecord';
import {
  formatValidationMarkdown,
  formatValidationText,
  summarizeValidation,
} from '../../../src/core/validation/validationReport';
import { PENGUINS, ROOT, runValidate } from './helpers';

const SUITE = `expectations:
  - column: Sex
    name: Sex recorded
    notNull: true
  - column: Sex
    severity: warning
    allowed: [MALE, FEMALE]
  - column: Species
    allowed: [Adelie, Gentoo, Chinstrap]
  - column: Wing span
    notNull: true
`;

describe('validation reports and record', () => {
  let result: ValidationResult;
  before(async () => {
    result = await runValidate(PENGUINS, SUITE, { expectationsFile: 'docs/expectations.yaml' });
  });

  it('one summary line', () => {
    assert.equal(result.outcome, 'fail');
    assert.equal(summarizeValidation(result), '3 of 8 expectations failed (1 warning, 1 not checked)');
    const passing = {
      ...result,
      counts: { ...result.counts, failed: 0, failedErrors: 0, failedWarnings: 0, skipped: 0 },
    };
    assert.equal(summarizeValidation(passing), 'All 8 expectations passed');
  });

  it('the text report lists each failure at its YAML position with examples', () => {
    const text = formatValidationText(result);
    const lines = text.split('\n');
    assert.match(lines[0], /train\.csv against docs\/expectations\.yaml: 241 rows × 7 columns$/);
    assert.equal(lines[1], 'FAIL  3 of 8 expectations failed (1 warning, 1 not checked)');
    assert.ok(
      text.includes(
        '✗ docs/expectations.yaml:4:5  Sex recorded: "Sex" has no missing values\n    "Sex" has 9 missing values (3.73% of 241 rows).\n',
      ),
      text,
    );
    assert.ok(text.includes('    … and 4 more rows\n'), 'five examples of nine, and the rest counted');
    assert.ok(text.includes('! docs/expectations.yaml:7:5 (warning)  "Sex" values in {"MALE", "FEMALE"}\n'), text);
    assert.ok(text.includes('✗ docs/expectations.yaml:10:5  column "Wing span" exists\n'), text);
    assert.ok(text.includes('- docs/expectations.yaml:11:5 (not checked)  "Wing span" has no missing values\n'), text);
    assert.ok(!text.includes('"Species" values in'), 'passing expectations are only counted');
  });

  it('the Markdown report has every failure with examples and every expectation in a table', () => {
    const markdown = formatValidationMarkdown(result);
    assert.match(markdown, /^# Validation of .*train\.csv\n\n\*\*Failed\*\*: 3 of 8 expectations failed/);
    assert.match(markdown, /### Sex recorded: "Sex" has no missing values \(error\)/);
    assert.match(markdown, /\| line 219 \| Sex = "\." \|/);
    const table = markdown.slice(markdown.indexOf('## Every expectation'));
    assert.equal(table.split('\n').filter((l) => /^\| [✓✗⚠–] \|/.test(l)).length, 8);
    assert.match(
      table,
      /\| ✓ \| "Species" values in \{"Adelie", "Gentoo", "Chinstrap"\} \| 0 \| 0 \| docs\/expectations\.yaml:9:5 \|/,
    );
  });

  it('the record is tied to the data and the expectations, with the outcome and summary', () => {
    const expectations = { path: 'docs/expectations.yaml', sizeBytes: 10, mtimeMs: 1, sha256: 'e'.repeat(64) };
    const record = validationRecord(ROOT, 'train', PENGUINS, result, expectations, new Date('2026-01-02T03:04:05Z'));
    assert.equal(record.kind, 'validation');
    assert.equal(record.name, 'train');
    assert.equal(record.outcome, 'fail');
    assert.equal(record.createdAt, '2026-01-02T03:04:05.000Z');
    assert.deepEqual(record.inputs, [
      {
        path: relative(ROOT, PENGUINS),
        sizeBytes: statSync(PENGUINS).size,
        mtimeMs: statSync(PENGUINS).mtimeMs,
        sha256: result.source.sha256,
      },
      expectations,
    ]);
    assert.equal(
      record.summary,
      'examples/penguins/data/train.csv: 3 of 8 expectations failed (1 warning, 1 not checked).',
    );
    assert.equal(record.data, result);
  });
});
