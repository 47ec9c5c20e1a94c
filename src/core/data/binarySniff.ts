// Recognises files that are not UTF-8 text before a parser turns them into nonsense: a workbook
// or a Parquet file renamed .csv should be refused with a message that says what it really is.

interface Signature {
  bytes: number[];
  what: string;
}

const SIGNATURES: Signature[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an Excel .xlsx workbook is one)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'an old Office document (Excel .xls)' },
  { bytes: [0x50, 0x41, 0x52, 0x31], what: 'a Parquet file' },
  { bytes: [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31], what: 'an Arrow IPC file' },
  { bytes: [0x1f, 0x8b], what: 'a gzip-compressed file (decompress it first)' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'a zstd-compressed file (decompress it first)' },
  { bytes: [0x42, 0x5a, 0x68], what: 'a bzip2-compressed file (decompress it first)' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], what: 'an SQLite database' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0xfe, 0xff], what: 'UTF-16 text (save it as UTF-8)' },
  { bytes: [0xff, 0xfe], what: 'UTF-16 text (save it as UTF-8)' },
];

/**
 * Says what a file is when its first bytes show it is not UTF-8 text, or returns undefined.
 * NUL bytes never occur in text files (they are how UTF-16 and binary formats show up).
 */
export function describeBinary(head: Uint8Array): string | undefined {
  for (const { bytes, what } of SIGNATURES) {
    if (head.length >= bytes.length && bytes.every((b, i) => head[i] === b)) return what;
  }
  const nul = head.indexOf(0);
  if (nul !== -1) return `a binary file (NUL byte at offset ${nul})`;
  return undefined;
}
