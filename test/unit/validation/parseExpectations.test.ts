import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { DOCUMENT_TEMPLATES } from '../../../src/core/project/templates';
import { parseExpectations } from '../../../src/core/validation/parseExpectations';

const schema = JSON.parse(readFileSync(join(__dirname, '../../../schemas/expectations.schema.json'), 'utf8'));

function problemsOf(text: string) {
  const { suite, problems } = parseExpectations(text);
  assert.equal(suite, undefined, 'a document with errors has no suite');
  return problems.filter((p) => p.severity === 'error');
}

const EVERY_KIND = `version: 1
description: Every kind of expectation.
expectations:
  - rowCount: { min: 10, max: 400 }
  - columnSet: { exactly: [a, b] }
  - name: ids
    column: id
    type: numeric
    notNull: true
    unique: true
  - column: Body Mass (g)
    severity: warning
    maxMissingPercent: 5
    range: { min: 2000, max: 7000, exclusiveMax: true }
    mean: { min: 4000 }
    median: { max: 5000 }
    stddev: { min: 1, max: 1000 }
    quantile:
      - { q: 0.05, min: 2500 }
      - { q: 0.95, max: 6500 }
  - column: Sex
    notNull: { maxMissingPercent: 3 }
    allowed: [MALE, FEMALE]
    regex: '^[A-Z]+$'
    length: { min: 4, max: 6 }
  - column: date
    type: datetime
    range: { min: "2012-01-01", max: "2015-12-31T23:59:59" }
  - column: leak
    exists: false
  - compare: { left: temp_min, op: "<=", right: temp_max }
  - ifNull: a
    thenNull: b
  - ifNotNull: a
    thenNotNull: [b, c]
`;

test('the schema is valid draft-07 and every key has a description', () => {
  const ajv = new Ajv({ strict: false });
  assert.ok(ajv.validateSchema(schema), JSON.stringify(ajv.errors));
  const undocumented: string[] = [];
  const visit = (node: unknown, path: string) => {
    if (!node || typeof node !== 'object') return;
    const properties = (node as { properties?: Record<string, { description?: string; $ref?: string }> }).properties;
    for (const [key, value] of Object.entries(properties ?? {}))
      if (!value.description) undocumented.push(`${path}.${key}`);
    for (const [key, value] of Object.entries(node)) visit(value, `${path}.${key}`);
  };
  visit(schema, '#');
  assert.deepEqual(undocumented, []);
});

test('every kind of expectation parses into checks, each at the line of its key', () => {
  const { suite, problems } = parseExpectations(EVERY_KIND);
  assert.deepEqual(problems, []);
  assert.ok(suite);
  assert.equal(suite.description, 'Every kind of expectation.');
  const byId = new Map(suite.checks.map((c) => [c.id, c]));
  assert.deepEqual(
    [...byId.keys()],
    [
      '0.rowCount',
      '1.columnSet',
      '2.column',
      '2.type',
      '2.notNull',
      '2.unique',
      '3.column',
      '3.maxMissingPercent',
      '3.range',
      '3.mean',
      '3.median',
      '3.stddev',
      '3.quantile.0',
      '3.quantile.1',
      '4.column',
      '4.notNull',
      '4.allowed',
      '4.regex',
      '4.length',
      '5.column',
      '5.type',
      '5.range',
      '6.exists',
      '7.compare',
      '8.ifNull',
      '9.ifNotNull',
    ],
  );
  const lines = EVERY_KIND.split('\n');
  for (const check of suite.checks) {
    const line = lines[check.range.start.line - 1];
    const key = check.id.split('.')[1];
    assert.ok(
      line.includes(key === 'quantile' ? '{ q:' : key),
      `${check.id} points at line ${check.range.start.line}: ${line}`,
    );
  }
  assert.equal(byId.get('2.column')?.name, 'ids');
  assert.equal(byId.get('3.range')?.severity, 'warning');
  assert.equal(byId.get('2.type')?.severity, 'error');
  assert.deepEqual(byId.get('4.notNull')?.spec, { kind: 'maxMissingPercent', column: 'Sex', percent: 3 });
  assert.deepEqual(byId.get('3.quantile.1')?.spec, {
    kind: 'statistic',
    column: 'Body Mass (g)',
    statistic: 'quantile',
    q: 0.95,
    bounds: { max: 6500 },
  });
  assert.deepEqual(byId.get('6.exists')?.spec, { kind: 'exists', column: 'leak', present: false });
  assert.deepEqual(byId.get('8.ifNull')?.spec, {
    kind: 'conditionalNull',
    when: 'a',
    whenNull: true,
    then: ['b'],
    thenNull: true,
  });
  assert.deepEqual(byId.get('9.ifNotNull')?.spec, {
    kind: 'conditionalNull',
    when: 'a',
    whenNull: false,
    then: ['b', 'c'],
    thenNull: false,
  });
  assert.equal(byId.get('3.range')?.description, '"Body Mass (g)" values in [2000, 7000)');
  assert.equal(byId.get('7.compare')?.description, '"temp_min" <= "temp_max" where both are present');
});

test("the project template's expectations document is valid and empty", () => {
  const { suite, problems } = parseExpectations(DOCUMENT_TEMPLATES.expectations);
  assert.deepEqual(problems, []);
  assert.deepEqual(suite?.checks, []);
});

test('an unknown key is named at its line and column', () => {
  const [problem] = problemsOf('expectations:\n  - column: a\n    rnage: { min: 1 }\n');
  assert.equal(problem.message, 'Unknown key "rnage".');
  assert.deepEqual(problem.start, { line: 3, column: 5 });
});

test('a wrong value type or enum is named at the value', () => {
  const problems = problemsOf(
    'expectations:\n  - column: a\n    type: integer\n  - column: b\n    range: { min: low }\n',
  );
  assert.equal(problems.length, 1, JSON.stringify(problems));
  assert.match(problems[0].message, /type.*one of: numeric, string, boolean, datetime/);
  assert.equal(problems[0].start.line, 3);
});

test('rules the schema cannot say well are checked with positions', () => {
  const cases: Array<[string, number, RegExp]> = [
    ['expectations:\n  - severity: warning\n', 2, /not on what/],
    ['expectations:\n  - column: a\n    compare: { left: a, op: "<", right: b }\n', 2, /mixes column and compare/],
    ['expectations:\n  - rowCount: { min: 5 }\n    type: numeric\n', 3, /"type" belongs to an entry with a "column"/],
    ['expectations:\n  - column: a\n    range: { min: 5, max: 2 }\n', 3, /min \(5\) is greater than max \(2\)/],
    ['expectations:\n  - column: a\n    range: { exclusiveMin: true }\n', 3, /range needs a min, a max or both/],
    [
      'expectations:\n  - column: a\n    range: { min: 1, max: "2012-01-01" }\n',
      3,
      /must both be numbers, or both dates/,
    ],
    [
      'expectations:\n  - column: a\n    range:\n      min: "yesterday"\n',
      4,
      /"yesterday" is not a number or an ISO date/,
    ],
    ['expectations:\n  - column: a\n    range: { min: "2015-01-01", max: "2012-01-01" }\n', 3, /after max/],
    ['expectations:\n  - ifNull: a\n', 2, /needs "thenNull" or "thenNotNull"/],
    ['expectations:\n  - ifNull: a\n    thenNull: b\n    thenNotNull: c\n', 4, /either "thenNull" or "thenNotNull"/],
    ['expectations:\n  - column: a\n    thenNull: b\n', 3, /belongs to an entry with "ifNull"/],
    [
      'expectations:\n  - column: a\n    exists: false\n    notNull: true\n',
      4,
      /cannot be checked on a column that must be absent/,
    ],
    ['expectations:\n  - column: a\n    quantile: { q: 0.5, min: 3, max: 1 }\n', 3, /greater than max/],
  ];
  for (const [text, line, message] of cases) {
    const problems = problemsOf(text);
    assert.equal(problems.length, 1, `${text}: ${JSON.stringify(problems)}`);
    assert.match(problems[0].message, message, text);
    assert.equal(problems[0].start.line, line, `${text}: ${problems[0].message}`);
  }
});

test('YAML syntax errors and empty documents are problems, not exceptions', () => {
  assert.equal(problemsOf('expectations:\n  - column: a\n   type: [numeric\n')[0].severity, 'error');
  assert.match(problemsOf('')[0].message, /empty/);
  assert.match(problemsOf('version: 2\nexpectations: []\n')[0].message, /version/);
  assert.match(problemsOf('expectations: {}\n')[0].message, /array/);
});
