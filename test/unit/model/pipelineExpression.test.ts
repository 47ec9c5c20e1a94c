// The derived-feature expression language: precedence like Python's arithmetic, errors with the
// character position, missing values propagated, and nothing that could run code.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  evaluateExpression,
  expressionColumns,
  ExpressionError,
  parseExpression,
} from '../../../src/core/model/pipeline/expression';

function value(text: string, columns: Record<string, number[]> = {}): number[] {
  const rows = Object.values(columns)[0]?.length ?? 1;
  const node = parseExpression(text);
  return Array.from(
    evaluateExpression(node, rows, (name) => {
      const c = Object.hasOwn(columns, name) ? columns[name] : undefined;
      if (!c) throw new Error(`no column ${name}`);
      return Float64Array.from(c);
    }),
  );
}

function failsAt(text: string, offset: number, message: RegExp): void {
  assert.throws(
    () => parseExpression(text),
    (error: unknown) => {
      assert.ok(error instanceof ExpressionError, String(error));
      assert.equal(error.offset, offset, `${text}: ${error.message}`);
      assert.match(error.message, message);
      return true;
    },
  );
}

describe('derived feature expressions', () => {
  it('follows the usual precedence (as Python evaluates the same text)', () => {
    assert.deepEqual(value('1 + 2 * 3'), [7]);
    assert.deepEqual(value('(1 + 2) * 3'), [9]);
    assert.deepEqual(value('10 - 4 - 3'), [3]);
    assert.deepEqual(value('2 * 3 / 4'), [1.5]);
    assert.deepEqual(value('-2 ^ 2'), [-4]);
    assert.deepEqual(value('2 ^ 3 ^ 2'), [512]);
    assert.deepEqual(value('2 ^ -1'), [0.5]);
    assert.deepEqual(value('- -3 + +2'), [5]);
    assert.deepEqual(value('1.5e2 + .5'), [150.5]);
  });

  it('computes from columns, bare or backticked, with the functions', () => {
    const columns = { a: [1, 4, 9], 'Beak Length (mm)': [2, 3, 4] };
    assert.deepEqual(value('sqrt(a) + `Beak Length (mm)`', columns), [3, 5, 7]);
    assert.deepEqual(value('max(a, 5) - min(a, 2, 3)', columns), [4, 3, 7]);
    assert.deepEqual(value('clip(a, 2, 5)', columns), [2, 4, 5]);
    assert.deepEqual(value('pow(a, 0.5) * abs(-1)', columns), [1, 2, 3]);
    assert.deepEqual(value('log(exp(a)) - log1p(0)', columns), [1, 4, 9]);
    assert.deepEqual(
      expressionColumns(parseExpression('a * `b c` + a')).map((c) => c.name),
      ['a', 'b c'],
    );
  });

  it('propagates missing values', () => {
    const out = value('a / b', { a: [1, NaN], b: [2, 2] });
    assert.equal(out[0], 0.5);
    assert.ok(Number.isNaN(out[1]));
  });

  it('reports syntax errors at their position', () => {
    failsAt('a +', 3, /ends too early/);
    failsAt('a + * b', 4, /Expected a number/);
    failsAt('(a + b', 6, /closing/);
    failsAt('a b', 2, /Expected an operator/);
    failsAt('foo(a)', 0, /Unknown function "foo"/);
    failsAt('log(a, b)', 0, /takes 1 argument/);
    failsAt('a ** 2', 2, /Use \^/);
    failsAt('`unclosed + 1', 0, /not closed/);
    failsAt('3x', 1, /not a number/);
    failsAt('"a" + 1', 0, /backticks/);
    failsAt('', 0, /empty/);
  });

  it('cannot run code: property access, calls of non-functions and JS globals are refused', () => {
    failsAt('process.exit()', 7, /Unexpected character "\."/);
    failsAt('constructor(1)', 0, /Unknown function "constructor"/);
    failsAt('toString()', 0, /Unknown function/);
    failsAt('a[0]', 1, /Unexpected character/);
    failsAt('a; b', 1, /Unexpected character/);
    failsAt('require("fs")', 8, /Unexpected character/);
    failsAt('require(1)', 0, /Unknown function/);
    // A bare word is only ever a column name, looked up in the data, never in JavaScript's scope.
    assert.deepEqual(
      expressionColumns(parseExpression('constructor + __proto__')).map((c) => c.name),
      ['constructor', '__proto__'],
    );
    assert.throws(() => value('constructor'), /no column constructor/);
  });
});
