import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cursorContext, nodeAt } from '../../../../src/core/language/yamlCursor';
import { cursor, textAt } from './helpers';

const context = (marked: string) => {
  const { text, position } = cursor(marked);
  return cursorContext(text, position);
};
const node = (marked: string) => {
  const { text, position } = cursor(marked);
  const found = nodeAt(text, position);
  return found && { path: found.path, part: found.part, text: textAt(text, found) };
};

test("paths of keys being typed, by indentation, in nested sequences and sequences at their key's column", () => {
  assert.deepEqual(context('a:\n  b:\n    - x: 1\n    - y: 2\n      §'), {
    kind: 'key',
    path: ['a', 'b', 1],
    presentKeys: ['y'],
    word: '',
    replace: { start: { line: 5, column: 7 }, end: { line: 5, column: 7 } },
    hasColon: false,
    keyColumn: 6,
    itemPath: undefined,
  });
  assert.deepEqual(context('a:\n- x: 1\n- y: 2\n  z§')?.path, ['a', 1]);
  assert.deepEqual(context('a:\n  - - p: 1\n    - q§')?.path, ['a', 0, 1]);
  assert.deepEqual(context('"quoted key":\n  §')?.path, ['quoted key']);
  const item = context('list:\n  - one\n  - tw§');
  assert.equal(item?.kind, 'key');
  assert.deepEqual(item?.kind === 'key' ? item.itemPath : undefined, ['list', 1]);
});

test('value being typed after "key: " and scalar items with blanks', () => {
  assert.deepEqual(context('a:\n  - k: some va§lue # c'), {
    kind: 'value',
    path: ['a', 0, 'k'],
    word: 'some va',
    replace: { start: { line: 2, column: 8 }, end: { line: 2, column: 18 } },
    needsSpace: false,
  });
  assert.deepEqual(context('a:\n  - first\n  - two wo§')?.path, ['a', 1]);
});

test('block scalars and comments: no context; keys after a block scalar are found again', () => {
  assert.equal(context('a: |\n  text\n  §'), undefined);
  assert.equal(context('a: 1 # note §'), undefined);
  assert.deepEqual(context('a: >-\n  text: with colon\nb: 1\n§')?.kind, 'key');
  assert.deepEqual(context('a: >-\n  text: with colon\nb: 1\n§\n'), {
    kind: 'key',
    path: [],
    presentKeys: ['a', 'b'],
    word: '',
    replace: { start: { line: 4, column: 1 }, end: { line: 4, column: 1 } },
    hasColon: false,
    keyColumn: 0,
    itemPath: undefined,
  });
});

test('the node under the cursor: key or value, with its path', () => {
  assert.deepEqual(node('x:\n  - name: a\n  - name: b\n    ty§pe: id\n'), {
    path: ['x', 1, 'type'],
    part: 'key',
    text: 'type',
  });
  assert.deepEqual(node('x:\n  - name: a\n  - name: "b§ c"  # n\n'), {
    path: ['x', 1, 'name'],
    part: 'value',
    text: '"b c"',
  });
  assert.deepEqual(node('x:\n  - a\n  - b§b\n'), { path: ['x', 1], part: 'value', text: 'bb' });
  assert.equal(node('x: |\n  y: §z\n'), undefined);
});
