// Generated CSV files for the report's size and speed checks: any number of rows and columns,
// with numbers, categories, dates, free text and missing values, from a seeded generator (the
// same file every run). Written in chunks, so a long file never sits in memory whole.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { seededRandom as random } from '../seededRandom';

const KINDS = ['number', 'category', 'integer', 'text', 'date', 'sparse'] as const;
type Kind = (typeof KINDS)[number];

export interface GeneratedTable {
  rows: number;
  columns: number;
  names: string[];
}

function cell(kind: Kind, row: number, column: number, next: () => number): string {
  switch (kind) {
    case 'number':
      return (next() * 100 + column + (next() < 0.5 ? -next() * 30 : next() * 30)).toFixed(3);
    case 'category':
      return `level_${Math.floor(next() ** 2 * (4 + (column % 7)))}`;
    case 'integer':
      return String(Math.floor(next() * 1000) - 200);
    case 'text':
      // Many distinct values, of varying length: the kind that makes top-value lists long.
      return `"note ${row % 5000} ${'x'.repeat(Math.floor(next() * 12))}, ref ${Math.floor(next() * 1e6)}"`;
    case 'date': {
      const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(next() * 1500) * 86_400_000);
      return day.toISOString().slice(0, 10);
    }
    case 'sparse':
      return next() < 0.3 ? '' : (next() * 10).toFixed(2);
  }
}

/** Writes a `rows` × `columns` CSV with a header to `path`. */
export async function writeGeneratedCsv(
  path: string,
  rows: number,
  columns: number,
  seed = 7,
): Promise<GeneratedTable> {
  const next = random(seed);
  const kinds = Array.from({ length: columns }, (_, i) => KINDS[i % KINDS.length]);
  const names = kinds.map((kind, i) => `${kind}_${String(i).padStart(3, '0')}`);
  const out = createWriteStream(path, 'utf8');
  let chunk = `${names.join(',')}\n`;
  for (let row = 0; row < rows; row += 1) {
    // A few missing cells everywhere, so the missing-value sections have content.
    chunk += `${kinds.map((kind, column) => (next() < 0.02 ? '' : cell(kind, row, column, next))).join(',')}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return { rows, columns, names };
}
