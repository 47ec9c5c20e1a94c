// Shared by the validation tests: run the job as the worker would, and compare a result's
// offending rows and examples with an independent reading of the file.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { CheckResult, ValidateParams, ValidationResult } from '../../../src/core/validation/expectationTypes';
import { validate } from '../../../src/core/validation/validate';
import type { ReferenceRow } from './referenceTable';

export const ROOT = join(__dirname, '../../..');
export const PENGUINS = join(ROOT, 'examples/penguins/data/train.csv');
export const CARS = join(ROOT, 'examples/cars/data/train.csv');
export const SEATTLE = join(ROOT, 'node_modules/vega-datasets/data/seattle-weather.csv');

export async function runValidate(
  path: string,
  expectations: string,
  extra: Partial<ValidateParams> = {},
): Promise<ValidationResult> {
  const progress: number[] = [];
  const result = await validate(
    { path, expectations, ...extra },
    { signal: new AbortController().signal, report: (p) => p.fraction !== undefined && progress.push(p.fraction) },
  );
  assert.equal(progress.at(-1), 1, 'progress ends at 1');
  assert.deepEqual(
    progress,
    [...progress].sort((a, b) => a - b),
    'progress never goes back',
  );
  return result;
}

export function byId(result: ValidationResult): (id: string) => CheckResult {
  const map = new Map(result.results.map((r) => [r.id, r]));
  return (id) => {
    const found = map.get(id);
    assert.ok(found, `no result ${id}; have ${[...map.keys()].join(', ')}`);
    return found;
  };
}

const sameValue = (a: string | null, b: string | null) =>
  a === b || (a !== null && b !== null && a.trim() !== '' && Number.isFinite(Number(a)) && Number(a) === Number(b));

/**
 * The check failed with exactly the reference's offending rows: the count, and as examples
 * the first five with their line numbers and values.
 */
export function assertOffending(check: CheckResult, expected: ReferenceRow[], rows: number): void {
  assert.equal(check.status, expected.length > 0 ? 'fail' : 'pass', `${check.id}: ${check.message}`);
  assert.equal(check.offendingRows, expected.length, `${check.id} offending rows: ${check.message}`);
  assert.equal(check.offendingPercent, Number(((expected.length / rows) * 100).toFixed(4)));
  const first = expected.slice(0, 5);
  assert.deepEqual(
    check.examples.map((e) => e.line),
    first.map((r) => r.line),
    `${check.id} example lines`,
  );
  check.examples.forEach((example, i) => {
    for (const [column, value] of Object.entries(example.values)) {
      assert.ok(
        sameValue(value, first[i].values[column]),
        `${check.id} line ${example.line} ${column}: ${value} vs ${first[i].values[column]}`,
      );
    }
  });
}
