import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findJsonErrorOffset } from '../../../src/core/data/jsonErrorLocator';

const SAMPLES = [
  '{"a": 1}',
  '[1, 2.5e-3, -0, "x\\u00e9\\n", true, false, null, {}, []]',
  '  "s"  ',
  '0',
  '{"a": }',
  '{"a" 1}',
  '{a: 1}',
  '[1,]',
  '[1 2]',
  '01',
  '1.',
  '-',
  '"abc',
  '"\\x"',
  '"\\u12g4"',
  'tru',
  'nul',
  '{"a":1}}',
  '[',
  '',
  '{"a":[1,{"b":2]}',
  '"tab\there"',
  '{"a":1,}',
];

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('findJsonErrorOffset', () => {
  it('agrees with JSON.parse on what is valid', () => {
    for (const sample of SAMPLES) assert.equal(findJsonErrorOffset(sample) === -1, parses(sample), sample);
  });

  it('points where V8 points, when V8 says a position', () => {
    let compared = 0;
    for (const sample of SAMPLES) {
      try {
        JSON.parse(sample);
      } catch (error) {
        const match = /at position (\d+)/.exec((error as Error).message);
        if (!match) continue;
        assert.equal(findJsonErrorOffset(sample), Number(match[1]), sample);
        compared++;
      }
    }
    assert.ok(compared >= 5, `only ${compared} samples had a V8 position`);
  });

  it('locates the errors V8 leaves without a position', () => {
    assert.equal(findJsonErrorOffset('{"a": }'), 6);
    assert.equal(findJsonErrorOffset('[1,]'), 3);
    assert.equal(findJsonErrorOffset('"abc'), 4);
  });
});
