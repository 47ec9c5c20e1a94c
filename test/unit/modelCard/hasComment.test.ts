// Telling a YAML comment from a `#` inside a value, for the merge's "did the user annotate this?".
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { hasComment } from '../../../src/core/modelCard/mergeCard';

describe('hasComment', () => {
  it('finds comments on their own line and after a value', () => {
    assert.equal(hasComment('  # a note\n  - x\n'), true);
    assert.equal(hasComment(' value  # why\n'), true);
  });
  it('ignores a # inside a word or a quoted string', () => {
    assert.equal(hasComment(' C#, F# and issue#4\n'), false);
    assert.equal(hasComment(' "a # not a comment"\n'), false);
    assert.equal(hasComment(" 'it''s # fine'\n"), false);
  });
});
