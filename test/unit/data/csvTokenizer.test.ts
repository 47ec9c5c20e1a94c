import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CsvSyntaxError, CsvTokenizer, tokenizeCsv } from '../../../src/core/data/csvTokenizer';

const fieldsOf = (text: string, delimiter = ',') => tokenizeCsv(text, delimiter).map((r) => r.fields);

/** Feeds `text` in every possible two-piece split, and one char at a time: results must not change. */
function assertChunkInvariant(text: string, delimiter = ','): void {
  const whole = tokenizeCsv(text, delimiter);
  const splits = [...Array.from({ length: text.length + 1 }, (_, i) => [text.slice(0, i), text.slice(i)]), [...text]];
  for (const pieces of splits) {
    const rows: { fields: string[]; line: number }[] = [];
    const tokenizer = new CsvTokenizer(delimiter, (fields, line) => rows.push({ fields, line }));
    for (const piece of pieces) tokenizer.push(piece);
    tokenizer.finish();
    assert.deepEqual(rows, whole, `split ${JSON.stringify(pieces.slice(0, 3))}`);
  }
}

describe('CsvTokenizer', () => {
  it('splits plain rows, with or without a final line break', () => {
    assert.deepEqual(fieldsOf('a,b,c\n1,2,3\n'), [
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    assert.deepEqual(fieldsOf('a,b,c\n1,2,3'), [
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    assert.deepEqual(fieldsOf(',a,,\n'), [['', 'a', '', '']]);
  });

  it('reads delimiters and line breaks inside quotes as text', () => {
    const rows = tokenizeCsv('id,note\n1,"hello, world"\n2,"two\nlines"\n3,x\n');
    assert.deepEqual(
      rows.map((r) => r.fields),
      [
        ['id', 'note'],
        ['1', 'hello, world'],
        ['2', 'two\nlines'],
        ['3', 'x'],
      ],
    );
    // The row after the quoted line break starts on physical line 5.
    assert.deepEqual(
      rows.map((r) => r.line),
      [1, 2, 3, 5],
    );
  });

  it('unescapes doubled quotes', () => {
    assert.deepEqual(fieldsOf('"say ""hi""",""""\n'), [['say "hi"', '"']]);
    assert.deepEqual(fieldsOf('""\n'), [['']]);
  });

  it('treats CRLF, LF and lone CR as line breaks and keeps CRLF inside quotes', () => {
    assert.deepEqual(fieldsOf('a,b\r\n1,2\r\n'), [
      ['a', 'b'],
      ['1', '2'],
    ]);
    assert.deepEqual(fieldsOf('a,b\r1,2\r'), [
      ['a', 'b'],
      ['1', '2'],
    ]);
    const rows = tokenizeCsv('a,"x\r\ny"\r\nb,c\r\n');
    assert.deepEqual(
      rows.map((r) => r.fields),
      [
        ['a', 'x\r\ny'],
        ['b', 'c'],
      ],
    );
    assert.deepEqual(
      rows.map((r) => r.line),
      [1, 3],
    );
  });

  it('drops a leading byte-order mark', () => {
    assert.deepEqual(fieldsOf('\uFEFFname,age\nAda,36\n'), [
      ['name', 'age'],
      ['Ada', '36'],
    ]);
  });

  it('reports blank lines as rows with no fields', () => {
    const rows = tokenizeCsv('a\n\n1\n\r\n2\n');
    assert.deepEqual(
      rows.map((r) => r.fields),
      [['a'], [], ['1'], [], ['2']],
    );
    assert.deepEqual(
      rows.map((r) => r.line),
      [1, 2, 3, 4, 5],
    );
  });

  it('gives ragged rows the width they have', () => {
    assert.deepEqual(
      fieldsOf('a,b,c\n1,2\n1,2,3,4\n').map((f) => f.length),
      [3, 2, 4],
    );
  });

  it('yields nothing for an empty file and one row for a header-only file', () => {
    assert.deepEqual(fieldsOf(''), []);
    assert.deepEqual(fieldsOf('\uFEFF'), []);
    assert.deepEqual(fieldsOf('a,b,c'), [['a', 'b', 'c']]);
    assert.deepEqual(fieldsOf('a,b,c\r\n'), [['a', 'b', 'c']]);
  });

  it('is lenient with stray quotes the way Python csv is', () => {
    assert.deepEqual(fieldsOf('ab"c,d\n'), [['ab"c', 'd']]);
    assert.deepEqual(fieldsOf('"ab"c,d\n'), [['abc', 'd']]);
  });

  it('reports a quoted field that never closes, with its line and column', () => {
    const tokenizer = new CsvTokenizer(',', () => undefined);
    tokenizer.push('a,b\n1,2\n3,"open\nmore\n');
    assert.throws(
      () => tokenizer.finish(),
      (error: unknown) => error instanceof CsvSyntaxError && error.line === 3 && error.column === 3,
    );
  });

  it('uses other delimiters', () => {
    assert.deepEqual(fieldsOf('a;b\n"1;5";2\n', ';'), [
      ['a', 'b'],
      ['1;5', '2'],
    ]);
    assert.deepEqual(fieldsOf('a\tb\n1\t2\n', '\t'), [
      ['a', 'b'],
      ['1', '2'],
    ]);
    assert.throws(() => new CsvTokenizer('"', () => undefined));
  });

  it('gives the same rows however the text is chunked', () => {
    assertChunkInvariant('\uFEFFa,"b ""q""",c\r\n1,"x\r\ny",3\r\n\r\n"",,\n4,5,6');
    assertChunkInvariant('x|y\r"1|2"|3\r\r4|5', '|');
  });

  it('keeps line numbers right when CRLF inside quotes is split across chunks', () => {
    const rows: number[] = [];
    const tokenizer = new CsvTokenizer(',', (_f, line) => rows.push(line));
    for (const piece of ['a,"x\r', '\ny"\n', 'b,c\n']) tokenizer.push(piece);
    tokenizer.finish();
    assert.deepEqual(rows, [1, 3]);
  });
});
