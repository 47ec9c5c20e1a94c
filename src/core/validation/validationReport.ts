// The validation result as people read it: one summary line (sidebar, record, notification),
// a plain-text report (CLI, output channel) and a Markdown report (the editor's preview). All
// three come from the same result, so the CLI and the editor always tell the same story.
import type { CheckResult, FailureExample, ValidationResult } from './expectationTypes';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "3 of 41 expectations failed (1 warning)" / "All 41 expectations passed". */
export function summarizeValidation(result: ValidationResult): string {
  const { checks, failed, failedWarnings, skipped } = result.counts;
  const extra = [
    failedWarnings > 0 ? plural(failedWarnings, 'warning') : '',
    skipped > 0 ? `${skipped} not checked` : '',
  ].filter(Boolean);
  const tail = extra.length ? ` (${extra.join(', ')})` : '';
  if (failed === 0) return `All ${plural(checks, 'expectation')} passed${tail}`;
  return `${failed} of ${plural(checks, 'expectation')} failed${tail}`;
}

function where(result: ValidationResult, check: CheckResult): string {
  return `${result.expectationsFile ?? 'expectations'}:${check.range.start.line}:${check.range.start.column}`;
}

function title(check: CheckResult): string {
  return check.name ? `${check.name}: ${check.description}` : check.description;
}

function exampleText(example: FailureExample): string {
  const place = example.line !== undefined ? `line ${example.line}` : `row ${example.row + 1}`;
  const values = Object.entries(example.values)
    .map(([column, value]) => `${column} = ${value === null ? '(missing)' : JSON.stringify(value)}`)
    .join(', ');
  return `${place}: ${values}`;
}

const shown = (result: ValidationResult) => result.results.filter((r) => r.status !== 'pass');

/** The plain-text report: every failing (and skipped) expectation with its place, counts and examples. */
export function formatValidationText(result: ValidationResult): string {
  const lines = [
    `${result.path}${result.expectationsFile ? ` against ${result.expectationsFile}` : ''}: ${plural(result.rows, 'row')} × ${plural(result.columns.length, 'column')}`,
    `${result.outcome === 'pass' ? 'PASS' : 'FAIL'}  ${summarizeValidation(result)}`,
  ];
  for (const check of shown(result)) {
    const mark = check.status === 'skipped' ? '-' : check.severity === 'warning' ? '!' : '✗';
    const label = check.status === 'skipped' ? ' (not checked)' : check.severity === 'warning' ? ' (warning)' : '';
    lines.push('', `${mark} ${where(result, check)}${label}  ${title(check)}`, `    ${check.message}`);
    for (const example of check.examples) lines.push(`    ${exampleText(example)}`);
    const more = (check.offendingRows ?? 0) - check.examples.length;
    if (check.examples.length > 0 && more > 0) lines.push(`    … and ${plural(more, 'more row')}`);
  }
  return lines.join('\n') + '\n';
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The Markdown report for the editor: a summary, every failure in detail, then every expectation in a table. */
export function formatValidationMarkdown(result: ValidationResult): string {
  const lines = [
    `# Validation of ${result.path}`,
    '',
    `**${result.outcome === 'pass' ? 'Passed' : 'Failed'}**: ${summarizeValidation(result)}.`,
    '',
    `Data: \`${result.path}\` (${result.format}, ${plural(result.rows, 'row')} × ${plural(result.columns.length, 'column')}, SHA-256 \`${result.source.sha256.slice(0, 12)}…\`).  `,
    `Expectations: \`${result.expectationsFile ?? '(unsaved text)'}\`. Checked in ${result.elapsedMs} ms.`,
  ];
  const problems = shown(result);
  if (problems.length > 0) {
    lines.push('', '## Failures');
    for (const check of problems) {
      const label = check.status === 'skipped' ? 'not checked' : check.severity;
      lines.push(
        '',
        `### ${cell(title(check))} (${label})`,
        '',
        `${check.message}  `,
        `Written at \`${where(result, check)}\`.`,
      );
      if (check.examples.length > 0) {
        lines.push('', '| where | values |', '|---|---|');
        for (const example of check.examples) {
          const [place, ...rest] = exampleText(example).split(': ');
          lines.push(`| ${place} | ${cell(rest.join(': '))} |`);
        }
      }
    }
  }
  lines.push(
    '',
    '## Every expectation',
    '',
    '| | expectation | observed | offending rows | where |',
    '|---|---|---|---|---|',
  );
  for (const check of result.results) {
    const mark =
      check.status === 'pass' ? '✓' : check.status === 'skipped' ? '–' : check.severity === 'warning' ? '⚠' : '✗';
    const observed =
      check.observed === null
        ? ''
        : Array.isArray(check.observed)
          ? `${check.observed.length} columns`
          : String(check.observed);
    lines.push(
      `| ${mark} | ${cell(title(check))} | ${cell(observed)} | ${check.offendingRows ?? ''} | ${where(result, check)} |`,
    );
  }
  return lines.join('\n') + '\n';
}
