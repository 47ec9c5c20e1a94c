import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectHeader, generatedColumnNames, sniffDelimiter } from '../../../src/core/data/csvSniffer';

describe('sniffDelimiter', () => {
  it('finds the delimiter that splits rows consistently', () => {
    assert.equal(sniffDelimiter('a,b,c\n1,2,3\n4,5,6\n', ','), ',');
    assert.equal(sniffDelimiter('a;b;c\n1;2;3\n4;5;6\n', ','), ';');
    assert.equal(sniffDelimiter('a\tb\n1\t2\n', ','), '\t');
    assert.equal(sniffDelimiter('a|b\n1|2\n', ','), '|');
  });

  it('is not fooled by decimal commas or quoted delimiters', () => {
    // European CSV: ';' between fields, ',' as the decimal mark.
    assert.equal(sniffDelimiter('name;price\nx;1,5\ny;22,75\nz;3\n', ','), ';');
    assert.equal(sniffDelimiter('name,note\n"a;b;c",1\n"d;e",2\n', ','), ',');
  });

  it('ignores a last row cut off by the end of the sample', () => {
    assert.equal(sniffDelimiter('a;b\n1;2\n3;4\n5;"cut, off, here', ','), ';');
  });

  it("falls back to the extension's delimiter for a single-column file", () => {
    assert.equal(sniffDelimiter('value\n1\n2\n', ','), ',');
    assert.equal(sniffDelimiter('value\n1\n2\n', '\t'), '\t');
    assert.equal(sniffDelimiter('', ','), ',');
  });
});

describe('detectHeader', () => {
  it('sees names above typed columns', () => {
    assert.equal(
      detectHeader(
        ['date', 'temp', 'rain'],
        [
          ['2012-01-01', '12.8', '0'],
          ['2012-01-02', '10.6', '10.9'],
        ],
      ),
      true,
    );
  });

  it('sees data when the first row has the types of the rest', () => {
    assert.equal(
      detectHeader(
        ['2012-01-01', '12.8', 'rain'],
        [
          ['2012-01-02', '10.6', 'sun'],
          ['2012-01-03', '11.7', 'rain'],
        ],
      ),
      false,
    );
    assert.equal(detectHeader(['1', '2'], [['3', '4']]), false);
  });

  it('takes distinct names as a header when every column is text', () => {
    assert.equal(detectHeader(['species', 'island'], [['Adelie', 'Biscoe']]), true);
    assert.equal(detectHeader(['Adelie', 'Adelie'], [['Gentoo', 'Biscoe']]), false);
  });

  it('accepts a header-only file, and a pandas index column with no name', () => {
    assert.equal(detectHeader(['a', 'b', 'c'], []), true);
    assert.equal(
      detectHeader(
        ['', 'x', 'y'],
        [
          ['0', '1.5', 'a'],
          ['1', '2.5', 'b'],
        ],
      ),
      true,
    );
  });

  it('names generated columns from 1', () => {
    assert.deepEqual(generatedColumnNames(3), ['column_1', 'column_2', 'column_3']);
  });
});
