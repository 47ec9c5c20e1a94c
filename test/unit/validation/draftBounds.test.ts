import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aroundCenter, ceilTo, floorTo, missingAllowance, widenRange } from '../../../src/core/validation/draftBounds';

const range = (...args: Parameters<typeof widenRange>) => {
  const { min, max } = widenRange(...args);
  return { min, max };
};

test("ranges widen by 10% of their width, rounded outward to the margin's power of ten", () => {
  // Penguin body mass: 2850 … 6300, width 3450, margin 345 → step 100.
  assert.deepEqual(range(2850, 6300, { integer: true }), { min: 2500, max: 6700 });
  // Beak depth 13.1 … 21.5: margin 0.84 → step 0.1.
  assert.deepEqual(range(13.1, 21.5), { min: 12.2, max: 22.4 });
  // Non-negative data keeps a non-negative minimum.
  assert.deepEqual(range(0, 55.9), { min: 0, max: 62 });
  // Negative data may go further down.
  assert.deepEqual(range(-7.1, 18.3), { min: -10, max: 21 });
  // Every value the same: 10% of the value on each side.
  assert.deepEqual(range(4, 4, { integer: true }), { min: 3, max: 5 });
  assert.deepEqual(range(0, 0), { min: 0, max: 1 });
  assert.equal(widenRange(0.4, 9.5).clampedAtZero, true);
  assert.equal(widenRange(1970, 1979).clampedAtZero, false);
});

test('bounds never cut into what was observed', () => {
  for (const [min, max] of [
    [0.001, 0.0042],
    [1e6, 1.0001e6],
    [-3.3, -3.1],
    [12.345, 12.345],
    [70, 82],
  ]) {
    for (const integer of [false, true]) {
      const bounds = widenRange(min, max, { integer });
      assert.ok(bounds.min <= min && bounds.max >= max, `${min} … ${max} → ${JSON.stringify(bounds)}`);
      if (integer) assert.ok(Number.isInteger(bounds.min) && Number.isInteger(bounds.max));
    }
  }
});

test('mean bounds: center ± half, rounded outward', () => {
  assert.deepEqual(aroundCenter(4201.76, 206.3), { min: 3990, max: 4410 });
  assert.deepEqual(aroundCenter(0.5, 0.01), { min: 0.49, max: 0.51 });
  assert.deepEqual(aroundCenter(0.5003, 0.01), { min: 0.49, max: 0.511 });
});

test('rounding helpers avoid binary noise', () => {
  assert.equal(floorTo(0.3, 0.1), 0.3);
  assert.equal(ceilTo(0.30000000000000004, 0.1), 0.3);
  assert.equal(ceilTo(1.21, 0.1), 1.3);
});

test('missing allowance: 1.5× plus one point, capped at 100', () => {
  assert.equal(missingAllowance(0.83), 2.3);
  assert.equal(missingAllowance(0), 1);
  assert.equal(missingAllowance(80), 100);
});
